import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { isRootPath, likePrefix } from '../../platform/rbac/scope.js';
import { type NoticeRow, noticeReads, notices } from './notice.tables.js';

/** A list row; the service adds the project's name from the org directory. */
export type NoticeListRow = NoticeRow & { projectName: string; read?: boolean; readCount?: number };
type After = { at: Date; id: string } | null;

const columns = sql`n.id, n.project_id as "projectId", n.org_path as "orgPath", n.category, n.title, n.body,
  n.image_ids as "imageIds", n.published_at as "publishedAt", n.created_by as "createdBy",
  n.created_by_name as "createdByName", n.created_at as "createdAt"`;

const dated = (r: Omit<NoticeListRow, 'projectName'>): NoticeListRow => ({
  ...r,
  projectName: '',
  publishedAt: new Date(r.publishedAt),
  createdAt: new Date(r.createdAt),
});
const afterClause = (after: After) =>
  after ? sql`and (n.published_at, n.id) < (${after.at}, ${after.id}::uuid)` : sql``;

/** The only queries on notices and their reads. */
export class NoticeRepository {
  constructor(private readonly db: Executor) {}

  async insert(values: typeof notices.$inferInsert): Promise<NoticeRow> {
    const [row] = await this.db.insert(notices).values(values).returning();
    return row as NoticeRow;
  }

  async setImages(id: string, imageIds: string[]) {
    await this.db.update(notices).set({ imageIds }).where(sql`${notices.id} = ${id}`);
  }

  /** The console's list: notices under the reader's subtree (optionally one project) with read counts. */
  async listInScope(scopePath: string, q: { projectId?: string; after: After; limit: number }) {
    const pattern = likePrefix(scopePath);
    const rows = await queryRows<Omit<NoticeListRow, 'projectName'>>(
      this.db,
      sql`select ${columns}, (select count(*)::int from notice_reads r where r.notice_id = n.id) as "readCount"
            from notices n
           where ${isRootPath(scopePath) ? sql`true` : sql`n.org_path like ${pattern}`}
             ${q.projectId ? sql`and n.project_id = ${q.projectId}` : sql``} ${afterClause(q.after)}
           order by n.published_at desc, n.id desc limit ${q.limit}`,
    );
    return rows.map(dated);
  }

  /** The portal's list: notices of these projects with this person's read flag. */
  async listForProjects(
    projectIds: string[],
    customerId: string,
    q: { unread?: boolean; after: After; limit: number },
  ) {
    if (projectIds.length === 0) return [];
    const rows = await queryRows<Omit<NoticeListRow, 'projectName'>>(
      this.db,
      sql`select ${columns}, (r.customer_id is not null) as read
            from notices n
            left join notice_reads r on r.notice_id = n.id and r.customer_id = ${customerId}
           where n.project_id in (select jsonb_array_elements_text(${JSON.stringify(projectIds)}::jsonb)::uuid)
             ${q.unread ? sql`and r.customer_id is null` : sql``} ${afterClause(q.after)}
           order by n.published_at desc, n.id desc limit ${q.limit}`,
    );
    return rows.map(dated);
  }

  async find(id: string): Promise<NoticeRow | null> {
    const [row] = await this.db.select().from(notices).where(sql`${notices.id} = ${id}`);
    return row ?? null;
  }

  async markRead(noticeId: string, customerId: string, at: Date) {
    await this.db.insert(noticeReads).values({ noticeId, customerId, readAt: at }).onConflictDoNothing();
  }
}
