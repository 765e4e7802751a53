import { KPI_DEFINITIONS, type KpiCode } from '@anju/contracts/analytics';

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** The month `n` months after `month` (`2026-11` + 2 → `2027-01`). */
export function monthPlus(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return iso(d).slice(0, 7);
}

/** China local midnight of a day, as an instant. */
export const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

export type Period = {
  key: string;
  kind: 'month' | 'quarter' | 'year';
  months: string[];
  fromDay: string;
  toDay: string;
};

/** `2026-11`, `2026-Q4` or `2026` → the months it spans and its first day and the day after its last. */
export function parsePeriod(key: string): Period {
  const year = Number(key.slice(0, 4));
  let first: number;
  let count: number;
  let kind: Period['kind'];
  if (key.length === 4) [first, count, kind] = [1, 12, 'year'];
  else if (key[5] === 'Q') [first, count, kind] = [(Number(key[6]) - 1) * 3 + 1, 3, 'quarter'];
  else [first, count, kind] = [Number(key.slice(5, 7)), 1, 'month'];
  const start = `${year}-${String(first).padStart(2, '0')}`;
  const months = Array.from({ length: count }, (_, i) => monthPlus(start, i));
  return {
    key,
    kind,
    months,
    fromDay: `${months[0]}-01`,
    toDay: `${monthPlus(start, count)}-01`,
  };
}

export const monthOf = (day: string) => day.slice(0, 7);
export const dayPlus = (day: string, n: number) => iso(new Date(utcDay(day).getTime() + n * 86_400_000));

/** The instant a month's snapshot is taken: 00:00 on the `snapshotDay`th of the next month. */
export function snapshotAt(month: string, snapshotDay: number): Date {
  return chinaMidnight(`${monthPlus(month, 1)}-${String(snapshotDay).padStart(2, '0')}`);
}

/** A batch's day-46 instant (00:00 after day D+45), when K4 is taken and frozen. */
export const day46 = (deliveredOn: string) => chinaMidnight(dayPlus(deliveredOn, 46));

/** Whether a figure meets its target (null: no data, neither met nor missed). */
export function meets(kpi: KpiCode, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  const eps = 1e-9;
  return KPI_DEFINITIONS[kpi].direction === 'at_least' ? value >= target - eps : value <= target + eps;
}

/** A figure from its sums: K11 is the share without a mismatch; every other KPI is numerator ÷ denominator. */
export function figureOf(kpi: KpiCode, n: number, d: number): number | null {
  if (d === 0) return null;
  return kpi === 'K11' ? 1 - n / d : n / d;
}

/** A per-household repair KPI's target is halved for a batch (or a scope) of 毛坯 units only. */
export const halved = (kpi: KpiCode, target: number, bare: boolean | null) =>
  KPI_DEFINITIONS[kpi].bareHalving && bare ? target / 2 : target;
