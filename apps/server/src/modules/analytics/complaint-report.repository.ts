import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { likePrefix } from '../../platform/rbac/scope.js';

type Window = { scopePath: string; from: Date; to: Date; department: string | null };

/**
 * The monthly complaint report's counts (投诉月报, decisions §34: read-only reads of tickets and their events):
 * tickets reported in the month in a scope (neither cancelled nor merged), optionally only those dispatched to one
 * department.
 */
export class ComplaintReportRepository {
  constructor(private readonly db: Executor) {}

  private where(w: Window): SQL {
    return sql`t.reported_at >= ${w.from} and t.reported_at < ${w.to} and t.org_path like ${likePrefix(w.scopePath)}
      and t.status <> 'cancelled' and t.merged_into is null
      ${w.department ? sql`and t.assignee_org_id = ${w.department}` : sql``}`;
  }

  /** Counts by one column of the ticket. */
  countBy(w: Window, column: 'type' | 'channel' | 'category_code' | 'complaint_cause', onlyType?: string) {
    return queryRows<{ key: string | null; count: number }>(
      this.db,
      sql`select t.${sql.raw(column)} as key, count(*)::int as count from tickets t
          where ${this.where(w)} ${onlyType ? sql`and t.type = ${onlyType}` : sql``}
          group by 1 order by 2 desc, 1`,
    );
  }

  byProject(w: Window) {
    return queryRows<{ projectId: string | null; name: string; count: number }>(
      this.db,
      sql`select t.project_id as "projectId", coalesce(p.name, '') as name, count(*)::int as count
          from tickets t left join org_units p on p.id = t.project_id
          where ${this.where(w)} group by 1, 2 order by 3 desc, 2`,
    );
  }

  /** Tickets of the scope reopened in the month, and tickets that escalated in the month. */
  async reopenedAndEscalated(w: Omit<Window, 'department'> & { department: string | null }) {
    const [row] = await queryRows<{ reopened: number; escalated: number }>(
      this.db,
      sql`select
        (select count(distinct e.ticket_id) from ticket_events e join tickets t on t.id = e.ticket_id
          where e.at >= ${w.from} and e.at < ${w.to} and e.from_status in ('closed', 'completed')
            and e.to_status not in ('closed', 'completed', 'cancelled') and t.org_path like ${likePrefix(w.scopePath)}
            ${w.department ? sql`and t.assignee_org_id = ${w.department}` : sql``})::int as reopened,
        (select count(distinct e.ticket_id) from ticket_events e join tickets t on t.id = e.ticket_id
          where e.at >= ${w.from} and e.at < ${w.to} and e.kind = 'escalation'
            and t.org_path like ${likePrefix(w.scopePath)}
            ${w.department ? sql`and t.assignee_org_id = ${w.department}` : sql``})::int as escalated`,
    );
    return row ?? { reopened: 0, escalated: 0 };
  }

  /** The most frequent project × type × category (repairs) or cause (complaints). */
  topProblems(w: Window, limit: number) {
    return queryRows<{ projectName: string; type: string; key: string | null; count: number }>(
      this.db,
      sql`select coalesce(p.name, '') as "projectName", t.type,
            case when t.type = 'complaint' then t.complaint_cause else t.category_code end as key, count(*)::int as count
          from tickets t left join org_units p on p.id = t.project_id
          where ${this.where(w)} and t.type in ('complaint', 'repair')
          group by 1, 2, 3 order by 4 desc, 1, 2, 3 limit ${limit}`,
    );
  }

  /** The defect categories' names in both languages. */
  categoryNames() {
    return queryRows<{ code: string; zh: string; en: string }>(
      this.db,
      sql`select code, name_zh as zh, name_en as en from defect_categories`,
    );
  }
}
