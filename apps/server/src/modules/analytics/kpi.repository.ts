import { and, asc, desc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { runStatement } from '../../platform/db/statement.js';
import { type KpiRunRow, kpiFacts, kpiRuns, kpiTargets, kpiValues } from './analytics.tables.js';
import type { FactStatement } from './kpi-facts.sql.js';

export type NewRun = typeof kpiRuns.$inferInsert;
export type NewValue = typeof kpiValues.$inferInsert;
/** A run's sums per KPI, scope and batch (or phase); `bare`: every counted unit is 毛坯. */
export type Sum = { kpi: string; scopeId: string; batchKey: string; n: number; d: number; bare: boolean | null };

/** The queries of the KPI engine on its own tables; the fact statements (kpi-facts.sql.ts) run through `facts`. */
export class KpiRepository {
  constructor(private readonly db: Executor) {}

  /** Serialises work on one period (or one batch's day-46 run) across instances, until the transaction ends. */
  async lock(key: string) {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kpi:${key}`}, 0))`);
  }

  /** On PostgreSQL a month of the whole group runs longer than a request's statement limit. */
  async unlimitedStatements() {
    await this.db.execute(sql`set local statement_timeout = 0`);
  }

  current(period: string, batchKey = ''): Promise<KpiRunRow | undefined> {
    return this.db
      .select()
      .from(kpiRuns)
      .where(and(eq(kpiRuns.period, period), eq(kpiRuns.batchKey, batchKey), eq(kpiRuns.current, true)))
      .then((r) => r[0]);
  }

  currentMany(periods: string[]): Promise<KpiRunRow[]> {
    if (periods.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(kpiRuns)
      .where(and(inArray(kpiRuns.period, periods), eq(kpiRuns.batchKey, ''), eq(kpiRuns.current, true)));
  }

  /** The current month runs from `month` on, oldest first. */
  currentSince(month: string): Promise<KpiRunRow[]> {
    return this.db
      .select()
      .from(kpiRuns)
      .where(and(gte(kpiRuns.period, month), eq(kpiRuns.batchKey, ''), eq(kpiRuns.current, true)))
      .orderBy(asc(kpiRuns.period));
  }

  /** The closed versions of a period, newest first. */
  closedVersions(period: string, batchKey = ''): Promise<KpiRunRow[]> {
    return this.db
      .select()
      .from(kpiRuns)
      .where(and(eq(kpiRuns.period, period), eq(kpiRuns.batchKey, batchKey), eq(kpiRuns.state, 'closed')))
      .orderBy(desc(kpiRuns.version));
  }

  async nextVersion(period: string, batchKey: string): Promise<number> {
    const [row] = await queryRows<{ v: number }>(
      this.db,
      sql`select coalesce(max(version), 0)::int + 1 as v from kpi_runs where period = ${period} and batch_key = ${batchKey}`,
    );
    return row?.v ?? 1;
  }

  async insertRun(run: NewRun): Promise<KpiRunRow> {
    const [row] = await this.db.insert(kpiRuns).values(run).returning();
    return row as KpiRunRow;
  }

  /** Runs one fact statement with its parameters; answers the rows it inserted. */
  async facts(statement: FactStatement, params: unknown[]): Promise<void> {
    await runStatement(this.db, statement.label, statement.text, params);
  }

  factCount(runId: string): Promise<number> {
    return queryRows<{ n: number }>(
      this.db,
      sql`select count(*)::int as n from kpi_facts where run_id = ${runId}`,
    ).then((r) => r[0]?.n ?? 0);
  }

  /**
   * A run's sums per KPI for every scope and batch: each leaf scope's batch or phase figures, and every scope's own
   * figure pooled up the org tree (a contractor's K1 stays its own: only departments pool into their company).
   */
  sums(runId: string): Promise<Sum[]> {
    return queryRows<Sum>(
      this.db,
      sql`with leaf as (
        select kpi, scope_id, scope_path, (kpi = 'K1' and company_id is null) as alone,
          coalesce(batch_id::text, case when kpi = 'K11' then category end, '') as batch_key,
          sum(numerator) as n, sum(denominator) as d,
          bool_and(finish = 'bare') filter (where denominator > 0) as bare
        from kpi_facts where run_id = ${runId}
        group by 1, 2, 3, 4, 5
      )
      select kpi, scope_id as "scopeId", batch_key as "batchKey", n::float8 as n, d::float8 as d, bare
      from leaf where batch_key <> ''
      union all
      select l.kpi, a.id::uuid, '', sum(l.n)::float8, sum(l.d)::float8, bool_and(l.bare)
      from leaf l
      cross join lateral unnest(string_to_array(trim(both '/' from l.scope_path), '/')) with ordinality as a(id, depth)
      where not l.alone or a.id = l.scope_id::text
      group by l.kpi, a.id`,
    );
  }

  async insertValues(rows: NewValue[]) {
    for (let i = 0; i < rows.length; i += 1000) await this.db.insert(kpiValues).values(rows.slice(i, i + 1000));
  }

  /** Makes `runId` the period's current run; an earlier provisional run of the period is dropped with its facts. */
  async makeCurrent(run: KpiRunRow) {
    await this.db
      .update(kpiRuns)
      .set({ current: false })
      .where(and(eq(kpiRuns.period, run.period), eq(kpiRuns.batchKey, run.batchKey), eq(kpiRuns.current, true)));
    await this.db
      .delete(kpiRuns)
      .where(and(eq(kpiRuns.period, run.period), eq(kpiRuns.batchKey, run.batchKey), eq(kpiRuns.state, 'provisional')));
    await this.db.update(kpiRuns).set({ current: true }).where(eq(kpiRuns.id, run.id));
  }

  values(runIds: string[], filter: { kpi?: string; scopeIds?: string[]; batchKey?: string }) {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(kpiValues)
      .where(
        and(
          inArray(kpiValues.runId, runIds),
          filter.kpi ? eq(kpiValues.kpi, filter.kpi) : undefined,
          filter.scopeIds ? inArray(kpiValues.scopeId, filter.scopeIds) : undefined,
          filter.batchKey !== undefined ? eq(kpiValues.batchKey, filter.batchKey) : undefined,
        ),
      );
  }

  /** The facts behind one figure, by id (keyset pages); `scopePath` takes the scope's whole subtree. */
  drilldown(
    runId: string,
    kpi: string,
    scopePath: string,
    opts: { batchId?: string; numeratorOnly: boolean; afterId: number | null; limit: number },
  ) {
    return this.db
      .select()
      .from(kpiFacts)
      .where(
        and(
          eq(kpiFacts.runId, runId),
          eq(kpiFacts.kpi, kpi),
          sql`${kpiFacts.scopePath} like ${`${scopePath}%`}`,
          opts.batchId ? eq(kpiFacts.batchId, opts.batchId) : undefined,
          opts.numeratorOnly ? gt(kpiFacts.numerator, 0) : undefined,
          opts.afterId !== null ? gt(kpiFacts.id, opts.afterId) : undefined,
        ),
      )
      .orderBy(asc(kpiFacts.id))
      .limit(opts.limit);
  }

  targets(year: number) {
    return this.db.select().from(kpiTargets).where(eq(kpiTargets.year, year));
  }

  target(companyId: string, year: number, kpi: string) {
    return this.db
      .select()
      .from(kpiTargets)
      .where(and(eq(kpiTargets.companyId, companyId), eq(kpiTargets.year, year), eq(kpiTargets.kpi, kpi)))
      .then((r) => r[0]);
  }

  /** Writes a target; with `expected` only over that version (null: only when none exists). Answers the row or null. */
  async putTarget(row: typeof kpiTargets.$inferInsert, expected: number | null) {
    if (expected === null) {
      const [created] = await this.db.insert(kpiTargets).values(row).onConflictDoNothing().returning();
      return created ?? null;
    }
    const [updated] = await this.db
      .update(kpiTargets)
      .set({ target: row.target, updatedBy: row.updatedBy, updatedAt: row.updatedAt, version: expected + 1 })
      .where(
        and(
          eq(kpiTargets.companyId, row.companyId),
          eq(kpiTargets.year, row.year),
          eq(kpiTargets.kpi, row.kpi),
          eq(kpiTargets.version, expected),
        ),
      )
      .returning();
    return updated ?? null;
  }
}
