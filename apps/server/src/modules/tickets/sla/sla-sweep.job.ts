import type { LadderStep } from '@anju/contracts';
import { asc, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../../platform/clock.js';
import { type Db, queryRows, type Tx } from '../../../platform/db/database.js';
import type { JobRunner } from '../../../platform/jobs/job-runner.js';
import type { MessagingService, OutgoingMessage, StaffNotice } from '../../../platform/messaging/messaging.service.js';
import type { DirectoryUser, OrgDirectory } from '../../org/org-directory.js';
import type { TicketEventInput, TicketService } from '../ticket.service.js';
import { type SlaClockRow, slaClocks, type TicketRow, tickets } from '../ticket.tables.js';
import { staffNotice } from '../ticket-notices.js';
import { ruleOf, type SlaService } from './sla.service.js';
import { clockTimes, dueStep, nextCheckAt, type SweepStep, spansOf } from './sla-clock.js';
import type { BusinessCalendar } from './working-time.js';

export const SLA_SWEEP_JOB = 'sla.sweep';
const BATCH = 500;
/** Bounded work per run; anything left is due again on the next minute. */
const MAX_PER_RUN = 50_000;

type Recipient = { id: string; displayName: string; phone: string | null; email: string | null };

/**
 * Every minute: take a page of clocks whose `next_check_at` has come (an index on it, so the cost follows due
 * rows, not all rows) with `FOR UPDATE SKIP LOCKED`, work out every step due for each — warn, breach, escalate
 * level by level — and write the steps, events, notifications and outbox rows of the whole page in a handful
 * of statements, in the transaction that holds the rows. Two instances take disjoint pages; a sweep killed
 * half-way rolls back its page, which is due again on the next run.
 */
export class SlaSweep {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly messaging: MessagingService,
    private readonly tickets: TicketService,
    private readonly log: FastifyBaseLogger,
    private readonly directory: OrgDirectory,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(SLA_SWEEP_JOB, async () => {
      await this.run();
    });
    jobs.schedule(SLA_SWEEP_JOB, '* * * * *');
  }

  async run(): Promise<{ clocks: number; steps: number }> {
    const now = this.clock.now();
    const calendars = new Map<string, BusinessCalendar>();
    let clocks = 0;
    let steps = 0;
    while (clocks < MAX_PER_RUN) {
      const page = await this.db.transaction((tx) => this.page(tx, now, calendars));
      clocks += page.clocks;
      steps += page.steps;
      if (page.clocks < BATCH) break;
    }
    if (steps) this.log.info({ clocks, steps }, 'sla sweep');
    return { clocks, steps };
  }

  private async page(tx: Tx, now: Date, calendars: Map<string, BusinessCalendar>) {
    const due = await tx
      .select()
      .from(slaClocks)
      .where(lte(slaClocks.nextCheckAt, now))
      .orderBy(asc(slaClocks.nextCheckAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return { clocks: 0, steps: 0 };
    const ticketRows = await tx
      .select()
      .from(tickets)
      .where(inArray(tickets.id, [...new Set(due.map((c) => c.ticketId))]));
    const ticketOf = new Map(ticketRows.map((t) => [t.id, t]));
    for (const companyId of new Set(ticketRows.map((t) => t.companyId))) {
      if (!calendars.has(companyId)) calendars.set(companyId, (await this.sla.calendarOf(tx, companyId)).calendar);
    }

    const updates: Record<string, unknown>[] = [];
    const announced: Announcement[] = [];
    for (const clock of due) {
      const ticket = ticketOf.get(clock.ticketId) as TicketRow;
      const rule = ruleOf(clock);
      const times = clockTimes(
        calendars.get(ticket.companyId) as BusinessCalendar,
        rule,
        clock.startedAt,
        spansOf(clock.pauses),
      );
      let state = { ...clock, ladder: rule.ladder };
      for (let guard = 0; guard < 8; guard++) {
        const step = dueStep(state, times.escalations, now);
        if (step.kind === 'none') break;
        state =
          step.kind === 'warn'
            ? { ...state, warnedAt: now }
            : step.kind === 'breach'
              ? { ...state, breachedAt: now }
              : { ...state, escalationLevel: step.level };
        announced.push({ ticket, clock: state, step });
      }
      updates.push({
        id: clock.id,
        warned_at: state.warnedAt,
        breached_at: state.breachedAt,
        escalation_level: state.escalationLevel,
        next_check_at: nextCheckAt(state, times.escalations),
      });
    }
    await queryRows(
      tx,
      sql`update sla_clocks c set warned_at = u.warned_at, breached_at = u.breached_at,
            escalation_level = u.escalation_level, next_check_at = u.next_check_at
          from json_to_recordset(${JSON.stringify(updates)}::json)
            as u(id uuid, warned_at timestamptz, breached_at timestamptz, escalation_level int, next_check_at timestamptz)
          where c.id = u.id`,
    );
    await this.announce(tx, announced);
    await this.sla.refreshTickets(
      tx,
      ticketRows.map((t) => t.id),
    );
    return { clocks: due.length, steps: announced.length };
  }

  /** The steps on their tickets (events, customer timelines) and to the people who must act, in-app and by SMS/e-mail. */
  private async announce(tx: Tx, items: Announcement[]) {
    if (items.length === 0) return;
    const people = await this.recipients(tx, items);
    const notices: StaffNotice[] = [];
    const messages: OutgoingMessage[] = [];
    const events = items.map(({ ticket, clock, step }): TicketEventInput & { ticket: TicketRow } => {
      const stepKey = step.kind === 'escalate' ? `escalate-${step.level}` : step.kind;
      const level = step.kind === 'escalate' ? step.level : null;
      const to = people.of(ticket, clock, step);
      const notice = staffNotice(
        {
          kind: `sla.${step.kind}`,
          params: { number: ticket.number, node: clock.node, ...(level ? { level } : {}) },
          key: `sla:${clock.id}:${stepKey}`,
          body: ticket.title,
          link: `/tickets/${ticket.id}`,
        },
        to.map((r) => r.id),
      );
      notices.push(notice);
      // Staff SMS and e-mail are Chinese, as the notice's stored title.
      const title = notice.title;
      if (step.kind !== 'warn') {
        const base = {
          template: `sla.${step.kind}` as const,
          orgPath: ticket.orgPath,
          refType: 'ticket',
          refId: ticket.id,
        };
        for (const r of to) {
          if (r.phone) {
            messages.push({
              ...base,
              channel: 'sms',
              recipient: r.phone,
              recipientUserId: r.id,
              body: `【安居】${title}：${ticket.title}`,
              idempotencyKey: `sla:${clock.id}:${stepKey}:${r.id}:sms`,
            });
          }
          if (r.email) {
            messages.push({
              ...base,
              channel: 'email',
              recipient: r.email,
              recipientUserId: r.id,
              subject: title,
              body: `${title}\n${ticket.title}`,
              idempotencyKey: `sla:${clock.id}:${stepKey}:${r.id}:email`,
            });
          }
        }
      }
      return {
        ticket,
        kind: step.kind === 'escalate' ? 'escalation' : step.kind === 'warn' ? 'warning' : 'breach',
        data: { code: `sla.${step.kind}`, clockId: clock.id, node: clock.node, dueAt: clock.dueAt, level },
      };
    });
    await this.tickets.events(tx, null, events);
    await this.messaging.notifyMany(tx, notices);
    await this.messaging.sendMany(tx, messages);
  }

  /**
   * Who hears of each step, with two queries for the whole page: a warning or breach goes to the assignee (else
   * the first ladder level); an escalation to the users holding the level's roles at its org node, which the org
   * directory finds on the ticket's branch (project, city company, region — else the group —, group).
   */
  private async recipients(tx: Tx, items: Announcement[]) {
    const directory = this.directory.with(tx);
    const targets = await directory.escalationTargetsMany([...new Set(items.map((a) => a.ticket.orgPath))]);
    const targetOf = (ticket: TicketRow, step: LadderStep) => targets.get(ticket.orgPath)?.[step.target]?.id ?? null;
    const ladderStepOf = (a: Announcement): LadderStep | null =>
      a.step.kind === 'escalate'
        ? a.step.step
        : a.ticket.assigneeUserId
          ? null
          : ((a.clock.ladder as LadderStep[])[0] ?? null);
    const orgIds = new Set<string>();
    const roles = new Set<string>();
    const assignees = new Set<string>();
    for (const a of items) {
      const step = ladderStepOf(a);
      if (step) {
        const target = targetOf(a.ticket, step);
        if (target) orgIds.add(target);
        for (const r of step.roles) roles.add(r);
      } else if (a.ticket.assigneeUserId) assignees.add(a.ticket.assigneeUserId);
    }
    const holders: DirectoryUser[] = orgIds.size
      ? (await directory.usersWithRoles([...orgIds], [...roles], { under: false })).filter((u) =>
          orgIds.has(u.orgUnitId),
        )
      : [];
    const named = await directory.users([...assignees]);
    const byId = new Map(named.map((u) => [u.id, u]));
    return {
      of: (ticket: TicketRow, clock: SlaClockRow, step: Exclude<SweepStep, { kind: 'none' }>): Recipient[] => {
        const ladder = ladderStepOf({ ticket, clock, step });
        if (!ladder)
          return ticket.assigneeUserId && byId.has(ticket.assigneeUserId)
            ? [byId.get(ticket.assigneeUserId) as Recipient]
            : [];
        const target = targetOf(ticket, ladder);
        const found = new Map<string, Recipient>();
        for (const h of holders) {
          if (h.orgUnitId === target && h.roles.some((r) => ladder.roles.includes(r))) found.set(h.id, h);
        }
        return [...found.values()];
      },
    };
  }
}

type Announcement = { ticket: TicketRow; clock: SlaClockRow; step: Exclude<SweepStep, { kind: 'none' }> };
