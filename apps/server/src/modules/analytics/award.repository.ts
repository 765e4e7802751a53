import { and, asc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { awardEntries } from './analytics.tables.js';

export type ProjectSum = { projectId: string; period: string; n: number; d: number; batches?: number };

const runsOfYear = (year: number, lastMonth: string) =>
  sql`select id, period from kpi_runs where current and batch_key = '' and period >= ${`${year}-01`} and period <= ${lastMonth}`;

/**
 * The quality awards' figures (decisions §34: read-only reads of the runs' facts and of the units, ownerships and
 * batches that decide eligibility), and the awards entered by hand.
 */
export class AwardRepository {
  constructor(private readonly db: Executor) {}

  /** K7 per project and month of the year, counting only households moved in from 1 Jan to 31 Jul. */
  leakSums(year: number): Promise<ProjectSum[]> {
    return queryRows(
      this.db,
      sql`with hh as (
            select o.unit_id from ownerships o group by o.unit_id
            having min(coalesce(o.move_in_date, o.delivery_date)) between ${`${year}-01-01`}::date and ${`${year}-07-31`}::date
          ), runs as (${runsOfYear(year, `${year}-12`)})
          select f.scope_id as "projectId", r.period, sum(f.numerator)::float8 as n, sum(f.denominator)::float8 as d
          from kpi_facts f join runs r on r.id = f.run_id
          left join tickets t on f.record_type = 'ticket' and t.id = f.record_id
          join hh on hh.unit_id = coalesce(t.unit_id, f.record_id)
          where f.kpi = 'K7'
          group by 1, 2`,
    );
  }

  /**
   * K8 per project over its batches delivered in the year that are not 毛坯 (a batch is 毛坯 when every unit is),
   * items limited to one defect category when given. A December batch's figure is in January's run.
   */
  deliverySums(year: number, category: string | null): Promise<ProjectSum[]> {
    return queryRows(
      this.db,
      sql`with runs as (${runsOfYear(year, `${year + 1}-01`)})
          select f.scope_id as "projectId", '' as period,
            sum(case when f.record_type = 'ticket' and (${category}::text is null or f.category = ${category}::text)
              then f.numerator else 0 end)::float8 as n,
            sum(f.denominator)::float8 as d, count(distinct f.batch_id)::int as batches
          from kpi_facts f join runs r on r.id = f.run_id
          join delivery_batches b on b.id = f.batch_id
          where f.kpi = 'K8' and b.actual_date >= ${`${year}-01-01`}::date and b.actual_date <= ${`${year}-12-31`}::date
            and exists (select 1 from units u where u.delivery_batch_id = b.id and u.finish <> 'bare')
          group by 1`,
    );
  }

  /** K11 at the year's end per project, over its phases whose first household moved in during the year. */
  drawingSums(year: number, lastMonth: string): Promise<ProjectSum[]> {
    return queryRows(
      this.db,
      sql`with phases as (
            select bl.project_id, 'phase:' || bl.phase as phase from buildings bl
            join units u on u.building_id = bl.id join ownerships o on o.unit_id = u.id
            group by 1, 2
            having min(coalesce(o.move_in_date, o.delivery_date)) between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
          ), run as (
            select id from kpi_runs where current and batch_key = '' and period <= ${lastMonth}
              and period >= ${`${year}-01`} order by period desc limit 1
          )
          select f.scope_id as "projectId", '' as period, sum(f.numerator)::float8 as n, sum(f.denominator)::float8 as d,
            count(distinct f.category)::int as batches
          from kpi_facts f join run on run.id = f.run_id
          join phases p on p.project_id = f.scope_id and p.phase = f.category
          where f.kpi = 'K11'
          group by 1`,
    );
  }

  entries(year: number) {
    return this.db.select().from(awardEntries).where(eq(awardEntries.year, year)).orderBy(asc(awardEntries.awardedOn));
  }

  /** The project's first professional award of the year (one per project and year; a later entry replaces it). */
  async putEntry(row: typeof awardEntries.$inferInsert) {
    const [saved] = await this.db
      .insert(awardEntries)
      .values(row)
      .onConflictDoUpdate({
        target: [awardEntries.award, awardEntries.year, awardEntries.projectId],
        set: { title: row.title, awardedOn: row.awardedOn, createdBy: row.createdBy, createdAt: row.createdAt },
      })
      .returning();
    return saved;
  }

  entry(award: string, year: number, projectId: string) {
    return this.db
      .select()
      .from(awardEntries)
      .where(and(eq(awardEntries.award, award), eq(awardEntries.year, year), eq(awardEntries.projectId, projectId)))
      .then((r) => r[0]);
  }
}
