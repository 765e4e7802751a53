import { and, desc, eq, gte, lt, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { type PropertyVisitRow, projects, propertyVisits, units } from './property.tables.js';

export type VisitFilter = {
  scopePath: string;
  projectId?: string;
  /** YYYY-MM */
  month?: string;
  /** The last row of the previous page (visits come newest day first). */
  after?: { d: string; id: string } | null;
  limit: number;
};
export type VisitListRow = PropertyVisitRow & { unitCode: string };

/** The first day of the month after `month` (YYYY-MM). */
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** Every query on property visits (物业走访). */
export class PropertyVisitRepository {
  constructor(private readonly db: Executor) {}

  /** Visits in scope, newest day first, one row more than `limit` (a next page). */
  list(f: VisitFilter): Promise<VisitListRow[]> {
    return this.db
      .select({ visit: propertyVisits, unitCode: units.code })
      .from(propertyVisits)
      .innerJoin(units, eq(units.id, propertyVisits.unitId))
      .where(
        and(
          withinScope(propertyVisits.orgPath, f.scopePath),
          f.projectId ? eq(propertyVisits.projectId, f.projectId) : undefined,
          f.month ? gte(propertyVisits.visitedOn, `${f.month}-01`) : undefined,
          f.month ? lt(propertyVisits.visitedOn, nextMonth(f.month)) : undefined,
          f.after
            ? or(
                lt(propertyVisits.visitedOn, f.after.d),
                and(eq(propertyVisits.visitedOn, f.after.d), lt(propertyVisits.id, f.after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(propertyVisits.visitedOn), desc(propertyVisits.id))
      .limit(f.limit + 1)
      .then((rows) => rows.map((r) => Object.assign(r.visit, { unitCode: r.unitCode })));
  }

  /** A unit's project and code (null when unknown). */
  async unit(id: string): Promise<{ id: string; projectId: string; code: string } | null> {
    const [row] = await this.db
      .select({ id: units.id, projectId: units.projectId, code: units.code })
      .from(units)
      .where(eq(units.id, id));
    return row ?? null;
  }

  async projectExists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: projects.orgUnitId }).from(projects).where(eq(projects.orgUnitId, id));
    return Boolean(row);
  }

  async insert(row: typeof propertyVisits.$inferInsert): Promise<PropertyVisitRow> {
    const [created] = await this.db.insert(propertyVisits).values(row).returning();
    return created as PropertyVisitRow;
  }
}
