import type { ScorecardFigures } from '@anju/contracts/scorecards';
import { chinaMidnight, monthPlus, parsePeriod } from '../../analytics/kpi-periods.js';
import type { ScorecardSums } from './scorecard.repository.js';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);
const hours = (v: number | null) => (v === null ? null : round(v, 1));

/** A period's instants: from 00:00 of its first day to 00:00 after its last (Asia/Shanghai). */
export function periodRange(key: string) {
  const p = parsePeriod(key);
  return { ...p, from: chinaMidnight(p.fromDay), to: chinaMidnight(p.toDay) };
}

/** The period of the same length just before: the month, quarter or year before. */
export function previousPeriod(key: string): string {
  const p = parsePeriod(key);
  if (p.kind === 'year') return String(Number(key) - 1);
  if (p.kind === 'month') return monthPlus(key, -1);
  const first = monthPlus(p.months[0] as string, -3);
  return `${first.slice(0, 4)}-Q${Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1}`;
}

const EMPTY: Omit<ScorecardSums, 'supplierId' | 'category' | 'projectId' | 'batchId'> = {
  repairs: 0,
  repeats: 0,
  fixed: 0,
  avgHours: null,
  p90Hours: null,
  callbacks: 0,
  satisfied: 0,
  rootCaused: 0,
  material: 0,
  workmanship: 0,
};

/** A cell's figures from its sums and the delivered units it is divided by (docs/quality.md, "Scorecards"). */
export function figuresOf(sums: Partial<ScorecardSums> | undefined, deliveredUnits: number): ScorecardFigures {
  const s = { ...EMPTY, ...sums };
  return {
    repairs: s.repairs,
    deliveredUnits,
    per100Units: deliveredUnits > 0 ? round((s.repairs * 100) / deliveredUnits, 2) : null,
    repeats: s.repeats,
    repeatShare: share(s.repeats, s.repairs),
    fixed: s.fixed,
    avgHoursToFix: hours(s.avgHours),
    p90HoursToFix: hours(s.p90Hours),
    callbacks: s.callbacks,
    satisfied: s.satisfied,
    satisfaction: share(s.satisfied, s.callbacks),
    rootCaused: s.rootCaused,
    materialShare: share(s.material, s.rootCaused),
    workmanshipShare: share(s.workmanship, s.rootCaused),
  };
}

/**
 * Ranks suppliers by repairs per 100 delivered units, fewest first (no delivered units: last), then by callback
 * satisfaction, highest first, then by name. Answers each supplier's rank.
 */
export function rankSuppliers(
  rows: { supplierId: string; name: string; figures: ScorecardFigures }[],
): Map<string, number> {
  const last = (v: number | null, dir: 1 | -1) => (v === null ? Number.POSITIVE_INFINITY : v * dir);
  const sorted = [...rows].sort(
    (a, b) =>
      last(a.figures.per100Units, 1) - last(b.figures.per100Units, 1) ||
      last(a.figures.satisfaction, -1) - last(b.figures.satisfaction, -1) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  return new Map(sorted.map((r, i) => [r.supplierId, i + 1]));
}

/** Better: fewer repairs per 100 delivered units than the previous period; null when either has no data. */
export function trendOf(now: number | null, before: number | null): 'better' | 'worse' | 'same' | null {
  if (now === null || before === null) return null;
  if (Math.abs(now - before) < 0.005) return 'same';
  return now < before ? 'better' : 'worse';
}
