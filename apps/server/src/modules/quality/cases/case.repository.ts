import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import {
  type GroupCaseRow,
  type GroupCaseTaskRow,
  groupCases,
  groupCaseTasks,
  groupCaseTickets,
  groupCaseUpdates,
} from './case.tables.js';

export type CaseUpdateInsert = typeof groupCaseUpdates.$inferInsert;

/** Every query of group cases. */
export class CaseRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: typeof groupCases.$inferInsert): Promise<GroupCaseRow | null> {
    const [created] = await this.db.insert(groupCases).values(row).onConflictDoNothing().returning();
    return created ?? null;
  }

  async update(id: string, version: number | null, patch: Partial<typeof groupCases.$inferInsert>) {
    const [row] = await this.db
      .update(groupCases)
      .set({ ...patch, version: sql`${groupCases.version} + 1` })
      .where(and(eq(groupCases.id, id), version === null ? undefined : eq(groupCases.version, version)))
      .returning();
    return row ?? null;
  }

  async inScope(id: string, scopePath: string): Promise<GroupCaseRow | null> {
    const [row] = await this.db
      .select()
      .from(groupCases)
      .where(and(eq(groupCases.id, id), withinScope(groupCases.orgPath, scopePath)));
    return row ?? null;
  }

  list(f: { scopePath: string; status?: string; before?: { at: Date; id: string }; limit: number }) {
    return this.db
      .select()
      .from(groupCases)
      .where(
        and(
          withinScope(groupCases.orgPath, f.scopePath),
          f.status ? eq(groupCases.status, f.status) : undefined,
          f.before
            ? or(
                lt(groupCases.createdAt, f.before.at),
                and(eq(groupCases.createdAt, f.before.at), lt(groupCases.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(groupCases.createdAt), desc(groupCases.id))
      .limit(f.limit + 1);
  }

  /** Linked tickets and open tasks of a page of cases, in two statements. */
  async counts(caseIds: string[]) {
    if (caseIds.length === 0) return { tickets: new Map<string, number>(), tasks: new Map<string, number>() };
    const tickets = await this.db
      .select({ id: groupCaseTickets.caseId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(groupCaseTickets)
      .where(inArray(groupCaseTickets.caseId, caseIds))
      .groupBy(groupCaseTickets.caseId);
    const tasks = await this.db
      .select({ id: groupCaseTasks.caseId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(groupCaseTasks)
      .where(and(inArray(groupCaseTasks.caseId, caseIds), eq(groupCaseTasks.status, 'open')))
      .groupBy(groupCaseTasks.caseId);
    return {
      tickets: new Map(tickets.map((r) => [r.id, r.n])),
      tasks: new Map(tasks.map((r) => [r.id, r.n])),
    };
  }

  tasks(caseId: string): Promise<GroupCaseTaskRow[]> {
    return this.db.select().from(groupCaseTasks).where(eq(groupCaseTasks.caseId, caseId)).orderBy(groupCaseTasks.seq);
  }

  async tasksByIds(ids: string[]) {
    if (ids.length === 0) return [];
    return this.db.select().from(groupCaseTasks).where(inArray(groupCaseTasks.id, ids));
  }

  async addTask(row: Omit<typeof groupCaseTasks.$inferInsert, 'seq'>) {
    const [created] = await this.db
      .insert(groupCaseTasks)
      .values({
        ...row,
        seq: sql`(select coalesce(max(${groupCaseTasks.seq}), 0) + 1 from ${groupCaseTasks} where ${groupCaseTasks.caseId} = ${row.caseId})`,
      })
      .returning();
    return created as GroupCaseTaskRow;
  }

  async completeTask(caseId: string, taskId: string, by: string, at: Date, note: string) {
    const [row] = await this.db
      .update(groupCaseTasks)
      .set({ status: 'done', doneAt: at, doneBy: by, note })
      .where(and(eq(groupCaseTasks.id, taskId), eq(groupCaseTasks.caseId, caseId), eq(groupCaseTasks.status, 'open')))
      .returning();
    return row ?? null;
  }

  updates(caseId: string) {
    return this.db
      .select()
      .from(groupCaseUpdates)
      .where(eq(groupCaseUpdates.caseId, caseId))
      .orderBy(groupCaseUpdates.id);
  }

  async addUpdates(rows: CaseUpdateInsert[]) {
    if (rows.length) await this.db.insert(groupCaseUpdates).values(rows);
  }

  /** Links tickets to a case; answers the ones newly linked. */
  async link(caseId: string, ticketIds: string[], at: Date): Promise<string[]> {
    if (ticketIds.length === 0) return [];
    const rows = await this.db
      .insert(groupCaseTickets)
      .values([...new Set(ticketIds)].map((ticketId) => ({ caseId, ticketId, linkedAt: at })))
      .onConflictDoNothing()
      .returning({ id: groupCaseTickets.ticketId });
    return rows.map((r) => r.id);
  }

  caseTickets(caseId: string) {
    return this.db.select().from(groupCaseTickets).where(eq(groupCaseTickets.caseId, caseId));
  }

  async consent(caseId: string, ticketIds: string[] | 'all', by: string, at: Date) {
    const rows = await this.db
      .update(groupCaseTickets)
      .set({ consentAt: at, consentBy: by })
      .where(
        and(
          eq(groupCaseTickets.caseId, caseId),
          isNull(groupCaseTickets.consentAt),
          ticketIds === 'all' ? undefined : inArray(groupCaseTickets.ticketId, ticketIds),
        ),
      )
      .returning({ id: groupCaseTickets.ticketId });
    return rows.map((r) => r.id);
  }

  /** The open case holding a ticket's close back (linked, no consent yet), if any. */
  async blockingCase(ticketId: string) {
    const [row] = await this.db
      .select({ id: groupCases.id, number: groupCases.number })
      .from(groupCaseTickets)
      .innerJoin(groupCases, eq(groupCases.id, groupCaseTickets.caseId))
      .where(
        and(eq(groupCaseTickets.ticketId, ticketId), isNull(groupCaseTickets.consentAt), eq(groupCases.status, 'open')),
      )
      .limit(1);
    return row ?? null;
  }

  async byIds(ids: string[]) {
    if (ids.length === 0) return [];
    return this.db.select().from(groupCases).where(inArray(groupCases.id, ids));
  }
}
