import { PART_CATEGORIES, type PartCategory, STATUTORY_WARRANTY } from '@anju/contracts';
import type { Db } from '../../platform/db/database.js';
import { type WarrantyPeriod, warrantyExpiry } from './warranty.js';
import { WarrantyExpiryRepository } from './warranty-expiry.repository.js';

export type ExpiringPart = {
  unitId: string;
  code: string;
  projectId: string;
  partCategory: PartCategory;
  endsOn: string;
};

/** One period in force for a category: for these projects (their override) or for all others (the default). */
type PeriodGroup = {
  category: PartCategory;
  period: WarrantyPeriod;
  projects: { only: string[] } | { except: string[] };
};

const PAGE = 500;
/** The last day of the heating and cooling seasons (warranty.ts counts seasons to these days). */
const SEASON_END_DAY = { heating_seasons: '03-15', cooling_seasons: '09-30' } as const;
const DAY_MS = 86_400_000;
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const yearsBefore = (day: string, years: number) => `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;

/**
 * Which parts of which units see their warranty end within a range of days: for each category and each period in
 * force (the default, each project's override), the units delivered in the range of days whose expiry can fall in
 * the window (a range on the delivery-day index), checked exactly with the warranty rule itself. The cost follows
 * the homes delivered in those days, not all homes.
 */
export class WarrantyExpiryService {
  constructor(private readonly db: Db) {}

  private async groups(): Promise<PeriodGroup[]> {
    const rules = await new WarrantyExpiryRepository(this.db).rules();
    return PART_CATEGORIES.flatMap((category): PeriodGroup[] => {
      const own = rules.filter((r) => r.partCategory === category);
      const fallback = own.find((r) => r.projectId === null);
      const overrides = own.filter((r) => r.projectId !== null);
      const period = (r: (typeof own)[number]): WarrantyPeriod => ({
        kind: r.periodKind as WarrantyPeriod['kind'],
        value: r.periodValue,
      });
      return [
        {
          category,
          period: fallback ? period(fallback) : STATUTORY_WARRANTY[category],
          projects: { except: overrides.map((r) => r.projectId as string) },
        },
        ...overrides.map((r) => ({ category, period: period(r), projects: { only: [r.projectId as string] } })),
      ];
    });
  }

  /** The delivery days whose expiry under `period` can fall between `from` and `to` (a superset, checked after). */
  private deliveryRange(period: WarrantyPeriod, from: string, to: string): [string, string] | null {
    if (period.kind === 'years' || period.kind === 'design_life') {
      // 29 Feb delivered ends on 28 Feb: one day of slack covers it
      return [shift(yearsBefore(from, period.value), -1), yearsBefore(to, period.value)];
    }
    // seasons end on one day a year; the Nth season ends on it in year Y for deliveries after that day of year
    // Y − N, up to that day of year Y − N + 1
    const end = SEASON_END_DAY[period.kind];
    const years: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      if (`${y}-${end}` >= from && `${y}-${end}` <= to) years.push(y);
    }
    if (years.length === 0) return null;
    const first = Math.min(...years) - period.value;
    const last = Math.max(...years) - period.value + 1;
    return [shift(`${first}-${end}`, 1), `${last}-${end}`];
  }

  /** Every part of every unit whose warranty ends between `from` and `to` (inclusive), paged internally. */
  async *endingBetween(from: string, to: string): AsyncGenerator<ExpiringPart[]> {
    const repo = new WarrantyExpiryRepository(this.db);
    for (const group of await this.groups()) {
      if ('only' in group.projects && group.projects.only.length === 0) continue;
      const range = this.deliveryRange(group.period, from, to);
      if (!range) continue;
      const [first, last] = range;
      let after: string | null = null;
      for (;;) {
        const rows = await repo.deliveredBetween(first, last, group.projects, after, PAGE);
        const parts = rows.flatMap((u): ExpiringPart[] => {
          const endsOn = warrantyExpiry(u.deliveredOn as string, group.period);
          if (endsOn < from || endsOn > to) return [];
          return [{ ...u, partCategory: group.category, endsOn }];
        });
        if (parts.length) yield parts;
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1]?.unitId ?? null;
      }
    }
  }
}
