import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { type JourneyTaskRow, journeyTasks, journeyTaskTickets } from './journey.tables.js';

export type NewJourneyTask = Omit<typeof journeyTasks.$inferInsert, 'id'> & { id: string };
export type TaskMove = { id: string; dueDate: string; anchorUsed: string; anchorDate: string };
export type TaskFilter = {
  scopePath: string;
  status?: string;
  projectId?: string;
  stepKey?: string;
  dueBefore?: string;
  subjectId?: string;
};

/** Every query on journey tasks. */
export class JourneyTaskRepository {
  constructor(private readonly db: Executor) {}

  /** The tasks of these subjects (every status: done tasks are never generated again). */
  ofSubjects(subjectIds: string[]): Promise<JourneyTaskRow[]> {
    if (subjectIds.length === 0) return Promise.resolve([]);
    return this.db.select().from(journeyTasks).where(inArray(journeyTasks.subjectId, subjectIds));
  }

  findMany(ids: string[]): Promise<JourneyTaskRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(journeyTasks).where(inArray(journeyTasks.id, ids));
  }

  /**
   * Per project and step: tasks due between two days in the scope (not cancelled), done, done by their due day, and
   * open past it (`today`). Reads the queue index's range of the scope and due days.
   */
  completion(scopePath: string, f: { projectId?: string; from: string; to: string; today: string }) {
    return queryRows<{
      projectId: string;
      stepKey: string;
      nameZh: string;
      nameEn: string;
      due: number;
      done: number;
      doneOnTime: number;
      overdue: number;
    }>(
      this.db,
      sql`select project_id as "projectId", step_key as "stepKey", min(name_zh) as "nameZh", min(name_en) as "nameEn",
                 count(*)::int as due,
                 count(*) filter (where status = 'done')::int as done,
                 count(*) filter (where status = 'done'
                                    and (completed_at at time zone 'Asia/Shanghai')::date <= due_date)::int as "doneOnTime",
                 count(*) filter (where status = 'open' and due_date < ${f.today}::date)::int as overdue
            from ${journeyTasks}
           where ${withinScope(journeyTasks.orgPath, scopePath)} and status in ('open', 'done')
             and due_date between ${f.from}::date and ${f.to}::date
             ${f.projectId ? sql`and project_id = ${f.projectId}` : sql``}
           group by project_id, step_key
           order by project_id, min(due_date), step_key
           limit 2000`,
    );
  }

  /** The repair tickets the task's failed items opened. */
  tickets(taskId: string) {
    return this.db
      .select()
      .from(journeyTaskTickets)
      .where(eq(journeyTaskTickets.taskId, taskId))
      .orderBy(asc(journeyTaskTickets.createdAt), asc(journeyTaskTickets.itemKey));
  }

  async linkTicket(taskId: string, itemKey: string, ticket: { id: string; number: string }, at: Date) {
    await this.db
      .insert(journeyTaskTickets)
      .values({ taskId, itemKey, ticketId: ticket.id, ticketNumber: ticket.number, createdAt: at });
  }

  /** Writes new tasks; a task another planner wrote first (same subject, step, occurrence) is skipped. */
  async insertMany(rows: NewJourneyTask[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const written = await this.db
      .insert(journeyTasks)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: journeyTasks.id });
    return written.map((r) => r.id);
  }

  /** Open tasks whose anchor moved take the new due date. */
  async move(moves: TaskMove[], now: Date) {
    if (moves.length === 0) return;
    await queryRows(
      this.db,
      sql`update journey_tasks t set due_date = m.due_date, anchor_used = m.anchor_used, anchor_date = m.anchor_date,
                 version = t.version + 1, updated_at = ${now}
            from json_to_recordset(${JSON.stringify(
              moves.map((m) => ({
                id: m.id,
                due_date: m.dueDate,
                anchor_used: m.anchorUsed,
                anchor_date: m.anchorDate,
              })),
            )}::json) as m(id uuid, due_date date, anchor_used text, anchor_date date)
           where t.id = m.id and t.status = 'open'`,
    );
  }

  async cancel(ids: string[], now: Date) {
    if (ids.length === 0) return;
    await this.db
      .update(journeyTasks)
      .set({ status: 'cancelled', updatedAt: now, version: sql`${journeyTasks.version} + 1` })
      .where(and(inArray(journeyTasks.id, ids), eq(journeyTasks.status, 'open')));
  }

  /** A page of tasks in scope by due date, then id (cursor: the last row's due date and id). */
  list(f: TaskFilter, after: { dueDate: string; id: string } | null, limit: number): Promise<JourneyTaskRow[]> {
    return this.db
      .select()
      .from(journeyTasks)
      .where(
        and(
          withinScope(journeyTasks.orgPath, f.scopePath),
          f.status ? eq(journeyTasks.status, f.status) : undefined,
          f.projectId ? eq(journeyTasks.projectId, f.projectId) : undefined,
          f.stepKey ? eq(journeyTasks.stepKey, f.stepKey) : undefined,
          f.dueBefore ? lte(journeyTasks.dueDate, f.dueBefore) : undefined,
          f.subjectId ? eq(journeyTasks.subjectId, f.subjectId) : undefined,
          after
            ? or(
                gt(journeyTasks.dueDate, after.dueDate),
                and(eq(journeyTasks.dueDate, after.dueDate), gt(journeyTasks.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(journeyTasks.dueDate), asc(journeyTasks.id))
      .limit(limit);
  }

  async find(id: string, scopePath: string): Promise<JourneyTaskRow | null> {
    const [row] = await this.db
      .select()
      .from(journeyTasks)
      .where(and(eq(journeyTasks.id, id), withinScope(journeyTasks.orgPath, scopePath)));
    return row ?? null;
  }

  /** A try that did not reach the owner: counted with its note, the task stays open at the next version. */
  async recordAttempt(id: string, version: number, notes: string | null, at: Date): Promise<JourneyTaskRow | null> {
    const [row] = await this.db
      .update(journeyTasks)
      .set({
        attempts: sql`${journeyTasks.attempts} + 1`,
        outcome: 'not_reached',
        notes,
        updatedAt: at,
        version: sql`${journeyTasks.version} + 1`,
      })
      .where(and(eq(journeyTasks.id, id), eq(journeyTasks.version, version), eq(journeyTasks.status, 'open')))
      .returning();
    return row ?? null;
  }

  /** Records a task's outcome when it is still open at `version`; null on a stale or closed task. */
  async complete(
    id: string,
    version: number,
    values: Pick<JourneyTaskRow, 'outcome' | 'notes' | 'checklist' | 'completedBy'>,
    at: Date,
  ): Promise<JourneyTaskRow | null> {
    const [row] = await this.db
      .update(journeyTasks)
      .set({ ...values, status: 'done', completedAt: at, updatedAt: at, version: sql`${journeyTasks.version} + 1` })
      .where(and(eq(journeyTasks.id, id), eq(journeyTasks.version, version), eq(journeyTasks.status, 'open')))
      .returning();
    return row ?? null;
  }
}
