import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { likePrefix } from '../../platform/rbac/scope.js';

const OPEN = sql`t.status not in ('closed', 'completed', 'cancelled')`;

/**
 * The live counts of the manager's and department's dashboards (decisions §34: read-only reads of the tickets,
 * clocks, work orders and callbacks in a scope), and the KPI facts summed under filters the snapshot values do not
 * carry (product type, finish).
 */
export class DashboardRepository {
  constructor(private readonly db: Executor) {}

  async ticketCounts(scopePath: string, now: Date, todayStart: Date, yesterdayStart: Date) {
    const path = likePrefix(scopePath);
    const [row] = await queryRows<Record<string, number>>(
      this.db,
      sql`select
        (select count(*) from tickets t where t.created_at >= ${todayStart} and t.org_path like ${path})::int as "newToday",
        (select count(*) from tickets t where ${OPEN} and t.org_path like ${path})::int as "open",
        (select count(*) from tickets t where ${OPEN} and t.overdue and t.org_path like ${path})::int as "overdue",
        (select count(*) from tickets t where ${OPEN} and t.escalation_level > 0 and t.org_path like ${path})::int as "escalated",
        (select count(*) from sla_clocks c where c.due_at >= ${yesterdayStart} and c.due_at < ${now}
           and c.breached_at is not null and c.org_path like ${path})::int as "breachedSinceYesterday",
        (select count(*) from survey_requests r where r.status = 'pending' and r.kind = 'repair_callback'
           and r.org_path like ${path})::int as "callbacksDue"`,
    );
    return row as Record<
      'newToday' | 'open' | 'overdue' | 'escalated' | 'breachedSinceYesterday' | 'callbacksDue',
      number
    >;
  }

  /** Of the tickets closed since `since`, how many were reopened at least once. */
  async reopenRate(scopePath: string, since: Date) {
    const [row] = await queryRows<{ closed: number; reopened: number }>(
      this.db,
      sql`select count(*)::int as closed, count(*) filter (where t.reopen_count > 0)::int as reopened
          from tickets t where t.closed_at >= ${since} and t.org_path like ${likePrefix(scopePath)}`,
    );
    return row ?? { closed: 0, reopened: 0 };
  }

  /** Open tickets by how long ago they were reported. */
  backlog(scopePath: string, now: Date) {
    return queryRows<{ bucket: string; count: number }>(
      this.db,
      sql`select case
            when age < interval '1 day' then 'lt1d' when age < interval '3 days' then 'd1to3'
            when age < interval '7 days' then 'd3to7' when age < interval '30 days' then 'd7to30' else 'gt30d' end as bucket,
          count(*)::int as count
          from (select ${now}::timestamptz - t.reported_at as age from tickets t
                where ${OPEN} and t.org_path like ${likePrefix(scopePath)}) a
          group by 1`,
    );
  }

  /** Work orders held by a department or contractor: open ones, and open ones past their deadline. */
  async workOrders(orgId: string, now: Date) {
    const [row] = await queryRows<{ open: number; overdue: number; tickets: number }>(
      this.db,
      sql`select
        (select count(*) from work_orders w where w.assignee_org_id = ${orgId}
           and w.status in ('open', 'accepted', 'in_progress'))::int as open,
        (select count(*) from work_orders w where w.assignee_org_id = ${orgId}
           and w.status in ('open', 'accepted', 'in_progress') and w.due_at < ${now})::int as overdue,
        (select count(*) from tickets t where t.assignee_org_id = ${orgId} and ${OPEN})::int as tickets`,
    );
    return row ?? { open: 0, overdue: 0, tickets: 0 };
  }

  /** The day-46 runs frozen since `since`: their K4 value per batch, for the projects in scope. */
  recentDay46(scopePath: string, since: Date) {
    return queryRows<{
      batchId: string;
      projectId: string;
      period: string;
      value: number | null;
      target: number | null;
      met: boolean | null;
    }>(
      this.db,
      sql`select v.batch_key as "batchId", v.scope_id as "projectId", r.period, v.value::float8 as value,
            v.target::float8 as target, v.met
          from kpi_runs r join kpi_values v on v.run_id = r.id and v.kpi = 'K4' and v.batch_key = r.batch_key
          join org_units p on p.id = v.scope_id
          where r.batch_key <> '' and r.current and r.as_of >= ${since} and p.path like ${likePrefix(scopePath)}
          order by r.as_of desc limit 50`,
    );
  }

  /** Runs' own figures (no batch) of a scope and of the projects under it. */
  subtreeValues(runIds: string[], scope: { id: string; path: string }) {
    return queryRows<{ runId: string; kpi: string; scopeId: string; n: number; d: number; target: number | null }>(
      this.db,
      sql`select v.run_id as "runId", v.kpi, v.scope_id as "scopeId", v.numerator::float8 as n,
            v.denominator::float8 as d, v.target::float8 as target
          from kpi_values v join org_units o on o.id = v.scope_id
          where v.run_id in (select value::uuid from json_array_elements_text(${JSON.stringify(runIds)}::json))
            and v.batch_key = '' and (o.id = ${scope.id} or (o.type = 'project' and o.path like ${likePrefix(scope.path)}))`,
    );
  }

  /** Runs' facts in a subtree summed per run, KPI and leaf scope, limited to a product type and/or finish. */
  filteredSums(runIds: string[], scopePath: string, filter: { productType?: string; finish?: string }) {
    return queryRows<{ runId: string; kpi: string; scopeId: string; n: number; d: number }>(
      this.db,
      sql`select run_id as "runId", kpi, scope_id as "scopeId", sum(numerator)::float8 as n, sum(denominator)::float8 as d
          from kpi_facts
          where run_id in (select value::uuid from json_array_elements_text(${JSON.stringify(runIds)}::json))
            and scope_path like ${likePrefix(scopePath)}
            ${filter.productType ? sql`and product_type = ${filter.productType}` : sql``}
            ${filter.finish ? sql`and finish = ${filter.finish}` : sql``}
          group by 1, 2, 3`,
    );
  }
}
