import type { ListTicketsQuery } from '@anju/contracts';
import { and, asc, type Column, desc, eq, getTableColumns, notInArray, sql } from 'drizzle-orm';
import { AUDIT_COLUMNS } from '../../platform/audit/audit.service.js';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { likePrefix, withinScope } from '../../platform/rbac/scope.js';
import { orgUnits } from '../org/org.tables.js';
import { clockWriter } from './sla/sla.service.js';
import { runStatement, statement } from './statement.js';
import { columnList, rowReader, rowWriter } from './table-rows.js';
import {
  type CallbackRow,
  callbacks,
  type SlaClockRow,
  slaClocks,
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
  clocks: SlaClockRow[];
  events: TicketEventRow[];
  workOrders: (WorkOrderRow & { assigneeOrgName: string })[];
  callback: CallbackRow | null;
  mergedInto: { id: string; number: string } | null;
};

export type TicketInsert = Omit<typeof tickets.$inferInsert, 'number'>;
export type EventInsert = typeof ticketEvents.$inferInsert;
export type AuditRowInsert = Record<(typeof AUDIT_COLUMNS)[number], unknown>;

const readTicket = rowReader(tickets);
const readClock = rowReader(slaClocks);
const readEvent = rowReader(ticketEvents);
const readWorkOrder = rowReader(workOrders);
const readCallback = rowReader(callbacks);
const ticketWriter = rowWriter(tickets);
const eventWriter = rowWriter(ticketEvents, ['id']);
type Raw = Record<string, unknown>;
type DetailRaw = {
  ticket: Raw;
  clocks: Raw[];
  events: Raw[];
  work_orders: Raw[];
  callback: Raw | null;
  merged: Raw | null;
};

const TICKET_COLUMNS = columnList(tickets, 't');
const AUDIT_LIST = AUDIT_COLUMNS.join(', ');
const NUMBER = `$1 || $2 || '-' || lpad(n.last::text, greatest(4, length(n.last::text)), '0')`;

const findStatement = statement<Raw>('ticket_find', `select ${TICKET_COLUMNS} from tickets t where t.id = $1`);
const findInScopeStatement = statement<Raw>(
  'ticket_find_in_scope',
  `select ${TICKET_COLUMNS} from tickets t where t.id = $1 and t.org_path like $2`,
);

/** A node with the city company its path lies under. */
const placeStatement = statement<OrgNode & { company_id: string | null }>(
  'ticket_place',
  `select n.id, n.type, n.name, n.path,
          (select c.id from org_units c where c.type = 'city_company' and n.path like c.path || '%' limit 1) as company_id
     from org_units n where n.id = $1 and n.active`,
);

/**
 * A new ticket numbered from the day's counter ($1 prefix, $2 day), its clocks, created event and audit row (whose
 * `after` gets the number). The counter row stays locked from this statement to commit only.
 */
const openStatement = statement<Raw>(
  'ticket_open',
  `with n as (
     insert into ticket_number_seq (prefix, day, last) values ($1, $2, 1)
     on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last),
   t as (
     insert into tickets (${ticketWriter.columns})
     select ${ticketWriter.names.map((c) => (c === 'number' ? NUMBER : c)).join(', ')}
       from json_populate_record(null::tickets, $3::json), n
     returning ${columnList(tickets, 'tickets')}),
   c as (
     insert into sla_clocks (${clockWriter.columns})
     select ${clockWriter.columns} from json_populate_recordset(null::sla_clocks, $4::json)),
   e as (
     insert into ticket_events (${eventWriter.columns})
     select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $5::json)),
   a as (
     insert into audit_events (${AUDIT_LIST})
     select ${AUDIT_COLUMNS.map((c) => (c === 'after' ? `a.after || jsonb_build_object('number', t.number)` : `a.${c}`)).join(', ')}
       from json_populate_recordset(null::audit_events, $6::json) a, t)
   select * from t`,
);

/** Inserts events and audit rows (JSON parameters `$e`, `$a`) as data-modifying CTEs ahead of a statement. */
const eventsAndAudit = (e: number, a: number) => `with e as (
     insert into ticket_events (${eventWriter.columns})
     select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $${e}::json)),
   a as (
     insert into audit_events (${AUDIT_LIST}) select ${AUDIT_LIST} from json_populate_recordset(null::audit_events, $${a}::json))`;

/**
 * The ticket page ($1 id, $2 scope pattern) as one JSON value: the row with its clocks, events, work orders,
 * callback and merge target (one column parses faster than sixty).
 */
const detailStatement = statement<{ d: DetailRaw }>(
  'ticket_detail',
  `select json_build_object(
     'ticket', row_to_json(t),
     'clocks', (select coalesce(json_agg(c), '[]') from
        (select * from sla_clocks where ticket_id = t.id order by started_at limit 200) c),
     'events', (select coalesce(json_agg(e), '[]') from
        (select * from ticket_events where ticket_id = t.id order by id limit 500) e),
     'work_orders', (select coalesce(json_agg(w), '[]') from
        (select w.*, o.name as assignee_org_name from work_orders w join org_units o on o.id = w.assignee_org_id
          where w.ticket_id = t.id order by w.seq) w),
     'callback', (select row_to_json(b) from
        (select * from callbacks where ticket_id = t.id order by status = 'pending' desc, created_at desc limit 1) b),
     'merged', (select json_build_object('id', m.id, 'number', m.number) from tickets m where m.id = t.merged_into)
   ) as d from tickets t where t.id = $1 and t.org_path like $2`,
);

const addEventsStatement = statement(
  'ticket_events_insert',
  `insert into ticket_events (${eventWriter.columns})
   select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $1::json)`,
);
const RUNNING = 'from sla_clocks k where k.ticket_id = t.id and k.stopped_at is null';
const TICKET_COLUMN: Record<string, Column> = getTableColumns(tickets);
const ticketColumn = (key: string) => {
  const column = TICKET_COLUMN[key];
  if (!column) throw new Error(`tickets has no column ${key}`);
  return column;
};

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

  /** Whether a user is active and works in this unit: placed in it or below it, or a member of it as a department. */
  async worksIn(userId: string, node: OrgNode): Promise<boolean> {
    const rows = await queryRows<{ ok: number }>(
      this.db,
      sql`select 1 as ok from users u join org_units o on o.id = u.org_unit_id
           where u.id = ${userId} and u.status = 'active'
             and (u.department_id = ${node.id} or o.path like ${likePrefix(node.path)})`,
    );
    return rows.length > 0;
  }

  /** An active node and the city company its path lies under, in one statement. */
  async place(id: string): Promise<{ node: OrgNode; companyId: string | null } | null> {
    const [row] = await placeStatement(this.db, [id]);
    if (!row) return null;
    const { company_id, ...node } = row;
    return { node, companyId: company_id };
  }

  /** The city company a path lies under (projects always have one). */
  async companyOf(path: string): Promise<OrgNode | null> {
    const [row] = await queryRows<OrgNode>(
      this.db,
      sql`select id, type, name, path from org_units where type = 'city_company' and ${path} like path || '%' limit 1`,
    );
    return row ?? null;
  }

  async find(id: string): Promise<TicketRow | null> {
    const [row] = await findStatement(this.db, [id]);
    return row ? readTicket(row) : null;
  }

  async findInScope(id: string, scopePath: string): Promise<TicketRow | null> {
    const [row] = await findInScopeStatement(this.db, [id, likePrefix(scopePath)]);
    return row ? readTicket(row) : null;
  }

  /** A new ticket with its clocks, first events and audit rows, numbered from the day's counter: one statement. */
  async open(p: {
    ticket: TicketInsert;
    prefix: string;
    day: string;
    clocks: (typeof slaClocks.$inferInsert)[];
    events: EventInsert[];
    audit: AuditRowInsert[];
  }): Promise<TicketRow> {
    const [row] = await openStatement(this.db, [
      p.prefix,
      p.day,
      JSON.stringify(ticketWriter.row({ ...p.ticket, number: '' })),
      JSON.stringify(p.clocks.map(clockWriter.row)),
      JSON.stringify(p.events.map(eventWriter.row)),
      JSON.stringify(p.audit),
    ]);
    return readTicket(row as Raw);
  }

  /**
   * What the ticket page shows, in one statement: the row (when within `scopePath`) with its clocks, events, work
   * orders, the callback that matters (a pending one, else the latest) and the ticket it was merged into.
   */
  async detail(id: string, scopePath: string): Promise<TicketDetail | null> {
    const [row] = await detailStatement(this.db, [id, likePrefix(scopePath)]);
    if (!row) return null;
    const { d } = row;
    return {
      ticket: readTicket(d.ticket),
      clocks: d.clocks.map(readClock),
      events: d.events.map(readEvent),
      workOrders: d.work_orders.map((w) =>
        Object.assign(readWorkOrder(w), { assigneeOrgName: w.assignee_org_name as string }),
      ),
      callback: d.callback ? readCallback(d.callback) : null,
      mergedInto: d.merged as TicketDetail['mergedInto'],
    };
  }

  /**
   * One transition's write: the optimistic update of the ticket (null when `version` is stale; the caller answers
   * 409 and rolls back), its queue fields from its clocks as they now stand (the rule of SlaService.refreshTickets),
   * and the events and audit rows of the change, in one statement.
   */
  async transition(
    id: string,
    version: number,
    patch: Partial<typeof tickets.$inferInsert>,
    events: EventInsert[],
    audit: AuditRowInsert[],
  ): Promise<TicketRow | null> {
    const keys = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
    const text = `${eventsAndAudit(3, 4)}
      update tickets t set ${keys.map((k, i) => `${ticketColumn(k).name} = $${i + 5}`).join(', ')}${keys.length ? ',' : ''}
        version = $2::int + 1,
        next_due_at = (select min(k.due_at) ${RUNNING} and k.paused_at is null),
        warning = exists (select 1 ${RUNNING} and k.warned_at is not null),
        overdue = exists (select 1 ${RUNNING} and k.breached_at is not null),
        escalation_level = coalesce((select max(k.escalation_level) ${RUNNING}), 0)
      where t.id = $1 and t.version = $2
      returning ${TICKET_COLUMNS}`;
    const values = keys.map((k) => {
      const value = (patch as Record<string, unknown>)[k];
      return value === null ? null : ticketColumn(k).mapToDriverValue(value);
    });
    const [row] = await runStatement<Raw>(this.db, 'ticket_transition', text, [
      id,
      version,
      JSON.stringify(events.map(eventWriter.row)),
      JSON.stringify(audit),
      ...values,
    ]);
    return row ? readTicket(row) : null;
  }

  async addEvents(events: EventInsert[]) {
    await addEventsStatement(this.db, [JSON.stringify(events.map(eventWriter.row))]);
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
