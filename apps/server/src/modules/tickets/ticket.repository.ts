import type { ListTicketsQuery } from '@anju/contracts';
import { and, asc, desc, eq, notInArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { orgUnits } from '../org/org.tables.js';
import { rowReader } from './row-reader.js';
import {
  type CallbackRow,
  callbacks,
  type SlaClockRow,
  slaClocks,
  type TicketEventRow,
  type TicketRow,
  ticketEvents,
  ticketNumberSeq,
  tickets,
  type WorkOrderRow,
  workOrders,
} from './ticket.tables.js';

export type OrgNode = { id: string; type: string; name: string; path: string };
export type TicketDetail = {
  ticket: TicketRow;
  clocks: SlaClockRow[];
  events: TicketEventRow[];
  workOrders: (WorkOrderRow & { assigneeOrgName: string })[];
  callback: CallbackRow | null;
  mergedInto: { id: string; number: string } | null;
};

export const readTicket = rowReader(tickets);
const readClock = rowReader(slaClocks);
const readEvent = rowReader(ticketEvents);
const readWorkOrder = rowReader(workOrders);
const readCallback = rowReader(callbacks);
type Raw = Record<string, unknown>;
type DetailRaw = Raw & { _clocks: Raw[]; _events: Raw[]; _work_orders: Raw[]; _callback: Raw | null; _merged: Raw | null };
export type TicketCursor = { at: Date; id: string };
export type TicketScope = { id: string; type: string; path: string };

/** The only place with queries on tickets and their events, clocks, work orders and callbacks. */
export class TicketRepository {
  constructor(private readonly db: Executor) {}

  async orgNode(id: string): Promise<OrgNode | null> {
    const [row] = await this.db
      .select({ id: orgUnits.id, type: orgUnits.type, name: orgUnits.name, path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.id, id), eq(orgUnits.active, true)));
    return row ?? null;
  }

  /** The city company a path lies under (projects always have one). */
  async companyOf(path: string): Promise<OrgNode | null> {
    const [row] = await queryRows<OrgNode>(
      this.db,
      sql`select id, type, name, path from org_units where type = 'city_company' and ${path} like path || '%' limit 1`,
    );
    return row ?? null;
  }

  /** Next number for a prefix and local day, handed out atomically (concurrent creates never share one). */
  async nextNumber(prefix: string, day: string): Promise<string> {
    const [row] = await this.db
      .insert(ticketNumberSeq)
      .values({ prefix, day, last: 1 })
      .onConflictDoUpdate({
        target: [ticketNumberSeq.prefix, ticketNumberSeq.day],
        set: { last: sql`${ticketNumberSeq.last} + 1` },
      })
      .returning({ last: ticketNumberSeq.last });
    return `${prefix}${day}-${String(row?.last ?? 1).padStart(4, '0')}`;
  }

  async insert(values: typeof tickets.$inferInsert): Promise<TicketRow> {
    const [row] = await this.db.insert(tickets).values(values).returning();
    return row as TicketRow;
  }

  async find(id: string): Promise<TicketRow | null> {
    const [row] = await this.db.select().from(tickets).where(eq(tickets.id, id));
    return row ?? null;
  }

  async findInScope(id: string, scopePath: string): Promise<TicketRow | null> {
    const [row] = await this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.id, id), withinScope(tickets.orgPath, scopePath)));
    return row ?? null;
  }

  /**
   * What the ticket page shows, in one statement: the row (when within `scopePath`) with its clocks, events, work
   * orders, the callback that matters (a pending one, else the latest) and the ticket it was merged into.
   */
  async detail(id: string, scopePath: string): Promise<TicketDetail | null> {
    const [raw] = await queryRows<DetailRaw>(
      this.db,
      sql`select t.*,
            (select coalesce(json_agg(c), '[]') from
               (select * from sla_clocks where ticket_id = t.id order by started_at limit 200) c) as _clocks,
            (select coalesce(json_agg(e), '[]') from
               (select * from ticket_events where ticket_id = t.id order by id limit 500) e) as _events,
            (select coalesce(json_agg(w), '[]') from
               (select w.*, o.name as assignee_org_name from work_orders w join org_units o on o.id = w.assignee_org_id
                 where w.ticket_id = t.id order by w.seq) w) as _work_orders,
            (select row_to_json(b) from
               (select * from callbacks where ticket_id = t.id
                 order by status = 'pending' desc, created_at desc limit 1) b) as _callback,
            (select json_build_object('id', m.id, 'number', m.number) from tickets m where m.id = t.merged_into) as _merged
          from tickets t where t.id = ${id} and ${withinScope(sql`t.org_path`, scopePath)}`,
    );
    if (!raw) return null;
    return {
      ticket: readTicket(raw),
      clocks: raw._clocks.map(readClock),
      events: raw._events.map(readEvent),
      workOrders: raw._work_orders.map((w) => ({ ...readWorkOrder(w), assigneeOrgName: w.assignee_org_name as string })),
      callback: raw._callback ? readCallback(raw._callback) : null,
      mergedInto: raw._merged as TicketDetail['mergedInto'],
    };
  }

  /** Optimistic update: null when someone else changed the ticket first (the caller answers 409). */
  async update(id: string, version: number, patch: Partial<typeof tickets.$inferInsert>): Promise<TicketRow | null> {
    const [row] = await this.db
      .update(tickets)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(tickets.id, id), eq(tickets.version, version)))
      .returning();
    return row ?? null;
  }

  addEvent(values: typeof ticketEvents.$inferInsert) {
    return this.db.insert(ticketEvents).values(values);
  }

  events(ticketId: string) {
    return this.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.id))
      .limit(500);
  }

  clocks(ticketId: string) {
    return this.db
      .select()
      .from(slaClocks)
      .where(eq(slaClocks.ticketId, ticketId))
      .orderBy(asc(slaClocks.startedAt))
      .limit(200);
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

  async latestCallback(ticketId: string) {
    const [row] = await this.db
      .select()
      .from(callbacks)
      .where(eq(callbacks.ticketId, ticketId))
      .orderBy(sql`${callbacks.status} = 'pending' desc`, desc(callbacks.createdAt))
      .limit(1);
    return row ?? null;
  }

  /**
   * The queue: keyset pagination newest-first or by deadline. A city company's or a project's staff filter on
   * that column too, so the query walks that index in order; the path prefix still decides what is visible.
   */
  list(scope: TicketScope, f: ListTicketsQuery, cursor: TicketCursor | null) {
    const scopePath = scope.path;
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
      .select()
      .from(tickets)
      .where(
        and(
          withinScope(tickets.orgPath, scopePath),
          scope.type === 'city_company' ? eq(tickets.companyId, scope.id) : undefined,
          scope.type === 'project' ? eq(tickets.projectId, scope.id) : undefined,
          f.status ? eq(tickets.status, f.status) : undefined,
          f.open ? notInArray(tickets.status, ['completed', 'cancelled']) : undefined,
          // Only open tickets have a deadline (closed and cancelled ones have no running clock).
          byDue ? sql`${tickets.nextDueAt} is not null` : undefined,
          f.type ? eq(tickets.type, f.type) : undefined,
          f.projectId ? eq(tickets.projectId, f.projectId) : undefined,
          f.categoryCode ? eq(tickets.categoryCode, f.categoryCode) : undefined,
          f.warning !== undefined ? eq(tickets.warning, f.warning) : undefined,
          f.overdue !== undefined ? eq(tickets.overdue, f.overdue) : undefined,
          f.assigneeUserId ? eq(tickets.assigneeUserId, f.assigneeUserId) : undefined,
          f.assigneeOrgId ? eq(tickets.assigneeOrgId, f.assigneeOrgId) : undefined,
          f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
          f.q
            ? /^[A-Za-z]{2}\d/.test(f.q)
              ? sql`${tickets.number} like ${`${f.q.toUpperCase()}%`}`
              : sql`${tickets.title} like ${`%${f.q}%`}`
            : undefined,
          after,
        ),
      )
      .orderBy(...order)
      .limit(f.limit + 1);
  }
}
