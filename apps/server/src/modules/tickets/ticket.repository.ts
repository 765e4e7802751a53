import { type ListTicketsQuery, TICKET_COUNT_CAP } from '@anju/contracts';
import { and, asc, type Column, desc, eq, getTableColumns, notInArray, sql } from 'drizzle-orm';
import { AUDIT_COLUMNS } from '../../platform/audit/audit.service.js';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { isVersionConflict } from '../../platform/db/pg-errors.js';
import { runStatement, statement } from '../../platform/db/statement.js';
import { columnList, rowReader, rowWriter } from '../../platform/db/table-rows.js';
import { eventWrites } from '../../platform/events/event.repository.js';
import { likePrefix, withinScope } from '../../platform/rbac/scope.js';
import { TIMELINE_COLUMNS } from '../customers/timeline.service.js';
import { orgUnits } from '../org/org.tables.js';
import { type ClockPatch, calendarOfJson, clockWriter } from './sla/sla.service.js';
import type { BusinessCalendar } from './sla/working-time.js';
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
  /** The name of the ticket's project (the org directory's node), read in the page's statement. */
  projectName: string | null;
  clocks: SlaClockRow[];
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
const readClock = rowReader(slaClocks);
const readEvent = rowReader(ticketEvents);
const readWorkOrder = rowReader(workOrders);
const readCallback = rowReader(callbacks);
const ticketWriter = rowWriter(tickets);
const eventWriter = rowWriter(ticketEvents, ['id']);
type Raw = Record<string, unknown>;
type DetailRaw = {
  ticket: Raw;
  project_name: string | null;
  clocks: Raw[];
  events: Raw[];
  work_orders: Raw[];
  callback: Raw | null;
  merged: Raw | null;
};

const readPage = (d: DetailRaw): TicketDetail => ({
  ticket: readTicket(d.ticket),
  projectName: d.project_name,
  clocks: d.clocks.map(readClock),
  events: d.events.map(readEvent),
  workOrders: d.work_orders.map((w) =>
    Object.assign(readWorkOrder(w), { assigneeOrgName: w.assignee_org_name as string }),
  ),
  callback: d.callback ? readCallback(d.callback) : null,
  mergedInto: d.merged as TicketDetail['mergedInto'],
});

const TICKET_COLUMNS = columnList(tickets, 't');
const AUDIT_LIST = AUDIT_COLUMNS.join(', ');
const TIMELINE_LIST = TIMELINE_COLUMNS.join(', ');
const NUMBER = `$1 || $2 || '-' || lpad(n.last::text, greatest(4, length(n.last::text)), '0')`;

/** The next number of the day, in a statement of its own that commits at once (the counter row is held that long). */
const nextNumberStatement = statement<{ number: string }>(
  'ticket_next_number',
  `with n as (
     insert into ticket_number_seq (prefix, day, last) values ($1, $2, 1)
     on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last)
   select ${NUMBER} as number from n`,
);

const findStatement = statement<Raw>('ticket_find', `select ${TICKET_COLUMNS} from tickets t where t.id = $1`);
const findInScopeStatement = statement<Raw>(
  'ticket_find_in_scope',
  `select ${TICKET_COLUMNS} from tickets t where t.id = $1 and t.org_path like $2`,
);

/**
 * The ticket page as one JSON value (one column parses faster than sixty): the row `t` with its clocks, events,
 * work orders, the callback that matters (a pending one, else the latest) and the ticket it was merged into.
 * `clocks` and `events` are the row sources to read them from (a transition adds the rows its own statement wrote,
 * which the statement's snapshot does not show); a `fresh` ticket, just created, has no work orders, callback or
 * merge target yet.
 */
const pageJson = (clocks: string, events: string, fresh = false) => `json_build_object(
     'ticket', row_to_json(t),
     'project_name', (select p.name from org_units p where p.id = t.project_id),
     'clocks', (select coalesce(json_agg(c), '[]') from (select * from (${clocks}) c0 order by started_at, id limit 200) c),
     'events', (select coalesce(json_agg(e), '[]') from (select * from (${events}) e0 order by id limit 500) e),
     ${
       fresh
         ? `'work_orders', '[]'::json, 'callback', null, 'merged', null`
         : `'work_orders', (select coalesce(json_agg(w), '[]') from
        (select w.*, o.name as assignee_org_name from work_orders w join org_units o on o.id = w.assignee_org_id
          where w.ticket_id = t.id order by w.seq) w),
     'callback', (select row_to_json(b) from
        (select * from callbacks where ticket_id = t.id order by status = 'pending' desc, created_at desc limit 1) b),
     'merged', (select json_build_object('id', m.id, 'number', m.number) from tickets m where m.id = t.merged_into)`
     }
   )`;

/** The ticket page ($1 id, $2 scope pattern). */
const detailStatement = statement<{ d: DetailRaw }>(
  'ticket_detail',
  `select ${pageJson('select * from sla_clocks where ticket_id = t.id', 'select * from ticket_events where ticket_id = t.id')} as d
     from tickets t where t.id = $1 and t.org_path like $2`,
);

/**
 * A new ticket numbered from the day's counter ($1 prefix, $2 day) unless it brings its number ($7), its clocks,
 * created event, audit row (whose `after` gets the number) and domain events ($8, $9), answered with its page. Taking the number here
 * locks the counter row until commit: right when this statement is the whole transaction, wrong when more writes
 * follow (creates would queue behind each other) — those take the number first with `nextNumber`.
 */
const openStatement = statement<{ d: DetailRaw }>(
  'ticket_open',
  `with n as (
     insert into ticket_number_seq (prefix, day, last) select $1, $2, 1 where $7::text is null
     on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last),
   t as (
     insert into tickets (${ticketWriter.columns})
     select ${ticketWriter.names.map((c) => (c === 'number' ? `coalesce($7::text, ${NUMBER})` : c)).join(', ')}
       from json_populate_record(null::tickets, $3::json) left join n on true
     returning ${columnList(tickets, 'tickets')}),
   c as (
     insert into sla_clocks (${clockWriter.columns})
     select ${clockWriter.columns} from json_populate_recordset(null::sla_clocks, $4::json) returning *),
   e as (
     insert into ticket_events (${eventWriter.columns})
     select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $5::json) returning *),
   a as (
     insert into audit_events (${AUDIT_LIST})
     select ${AUDIT_COLUMNS.map((c) => (c === 'after' ? `a.after || jsonb_build_object('number', t.number)` : `a.${c}`)).join(', ')}
       from json_populate_recordset(null::audit_events, $6::json) a, t),
   ${eventWrites('$8', '$9')}
   select ${pageJson('select * from c', 'select * from e', true)} as d from t`,
);

/** What a change needs ($1 id, $2 scope pattern): the ticket, its open clocks and its company's calendar. */
const changeStateStatement = statement<{ ticket: Raw; clocks: Raw[]; calendar: Raw | null }>(
  'ticket_change_state',
  `select row_to_json(t) as ticket,
          (select coalesce(json_agg(k), '[]') from sla_clocks k where k.ticket_id = t.id and k.stopped_at is null) as clocks,
          (select row_to_json(b) from business_calendars b where b.company_id = t.company_id) as calendar
     from tickets t where t.id = $1 and t.org_path like $2`,
);

/**
 * A transition's one statement. $1 id, $2 expected version, $3 clock patches, $4 new clocks, $5 events, $6 audit,
 * $7 customer-timeline rows, $8 and $9 domain events (`eventWrites`), $10… the ticket's patched columns. Clocks are written first (in the order the SLA
 * sweep locks them: clocks, then the ticket); the ticket's queue fields come from its open clocks as this
 * statement leaves them; the answer is the ticket page. A stale version raises AJ409 (`anju_conflict`), which
 * undoes every write of the statement.
 */
const transitionTexts = new Map<string, string>();
const transitionText = (columns: string[]) => {
  const key = columns.join(',');
  let text = transitionTexts.get(key);
  if (!text) {
    text = transitionStatement(columns.map((c, i) => `${c} = $${i + 10}`));
    transitionTexts.set(key, text);
  }
  return text;
};
const transitionStatement = (assignments: string[]) => `with
   patched as (
     update sla_clocks k set stopped_at = p.stopped_at, paused_at = p.paused_at, pauses = p.pauses,
            warn_at = p.warn_at, due_at = p.due_at, next_check_at = p.next_check_at,
            outcome = case when p.outcome = 'cancelled' then 'cancelled'
                           when p.outcome is not null then
                             case when k.breached_at is not null or p.due_at < p.stopped_at then 'breached' else 'met' end
                      end
       from json_populate_recordset(null::sla_clocks, $3::json) p
      where k.id = p.id and k.ticket_id = $1 and k.stopped_at is null
      returning k.*),
   started as (
     insert into sla_clocks (${clockWriter.columns})
     select ${clockWriter.columns} from json_populate_recordset(null::sla_clocks, $4::json) returning *),
   clocks as (
     select * from patched union all select * from started
     union all select * from sla_clocks x where x.ticket_id = $1 and x.id not in (select id from patched)),
   moved as (
     update tickets t set ${assignments.map((a) => `${a}, `).join('')}version = $2::int + 1,
            next_due_at = (select min(c.due_at) from clocks c where c.stopped_at is null and c.paused_at is null),
            warning = exists (select 1 from clocks c where c.stopped_at is null and c.warned_at is not null),
            overdue = exists (select 1 from clocks c where c.stopped_at is null and c.breached_at is not null),
            escalation_level = coalesce((select max(c.escalation_level) from clocks c where c.stopped_at is null), 0)
      where t.id = $1 and t.version = $2
      returning t.*),
   added as (
     insert into ticket_events (${eventWriter.columns})
     select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $5::json) returning *),
   audited as (
     insert into audit_events (${AUDIT_LIST}) select ${AUDIT_LIST} from json_populate_recordset(null::audit_events, $6::json)),
   timeline as (
     insert into customer_timeline (${TIMELINE_LIST})
     select ${TIMELINE_LIST} from json_populate_recordset(null::customer_timeline, $7::json)),
   ${eventWrites('$8', '$9')}
   select ${pageJson('select * from clocks', 'select * from ticket_events where ticket_id = t.id union all select * from added')} as d
     from (select 1) one left join moved t on true
    where case when t.id is not null then true else anju_conflict('VERSION_CONFLICT') end`;

const addEventsStatement = statement(
  'ticket_events_insert',
  `insert into ticket_events (${eventWriter.columns})
   select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $1::json)`,
);
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
  async find(id: string): Promise<TicketRow | null> {
    const [row] = await findStatement(this.db, [id]);
    return row ? readTicket(row) : null;
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
    clocks: (typeof slaClocks.$inferInsert)[];
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
    newClocks: (typeof slaClocks.$inferInsert)[];
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
