import { type ListTicketsQuery, TICKET_COUNT_CAP } from '@anju/contracts';
import { and, asc, type Column, eq, exists, getTableColumns, inArray, lte, notInArray, or, sql } from 'drizzle-orm';
import type { AUDIT_COLUMNS } from '../../platform/audit/audit.service.js';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { isVersionConflict } from '../../platform/db/pg-errors.js';
import { runStatement } from '../../platform/db/statement.js';
import { rowReader } from '../../platform/db/table-rows.js';
import { likePrefix, withinScope } from '../../platform/rbac/scope.js';
import { orgUnits } from '../org/org.tables.js';
import { calendarOfJson } from '../sla/clock.service.js';
import { type ClockPatch, clockWriter, type NewSlaClock, readClock, type SlaClockRow } from '../sla/clock-rows.js';
import type { BusinessCalendar } from '../sla/working-time.js';
import {
  addEventsStatement,
  changeStateStatement,
  type DetailRaw,
  detailStatement,
  eventWriter,
  findInScopeStatement,
  findStatement,
  nextNumberStatement,
  openStatement,
  refreshQueueStatement,
  ticketWriter,
  transitionText,
} from './ticket.statements.js';
import {
  type CallbackRow,
  type TicketEventRow,
  type TicketRow,
  ticketEvents,
  tickets,
  type WorkOrderRow,
  workOrders,
} from './ticket.tables.js';

export type OrgNode = { id: string; type: string; name: string; path: string };
export type TicketDetail = {
  ticket: TicketRow;
  /** The name of the ticket's project (the org directory's node), read in the page's statement. */
  projectName: string | null;
  /** With the name of the department or contractor holding each (K1). */
  clocks: (SlaClockRow & { holderName: string | null })[];
  events: TicketEventRow[];
  workOrders: (WorkOrderRow & { assigneeOrgName: string })[];
  callback: CallbackRow | null;
  mergedInto: { id: string; number: string } | null;
};

export type TicketChangeState = { ticket: TicketRow; open: SlaClockRow[]; calendar: BusinessCalendar };

export type TicketInsert = Omit<typeof tickets.$inferInsert, 'number'>;
export type EventInsert = typeof ticketEvents.$inferInsert;
export type AuditRowInsert = Record<(typeof AUDIT_COLUMNS)[number], unknown>;

const readTicket = rowReader(tickets);
const readEvent = rowReader(ticketEvents);
const readWorkOrder = rowReader(workOrders);
/** The page's callback (a survey request's columns, as JSON). */
const readCallback = (raw: Record<string, unknown>): CallbackRow => ({
  id: raw.id as string,
  status: raw.status as string,
  attempts: raw.attempts as number,
  score: (raw.score as number | null) ?? null,
  comment: (raw.comment as string | null) ?? null,
  recordedAt: raw.recorded_at ? new Date(raw.recorded_at as string) : null,
  createdAt: new Date(raw.created_at as string),
});

const readPage = (d: DetailRaw): TicketDetail => ({
  ticket: readTicket(d.ticket),
  projectName: d.project_name,
  clocks: d.clocks.map((c) => Object.assign(readClock(c), { holderName: (c.holder_name as string | null) ?? null })),
  events: d.events.map(readEvent),
  workOrders: d.work_orders.map((w) =>
    Object.assign(readWorkOrder(w), { assigneeOrgName: w.assignee_org_name as string }),
  ),
  callback: d.callback ? readCallback(d.callback) : null,
  mergedInto: d.merged as TicketDetail['mergedInto'],
});

const TICKET_COLUMN: Record<string, Column> = getTableColumns(tickets);
const ticketColumn = (key: string) => {
  const column = TICKET_COLUMN[key];
  if (!column) throw new Error(`tickets has no column ${key}`);
  return column;
};

export type TicketCursor = { at: Date; id: string };
/** A queue row: the ticket and its project's name (the org directory's node, read in the list's statement). */
export type TicketListRow = TicketRow & { projectName: string | null };
export type TicketScope = { id: string; type: string; path: string };

/** The only place with queries on tickets and their events, clocks, work orders and callbacks. */
export class TicketRepository {
  constructor(private readonly db: Executor) {}

  /** An active node and the city company its path lies under, in one statement. */
  async find(id: string): Promise<TicketRow | null> {
    const [row] = await findStatement(this.db, [id]);
    return row ? readTicket(row) : null;
  }

  /** Tickets by id (a page of the SLA sweep's subjects). */
  findMany(ids: string[]): Promise<TicketRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(tickets).where(inArray(tickets.id, ids));
  }

  async findInScope(id: string, scopePath: string): Promise<TicketRow | null> {
    const [row] = await findInScopeStatement(this.db, [id, likePrefix(scopePath)]);
    return row ? readTicket(row) : null;
  }

  /** A new ticket with its clocks, first events and audit rows, numbered from the day's counter, and its page: one statement. */
  async open(p: {
    ticket: TicketInsert;
    prefix: string;
    day: string;
    clocks: NewSlaClock[];
    events: EventInsert[];
    audit: AuditRowInsert[];
    /** taken beforehand with `nextNumber`; null: taken by this statement */
    number: string | null;
    /** `EventBus.rows` of the ticket's domain events */
    domainEvents: { events: string; routes: string };
  }): Promise<TicketDetail> {
    const [row] = await openStatement(this.db, [
      p.prefix,
      p.day,
      JSON.stringify(ticketWriter.row({ ...p.ticket, number: '' })),
      JSON.stringify(p.clocks.map(clockWriter.row)),
      JSON.stringify(p.events.map(eventWriter.row)),
      JSON.stringify(p.audit),
      p.number,
      p.domainEvents.events,
      p.domainEvents.routes,
    ]);
    return readPage((row as { d: DetailRaw }).d);
  }

  /** A ticket number of its own, committed at once (a gap is left when the create then fails). */
  async nextNumber(prefix: string, day: string): Promise<string> {
    const [row] = await nextNumberStatement(this.db, [prefix, day]);
    return (row as { number: string }).number;
  }

  /** The ticket page in one statement, when the ticket lies within `scopePath`. */
  async detail(id: string, scopePath: string): Promise<TicketDetail | null> {
    const [row] = await detailStatement(this.db, [id, likePrefix(scopePath)]);
    return row ? readPage(row.d) : null;
  }

  /** A ticket within `scopePath` with what changing it needs: its open clocks and its company's calendar. */
  async changeState(id: string, scopePath: string): Promise<TicketChangeState | null> {
    const [row] = await changeStateStatement(this.db, [id, likePrefix(scopePath)]);
    if (!row) return null;
    return { ticket: readTicket(row.ticket), open: row.clocks.map(readClock), calendar: calendarOfJson(row.calendar) };
  }

  /**
   * One transition's writes in one statement (see `transitionText`): clock patches and new clocks, the ticket's
   * optimistic update with its queue fields, events, audit rows and customer-timeline rows. Answers the ticket page,
   * or null when `version` is stale (nothing written).
   */
  async transition(w: {
    id: string;
    version: number;
    patch: Partial<typeof tickets.$inferInsert>;
    clockPatches: ClockPatch[];
    newClocks: NewSlaClock[];
    events: EventInsert[];
    audit: AuditRowInsert[];
    timeline: Record<string, unknown>[];
    /** `EventBus.rows` of the move's domain events (recorded only when the update applies) */
    domainEvents: { events: string; routes: string };
  }): Promise<TicketDetail | null> {
    const keys = Object.keys(w.patch).filter((k) => (w.patch as Record<string, unknown>)[k] !== undefined);
    const values = keys.map((k) => {
      const value = (w.patch as Record<string, unknown>)[k];
      return value === null ? null : ticketColumn(k).mapToDriverValue(value);
    });
    try {
      const [row] = await runStatement<{ d: DetailRaw }>(
        this.db,
        'ticket_transition',
        transitionText(keys.map((k) => ticketColumn(k).name)),
        [
          w.id,
          w.version,
          JSON.stringify(w.clockPatches),
          JSON.stringify(w.newClocks.map(clockWriter.row)),
          JSON.stringify(w.events.map(eventWriter.row)),
          JSON.stringify(w.audit),
          JSON.stringify(w.timeline),
          w.domainEvents.events,
          w.domainEvents.routes,
          ...values,
        ],
      );
      return readPage((row as { d: DetailRaw }).d);
    } catch (err) {
      if (isVersionConflict(err)) return null;
      throw err;
    }
  }

  /** Sets a ticket's KPI fields at `version` (moving it on); null when the version is stale. */
  async updateFields(
    id: string,
    version: number,
    patch: Partial<Pick<TicketRow, 'leak' | 'drawingMismatch' | 'complaintCause' | 'responsibleOrgId'>>,
    at: Date,
  ): Promise<TicketRow | null> {
    const [row] = await this.db
      .update(tickets)
      .set({ ...patch, updatedAt: at, version: version + 1 })
      .where(and(eq(tickets.id, id), eq(tickets.version, version)))
      .returning();
    return row ?? null;
  }

  /** Sets the priority of these tickets (a group case's), each a new version. */
  async setPriority(ids: string[], priority: string, at: Date) {
    if (ids.length === 0) return;
    await this.db
      .update(tickets)
      .set({ priority, updatedAt: at, version: sql`${tickets.version} + 1` })
      .where(inArray(tickets.id, ids));
  }

  async addEvents(events: EventInsert[]) {
    await addEventsStatement(this.db, [JSON.stringify(events.map(eventWriter.row))]);
  }

  /** The ticket when one of its work orders in `statuses` is assigned to the user or one of `orgIds`. */
  async assignedTo(id: string, statuses: string[], userId: string, orgIds: string[]): Promise<TicketRow | null> {
    const [row] = await this.db
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.id, id),
          exists(
            this.db
              .select({ one: sql`1` })
              .from(workOrders)
              .where(
                and(
                  eq(workOrders.ticketId, tickets.id),
                  inArray(workOrders.status, statuses),
                  or(eq(workOrders.assigneeUserId, userId), inArray(workOrders.assigneeOrgId, orgIds)),
                ),
              ),
          ),
        ),
      );
    return row ?? null;
  }

  /** Tickets on hold whose resume date (China time) has come, earliest first. */
  holdsDueToResume(today: string, limit: number): Promise<TicketRow[]> {
    return this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.status, 'on_hold'), lte(tickets.resumeOn, today)))
      .orderBy(asc(tickets.resumeOn))
      .limit(limit);
  }

  events(ticketId: string) {
    return this.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.id))
      .limit(500);
  }

  /** The queue fields of these tickets from their clocks as they now stand (after the sweep, a work order's clock). */
  async refreshQueueFields(ticketIds: string[]) {
    if (ticketIds.length) await refreshQueueStatement(this.db, [JSON.stringify(ticketIds)]);
  }

  async workOrders(ticketId: string) {
    const rows = await this.db
      .select({ w: workOrders, assigneeOrgName: orgUnits.name })
      .from(workOrders)
      .innerJoin(orgUnits, eq(orgUnits.id, workOrders.assigneeOrgId))
      .where(eq(workOrders.ticketId, ticketId))
      .orderBy(asc(workOrders.seq));
    return rows.map((r) => ({ ...r.w, assigneeOrgName: r.assigneeOrgName }));
  }

  /** The callback that matters (a pending one, else the newest): the surveys module's repair_callback request. */
  async latestCallback(ticketId: string): Promise<CallbackRow | null> {
    const [row] = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select id, status, attempts, score, comment, recorded_at, created_at from survey_requests
           where subject_id = ${ticketId} and subject_type = 'ticket' and kind = 'repair_callback'
           order by status = 'pending' desc, created_at desc limit 1`,
    );
    return row ? readCallback(row) : null;
  }

  /**
   * The queue: keyset pagination newest-first or by deadline, each ticket with its project's name, in one
   * statement (the name is a primary-key lookup per returned row).
   */
  list(scope: TicketScope, f: ListTicketsQuery, cursor: TicketCursor | null): Promise<TicketListRow[]> {
    const byDue = f.sort === 'due';
    const order = byDue
      ? [sql`${tickets.nextDueAt} asc nulls last`, asc(tickets.id)]
      : // NULLS LAST to match the indexes drizzle-kit writes (the columns are never null).
        [sql`${tickets.createdAt} desc nulls last`, sql`${tickets.id} desc nulls last`];
    const after = cursor
      ? byDue
        ? sql`(${tickets.nextDueAt}, ${tickets.id}) > (${cursor.at}, ${cursor.id})`
        : sql`(${tickets.createdAt}, ${tickets.id}) < (${cursor.at}, ${cursor.id})`
      : undefined;
    return this.db
      .select({
        ...getTableColumns(tickets),
        projectName: sql<string | null>`(select p.name from org_units p where p.id = ${tickets.projectId})`,
      })
      .from(tickets)
      .where(and(...this.queueFilters(scope, f), after))
      .orderBy(...order)
      .limit(f.limit + 1);
  }

  /** How many tickets the queue's filters match, counted up to TICKET_COUNT_CAP + 1 (more reads "10,000+"). */
  async count(scope: TicketScope, f: ListTicketsQuery): Promise<number> {
    const matching = this.db
      .select({ one: sql`1` })
      .from(tickets)
      .where(and(...this.queueFilters(scope, f)))
      .limit(TICKET_COUNT_CAP + 1)
      .as('matching');
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(matching);
    return Number(row?.n ?? 0);
  }

  /**
   * The queue's filters. A city company's or a project's staff filter on that column too, so the query walks that
   * index in order; the path prefix still decides what is visible.
   */
  private queueFilters(scope: TicketScope, f: ListTicketsQuery) {
    return [
      withinScope(tickets.orgPath, scope.path),
      scope.type === 'city_company' ? eq(tickets.companyId, scope.id) : undefined,
      scope.type === 'project' ? eq(tickets.projectId, scope.id) : undefined,
      f.status ? eq(tickets.status, f.status) : undefined,
      f.open ? notInArray(tickets.status, ['completed', 'cancelled']) : undefined,
      // Only open tickets have a deadline (closed and cancelled ones have no running clock).
      f.sort === 'due' ? sql`${tickets.nextDueAt} is not null` : undefined,
      f.type ? eq(tickets.type, f.type) : undefined,
      f.projectId ? eq(tickets.projectId, f.projectId) : undefined,
      f.categoryCode ? eq(tickets.categoryCode, f.categoryCode) : undefined,
      f.leak !== undefined ? eq(tickets.leak, f.leak) : undefined,
      f.complaintCause ? eq(tickets.complaintCause, f.complaintCause) : undefined,
      f.warning !== undefined ? eq(tickets.warning, f.warning) : undefined,
      f.overdue !== undefined ? eq(tickets.overdue, f.overdue) : undefined,
      f.assigneeUserId ? eq(tickets.assigneeUserId, f.assigneeUserId) : undefined,
      f.assigneeOrgId ? eq(tickets.assigneeOrgId, f.assigneeOrgId) : undefined,
      f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
      // One home has a handful of tickets: tickets_unit_idx finds them, the order by sorts that few.
      f.unitId ? eq(tickets.unitId, f.unitId) : undefined,
      f.q
        ? /^[A-Za-z]{2}\d/.test(f.q)
          ? sql`${tickets.number} like ${`${f.q.toUpperCase()}%`}`
          : sql`${tickets.title} like ${`%${f.q}%`}`
        : undefined,
    ];
  }
}
