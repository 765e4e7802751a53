import type { SlaNode } from '@anju/contracts';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../../platform/clock.js';
import { type Executor, queryRows } from '../../../platform/db/database.js';
import { businessCalendars, defectCategories, type SlaClockRow, slaClocks, slaPolicies } from '../ticket.tables.js';
import { clockTimes, nextCheckAt, spansOf } from './sla-clock.js';
import { type ClockRule, defaultRule, type TicketTraits } from './sla-defaults.js';
import { type BusinessCalendar, DEFAULT_CALENDAR, type Span } from './working-time.js';

export type ClockOwner = { id: string; companyId: string; orgPath: string } & Omit<TicketTraits, 'categoryUrgent'> & {
    categoryCode: string | null;
  };

/**
 * SLA clocks of tickets and work orders: which rule applies, when each clock warns, breaches and escalates, and
 * how holds pause them. Every time is computed by `clockTimes`, for live tickets and previews alike.
 */
export class SlaService {
  constructor(private readonly clock: Clock) {}

  async calendarOf(db: Executor, companyId: string): Promise<{ calendar: BusinessCalendar; version: number }> {
    const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.companyId, companyId));
    if (!row) return { calendar: DEFAULT_CALENDAR, version: 0 };
    return {
      calendar: {
        workingHours: row.workingHours as BusinessCalendar['workingHours'],
        workingWeekdays: row.workingWeekdays,
        holidays: row.holidays,
        makeupWorkdays: row.makeupWorkdays,
      },
      version: row.version,
    };
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
    const specificity = (r: (typeof rows)[number]) =>
      (r.categoryCode ? 4 : 0) + (r.major ? 2 : 0) + (r.priority ? 1 : 0);
    const rules = new Map<SlaNode, ClockRule>();
    for (const node of nodes) {
      const best = rows.filter((r) => r.node === node).sort((a, b) => specificity(b) - specificity(a))[0];
      if (best) {
        rules.set(node, {
          limitMinutes: best.limitMinutes,
          mode: best.mode as ClockRule['mode'],
          warnPercent: best.warnPercent,
          ladder: best.ladder as ClockRule['ladder'],
        });
      } else {
        traits ??= await this.traitsOf(db, t);
        rules.set(node, defaultRule(node, traits));
      }
    }
    return rules;
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
  async startMany(
    db: Executor,
    t: ClockOwner,
    starts: { node: SlaNode; startedAt: Date; workOrderId?: string; stoppedAt?: Date }[],
  ): Promise<SlaClockRow[]> {
    const rules = await this.rulesFor(db, t, [...new Set(starts.map((c) => c.node))]);
    const { calendar } = await this.calendarOf(db, t.companyId);
    const values = starts.map((c) => {
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
        warnAt: times.warnAt,
        dueAt: times.dueAt,
        nextCheckAt: c.stoppedAt ? null : times.warnAt,
        orgPath: t.orgPath,
        ...(c.stoppedAt ? { stoppedAt: c.stoppedAt, outcome: c.stoppedAt > times.dueAt ? 'breached' : 'met' } : {}),
      };
    });
    return db.insert(slaClocks).values(values).returning();
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

  /** A ticket goes on hold: its running clocks stop counting and leave the sweep. */
  async pause(db: Executor, ticketId: string, at: Date) {
    await db
      .update(slaClocks)
      .set({ pausedAt: at, nextCheckAt: null })
      .where(and(eq(slaClocks.ticketId, ticketId), isNull(slaClocks.stoppedAt), isNull(slaClocks.pausedAt)));
  }

  /** The hold ends: each paused clock records the span and gets its times recomputed with every span excluded. */
  async resume(db: Executor, owner: ClockOwner, at: Date) {
    const paused = await db
      .select()
      .from(slaClocks)
      .where(
        and(eq(slaClocks.ticketId, owner.id), isNull(slaClocks.stoppedAt), sql`${slaClocks.pausedAt} is not null`),
      );
    if (paused.length === 0) return;
    const { calendar } = await this.calendarOf(db, owner.companyId);
    for (const c of paused) {
      const pauses = [...spansOf(c.pauses), { start: c.pausedAt as Date, end: at }];
      const times = clockTimes(calendar, ruleOf(c), c.startedAt, pauses);
      const next = nextCheckAt(
        { ...c, ladder: ruleOf(c).ladder, warnAt: times.warnAt, dueAt: times.dueAt },
        times.escalations,
      );
      await db
        .update(slaClocks)
        .set({
          pauses: pauses.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
          pausedAt: null,
          warnAt: times.warnAt,
          dueAt: times.dueAt,
          nextCheckAt: next,
        })
        .where(eq(slaClocks.id, c.id));
    }
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
