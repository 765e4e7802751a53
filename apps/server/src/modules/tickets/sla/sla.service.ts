import type { SlaNode } from '@anju/contracts';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../../platform/clock.js';
import { type Executor, queryRows } from '../../../platform/db/database.js';
import { statement } from '../../../platform/db/statement.js';
import { columnList, rowReader, rowWriter } from '../../../platform/db/table-rows.js';
import { businessCalendars, defectCategories, type SlaClockRow, slaClocks, slaPolicies } from '../ticket.tables.js';
import { clockTimes, nextCheckAt, spansOf } from './sla-clock.js';
import { type ClockRule, defaultRule, type TicketTraits } from './sla-defaults.js';
import { type BusinessCalendar, DEFAULT_CALENDAR, type Span } from './working-time.js';

export type ClockOwner = { id: string; companyId: string; orgPath: string } & Omit<TicketTraits, 'categoryUrgent'> & {
    categoryCode: string | null;
  };
export type ClockStart = { node: SlaNode; startedAt: Date; workOrderId?: string; stoppedAt?: Date };
export type SlaInputs = { rules: Map<SlaNode, ClockRule>; calendar: BusinessCalendar };
export type OrgNodeRef = { id: string; type: string; name: string; path: string };

type Raw = Record<string, unknown>;
const readPolicy = rowReader(slaPolicies);
const readCalendar = rowReader(businessCalendars);
export const clockWriter = rowWriter(slaClocks, ['id']);

/**
 * What starting clocks needs, in one statement: the candidate policy rows, the calendar, the category's urgency.
 * The company is $1, or else the city company above the path $7 or above the active node $8 (returned as `node`),
 * so a new ticket's place and its SLA inputs come in one round trip.
 */
const inputsStatement = statement<{
  node: Raw | null;
  company_id: string | null;
  policies: Raw[];
  calendar: Raw | null;
  urgent: boolean | null;
}>(
  'sla_inputs',
  `with n as (select id, type, name, path from org_units where id = $8::uuid and active),
   co as (select coalesce($1::uuid, (select c.id from org_units c where c.type = 'city_company'
                                       and coalesce($7::text, (select path from n)) like c.path || '%' limit 1)) as id)
   select (select row_to_json(n) from n) as node, (select id from co) as company_id,
          (select coalesce(json_agg(p), '[]') from sla_policies p
            where p.company_id = (select id from co) and p.ticket_type = $2
              and p.node in (select json_array_elements_text($3::json))
              and p.category_code in ('', $4) and p.priority in ('', $5) and p.major in ('', $6)) as policies,
          (select row_to_json(b) from business_calendars b where b.company_id = (select id from co)) as calendar,
          (select urgent from defect_categories where code = $4) as urgent`,
);

const insertClocks = statement<Raw>(
  'sla_clocks_insert',
  `insert into sla_clocks (${clockWriter.columns})
   select ${clockWriter.columns} from json_populate_recordset(null::sla_clocks, $1::json)
   returning ${columnList(slaClocks, 'sla_clocks')}`,
);
const readClock = rowReader(slaClocks);

const calendarOfRow = (row: typeof businessCalendars.$inferSelect): BusinessCalendar => ({
  workingHours: row.workingHours as BusinessCalendar['workingHours'],
  workingWeekdays: row.workingWeekdays,
  holidays: row.holidays,
  makeupWorkdays: row.makeupWorkdays,
});

/**
 * Calendars by company, version and edit time: every transition and create reads the row, but the calendar object
 * is built once per version, so working-time code checks and indexes it once (it caches by object).
 */
const calendars = new Map<string, BusinessCalendar>();

/** A company's calendar from its row as `row_to_json` gives it (null: the default calendar). */
export function calendarOfJson(raw: Raw | null): BusinessCalendar {
  if (!raw) return DEFAULT_CALENDAR;
  const key = `${raw.company_id}:${raw.version}:${raw.updated_at}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = calendarOfRow(readCalendar(raw));
    if (calendars.size >= 1000) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

/** What a ticket's change does to its open clocks (applied in the order stop/cancel, resume, pause). */
export type ClockChange = {
  stop?: SlaNode[];
  cancel?: boolean;
  pause?: boolean;
  resume?: boolean;
  /** Work orders whose clocks end as cancelled (orders a re-dispatch takes back). */
  cancelWorkOrders?: string[];
};

/**
 * The new state of one open clock, written by id while it is still open. `outcome` 'stopped' means met or
 * breached, decided by the statement from the clock's breach mark as it then stands.
 */
export type ClockPatch = {
  id: string;
  stopped_at: Date | null;
  outcome: 'stopped' | 'cancelled' | null;
  paused_at: Date | null;
  pauses: { start: string; end: string }[];
  warn_at: Date;
  due_at: Date;
  next_check_at: Date | null;
};

/** The company's most specific policy row per node (category, major, priority), else the built-in rule. */
function pickRules(rows: (typeof slaPolicies.$inferSelect)[], nodes: SlaNode[], traits: () => TicketTraits) {
  const specificity = (r: (typeof rows)[number]) => (r.categoryCode ? 4 : 0) + (r.major ? 2 : 0) + (r.priority ? 1 : 0);
  const rules = new Map<SlaNode, ClockRule>();
  for (const node of nodes) {
    const best = rows.filter((r) => r.node === node).sort((a, b) => specificity(b) - specificity(a))[0];
    rules.set(
      node,
      best
        ? {
            limitMinutes: best.limitMinutes,
            mode: best.mode as ClockRule['mode'],
            warnPercent: best.warnPercent,
            ladder: best.ladder as ClockRule['ladder'],
          }
        : defaultRule(node, traits()),
    );
  }
  return rules;
}

/**
 * SLA clocks of tickets and work orders: which rule applies, when each clock warns, breaches and escalates, and
 * how holds pause them. Every time is computed by `clockTimes`, for live tickets and previews alike.
 */
export class SlaService {
  constructor(private readonly clock: Clock) {}

  async calendarOf(db: Executor, companyId: string): Promise<{ calendar: BusinessCalendar; version: number }> {
    const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.companyId, companyId));
    if (!row) return { calendar: DEFAULT_CALENDAR, version: 0 };
    return { calendar: calendarOfRow(row), version: row.version };
  }

  async traitsOf(db: Executor, t: ClockOwner): Promise<TicketTraits> {
    const [category] = t.categoryCode
      ? await db
          .select({ urgent: defectCategories.urgent })
          .from(defectCategories)
          .where(eq(defectCategories.code, t.categoryCode))
      : [];
    return { type: t.type, priority: t.priority, major: t.major, categoryUrgent: Boolean(category?.urgent) };
  }

  /**
   * The rule of each node: the company's most specific policy row (category, priority, major), else the built-in
   * rule. One query for all the nodes asked.
   */
  async rulesFor(
    db: Executor,
    t: ClockOwner,
    nodes: SlaNode[],
    traits?: TicketTraits,
  ): Promise<Map<SlaNode, ClockRule>> {
    const rows = await db
      .select()
      .from(slaPolicies)
      .where(
        and(
          eq(slaPolicies.companyId, t.companyId),
          eq(slaPolicies.ticketType, t.type),
          inArray(slaPolicies.node, nodes),
          inArray(slaPolicies.categoryCode, ['', t.categoryCode ?? '']),
          inArray(slaPolicies.priority, ['', t.priority]),
          inArray(slaPolicies.major, ['', t.major ? 'yes' : 'no']),
        ),
      );
    const needsTraits = nodes.some((node) => !rows.some((r) => r.node === node));
    const known = traits ?? (needsTraits ? await this.traitsOf(db, t) : undefined);
    return pickRules(rows, nodes, () => known as TicketTraits);
  }

  /** The rules of these nodes and the company's calendar, in one statement. */
  async inputs(db: Executor, t: ClockOwner, nodes: SlaNode[]): Promise<SlaInputs> {
    const { inputs } = await this.inputsAt(db, { companyId: t.companyId }, t, nodes);
    return inputs as SlaInputs;
  }

  /**
   * The inputs of clocks of a ticket not written yet, at an org node or under a path: also answers the node
   * (null when unknown or inactive) and the city company it lies under (null when none, and then no inputs).
   */
  async inputsAt(
    db: Executor,
    at: { companyId?: string; path?: string; nodeId?: string },
    t: Pick<ClockOwner, 'type' | 'priority' | 'major' | 'categoryCode'>,
    nodes: SlaNode[],
  ): Promise<{ node: OrgNodeRef | null; companyId: string | null; inputs: SlaInputs | null }> {
    const [row] = await inputsStatement(db, [
      at.companyId ?? null,
      t.type,
      JSON.stringify(nodes),
      t.categoryCode ?? '',
      t.priority,
      t.major ? 'yes' : 'no',
      at.path ?? null,
      at.nodeId ?? null,
    ]);
    const companyId = row?.company_id ?? null;
    const traits = { type: t.type, priority: t.priority, major: t.major, categoryUrgent: Boolean(row?.urgent) };
    return {
      node: (row?.node as OrgNodeRef | null) ?? null,
      companyId,
      inputs: companyId
        ? {
            rules: pickRules((row?.policies ?? []).map(readPolicy), nodes, () => traits),
            calendar: calendarOfJson(row?.calendar ?? null),
          }
        : null,
    };
  }

  /** Insert rows of new clocks (computed, not written: a new ticket writes them with its own row). */
  clockRows(t: ClockOwner, starts: ClockStart[], { rules, calendar }: SlaInputs) {
    return starts.map((c) => {
      const rule = rules.get(c.node) as ClockRule;
      const times = clockTimes(calendar, rule, c.startedAt, []);
      return {
        ticketId: t.id,
        workOrderId: c.workOrderId ?? null,
        node: c.node,
        mode: rule.mode,
        limitMinutes: rule.limitMinutes,
        warnPercent: rule.warnPercent,
        ladder: rule.ladder,
        startedAt: c.startedAt,
        pauses: [],
        warnAt: times.warnAt,
        dueAt: times.dueAt,
        nextCheckAt: c.stoppedAt ? null : times.warnAt,
        orgPath: t.orgPath,
        ...(c.stoppedAt ? { stoppedAt: c.stoppedAt, outcome: c.stoppedAt > times.dueAt ? 'breached' : 'met' } : {}),
      } satisfies typeof slaClocks.$inferInsert;
    });
  }

  /** Starts a clock for a node of a ticket (or of one work order) at `startedAt`. */
  async start(
    db: Executor,
    t: ClockOwner,
    node: SlaNode,
    startedAt: Date,
    opts: { workOrderId?: string; stoppedAt?: Date } = {},
  ): Promise<SlaClockRow> {
    const [row] = await this.startMany(db, t, [{ node, startedAt, ...opts }]);
    return row as SlaClockRow;
  }

  /** Starts several clocks of one ticket with one rules query, one calendar read and one insert. */
  async startMany(db: Executor, t: ClockOwner, starts: ClockStart[]): Promise<SlaClockRow[]> {
    const inputs = await this.inputs(db, t, [...new Set(starts.map((c) => c.node))]);
    const rows = this.clockRows(t, starts, inputs).map(clockWriter.row);
    return (await insertClocks(db, [JSON.stringify(rows)])).map(readClock);
  }

  /**
   * The queue fields of a ticket whose only clocks are these new ones: the same rule as `refreshTickets`, for a
   * ticket written together with its clocks.
   */
  queueFieldsOf(clocks: { dueAt: Date; stoppedAt?: Date | null }[]) {
    const due = clocks.filter((c) => !c.stoppedAt).map((c) => c.dueAt.getTime());
    return {
      nextDueAt: due.length ? new Date(Math.min(...due)) : null,
      warning: false,
      overdue: false,
      escalationLevel: 0,
    };
  }

  /** Stops the running (or paused) clocks of these nodes; met when stopped by the deadline. */
  async stop(db: Executor, ticketId: string, nodes: SlaNode[], at: Date, opts: { workOrderId?: string } = {}) {
    await db
      .update(slaClocks)
      .set({
        stoppedAt: at,
        nextCheckAt: null,
        outcome: sql`case when ${slaClocks.breachedAt} is not null or ${slaClocks.dueAt} < ${at} then 'breached' else 'met' end`,
      })
      .where(
        and(
          eq(slaClocks.ticketId, ticketId),
          inArray(slaClocks.node, nodes),
          isNull(slaClocks.stoppedAt),
          opts.workOrderId ? eq(slaClocks.workOrderId, opts.workOrderId) : undefined,
        ),
      );
  }

  async cancelAll(db: Executor, ticketId: string, at: Date) {
    await db
      .update(slaClocks)
      .set({ stoppedAt: at, nextCheckAt: null, outcome: 'cancelled' })
      .where(and(eq(slaClocks.ticketId, ticketId), isNull(slaClocks.stoppedAt)));
  }

  /**
   * The patches of a change to a ticket's open clocks: stopped nodes end (met or breached), a cancel ends them all,
   * a resume records each paused clock's span and recomputes its times with every span excluded, a pause stops
   * the running ones counting. Clocks the change leaves alone get no patch.
   */
  patches(open: SlaClockRow[], calendar: BusinessCalendar, change: ClockChange, at: Date): ClockPatch[] {
    const out: ClockPatch[] = [];
    for (const c of open) {
      const spans = spansOf(c.pauses);
      const patch: ClockPatch = {
        id: c.id,
        stopped_at: null,
        outcome: null,
        paused_at: c.pausedAt,
        pauses: spans.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
        warn_at: c.warnAt,
        due_at: c.dueAt,
        next_check_at: c.nextCheckAt,
      };
      let changed = false;
      if (change.resume && c.pausedAt) {
        const pauses = [...spans, { start: c.pausedAt, end: at }];
        const times = clockTimes(calendar, ruleOf(c), c.startedAt, pauses);
        Object.assign(patch, {
          paused_at: null,
          pauses: pauses.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
          warn_at: times.warnAt,
          due_at: times.dueAt,
          next_check_at: nextCheckAt(
            { ...c, ladder: ruleOf(c).ladder, warnAt: times.warnAt, dueAt: times.dueAt },
            times.escalations,
          ),
        });
        changed = true;
      }
      const cancelled = change.cancel || (c.workOrderId !== null && change.cancelWorkOrders?.includes(c.workOrderId));
      if (cancelled || change.stop?.includes(c.node as SlaNode)) {
        Object.assign(patch, { stopped_at: at, outcome: cancelled ? 'cancelled' : 'stopped', next_check_at: null });
        changed = true;
      } else if (change.pause && !c.pausedAt) {
        Object.assign(patch, { paused_at: at, next_check_at: null });
        changed = true;
      }
      if (changed) out.push(patch);
    }
    return out;
  }

  /** The tickets' queue fields follow their running clocks: earliest deadline, warning, overdue, highest level. */
  async refreshTicket(db: Executor, ticketId: string) {
    await this.refreshTickets(db, [ticketId]);
  }

  async refreshTickets(db: Executor, ticketIds: string[]) {
    if (ticketIds.length === 0) return;
    await queryRows(
      db,
      sql`update tickets t set
            next_due_at = c.next_due, warning = coalesce(c.warned, false), overdue = coalesce(c.breached, false),
            escalation_level = coalesce(c.level, 0)
          from (select ids.id,
                       min(k.due_at) filter (where k.paused_at is null) as next_due,
                       bool_or(k.warned_at is not null) as warned, bool_or(k.breached_at is not null) as breached,
                       max(k.escalation_level) as level
                  from (select (json_array_elements_text(${JSON.stringify(ticketIds)}::json))::uuid as id) ids
                  left join sla_clocks k on k.ticket_id = ids.id and k.stopped_at is null
                 group by ids.id) c
          where t.id = c.id`,
    );
  }

  preview(calendar: BusinessCalendar, rule: ClockRule, start: Date, holds: Span[]) {
    return clockTimes(calendar, rule, start, holds);
  }

  now() {
    return this.clock.now();
  }
}

export const ruleOf = (c: SlaClockRow): ClockRule => ({
  limitMinutes: c.limitMinutes,
  mode: c.mode as ClockRule['mode'],
  warnPercent: c.warnPercent,
  ladder: c.ladder as ClockRule['ladder'],
});
