import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { likePrefix } from '../../platform/rbac/scope.js';
import { surveyBenchmarks } from './analytics.tables.js';

type Share = { n: number; d: number };

/**
 * The survey dashboard's figures (decisions §34: read-only reads of survey requests and answers): each dimension's
 * top-box share of a year's annual survey in a scope, loyalty, and overall satisfaction by stage and by service.
 */
export class SurveyDashboardRepository {
  constructor(private readonly db: Executor) {}

  dimensions(scopePath: string, from: Date, to: Date) {
    return queryRows<Share & { dimension: string }>(
      this.db,
      sql`select a.dimension, count(*) filter (where a.score >= 4)::int as n, count(*)::int as d
          from survey_requests r join survey_answers a on a.request_id = r.id
          where r.kind = 'annual' and r.status = 'answered' and r.recorded_at >= ${from} and r.recorded_at < ${to}
            and r.org_path like ${likePrefix(scopePath)} and a.dimension is not null and a.score is not null
          group by 1`,
    );
  }

  /** Respondents who answered overall, repurchase and referral; loyal: all three 4–5. */
  async loyalty(scopePath: string, from: Date, to: Date): Promise<Share> {
    const [row] = await queryRows<Share>(
      this.db,
      sql`select count(*) filter (where o >= 4 and rp >= 4 and rf >= 4)::int as n, count(*)::int as d from (
            select max(a.score) filter (where a.dimension = 'overall') as o,
                   max(a.score) filter (where a.dimension = 'repurchase') as rp,
                   max(a.score) filter (where a.dimension = 'referral') as rf
            from survey_requests r join survey_answers a on a.request_id = r.id
            where r.kind = 'annual' and r.status = 'answered' and r.recorded_at >= ${from} and r.recorded_at < ${to}
              and r.org_path like ${likePrefix(scopePath)}
            group by r.id
          ) x where o is not null and rp is not null and rf is not null`,
    );
    return row ?? { n: 0, d: 0 };
  }

  /** Overall satisfaction (any survey's `overall` question) grouped by the respondent's stage or the service. */
  overallBy(column: 'stage' | 'service', scopePath: string, from: Date, to: Date) {
    return queryRows<Share & { key: string }>(
      this.db,
      sql`select r.${sql.raw(column)} as key, count(*) filter (where a.score >= 4)::int as n, count(*)::int as d
          from survey_requests r join survey_answers a on a.request_id = r.id and a.question_key = 'overall'
          where r.status = 'answered' and r.recorded_at >= ${from} and r.recorded_at < ${to}
            and r.org_path like ${likePrefix(scopePath)} and a.score is not null and r.${sql.raw(column)} is not null
          group by 1`,
    );
  }

  benchmarks(scopeIds: string[], years: number[]) {
    return this.db
      .select()
      .from(surveyBenchmarks)
      .where(and(inArray(surveyBenchmarks.scopeId, scopeIds), inArray(surveyBenchmarks.year, years)));
  }

  async putBenchmarks(rows: (typeof surveyBenchmarks.$inferInsert)[]) {
    if (rows.length === 0) return;
    await this.db
      .insert(surveyBenchmarks)
      .values(rows)
      .onConflictDoUpdate({
        target: [surveyBenchmarks.scopeId, surveyBenchmarks.year, surveyBenchmarks.dimension, surveyBenchmarks.kind],
        set: { value: sql`excluded.value`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`excluded.updated_at` },
      });
  }

  benchmarkCount(scopeId: string) {
    return this.db.$count(surveyBenchmarks, eq(surveyBenchmarks.scopeId, scopeId));
  }
}
