import { and, asc, between, gt, inArray, notInArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { units, type WarrantyRuleRow, warrantyRules } from './property.tables.js';

/** The queries behind warranty-expiry reminders: every warranty rule, and units delivered within a range of days. */
export class WarrantyExpiryRepository {
  constructor(private readonly db: Executor) {}

  /** The whole rule table (company-wide defaults and project overrides: one row per category at most each). */
  rules(): Promise<WarrantyRuleRow[]> {
    return this.db.select().from(warrantyRules);
  }

  /**
   * Units delivered between two days (inclusive), of these projects only or of all but these, after a unit id
   * (keyset paging by id within the range).
   */
  deliveredBetween(
    from: string,
    to: string,
    projects: { only: string[] } | { except: string[] },
    afterId: string | null,
    limit: number,
  ) {
    const scope =
      'only' in projects
        ? inArray(units.projectId, projects.only)
        : projects.except.length
          ? notInArray(units.projectId, projects.except)
          : undefined;
    return this.db
      .select({
        unitId: units.id,
        code: units.code,
        projectId: units.projectId,
        deliveredOn: units.deliveredOn,
      })
      .from(units)
      .where(and(between(units.deliveredOn, from, to), scope, afterId ? gt(units.id, afterId) : undefined))
      .orderBy(asc(units.id))
      .limit(limit);
  }
}
