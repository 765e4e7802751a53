import type { LadderStep } from '@anju/contracts';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../../platform/clock.js';
import { anyOfText, type Db, queryRows, type Tx } from '../../../platform/db/database.js';
import type { JobRunner } from '../../../platform/jobs/job-runner.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import type { TicketService } from '../ticket.service.js';
import { type SlaClockRow, slaClocks, type TicketRow, tickets } from '../ticket.tables.js';
import { ruleOf, type SlaService } from './sla.service.js';
import { clockTimes, dueStep, nextCheckAt, type SweepStep, spansOf } from './sla-clock.js';
import type { BusinessCalendar } from './working-time.js';

export const SLA_SWEEP_JOB = 'sla.sweep';
const BATCH = 500;
/** Bounded work per run; anything left is due again on the next minute. */
const MAX_PER_RUN = 50_000;

type Recipient = { id: string; displayName: string; phone: string | null; email: string | null };

/**
 * Every minute: find clocks whose `next_check_at` has come (an index on it, so the cost follows due rows, not all
 * rows), and act one step at a time — warn, breach, escalate level by level. Each step claims the clock with a
 * conditional update on the `next_check_at` it read, in the same transaction as its event and notifications, so
 * two instances never act twice and a sweep killed half-way leaves the rest due for the next run.
 */
export class SlaSweep {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly messaging: MessagingService,
    private readonly tickets: TicketService,
    private readonly log: FastifyBaseLogger,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(SLA_SWEEP_JOB, async () => {
      await this.run();
    });
    jobs.schedule(SLA_SWEEP_JOB, '* * * * *');
  }

  async run(): Promise<{ steps: number }> {
    const now = this.clock.now();
    const calendars = new Map<string, BusinessCalendar>();
    let steps = 0;
    let seen = 0;
    while (seen < MAX_PER_RUN) {
      const due = await this.db
        .select()
        .from(slaClocks)
        .where(lte(slaClocks.nextCheckAt, now))
        .orderBy(asc(slaClocks.nextCheckAt))
        .limit(BATCH);
      if (due.length === 0) break;
      let progressed = 0;
      for (const clock of due) {
        const done = await this.advance(clock, now, calendars);
        steps += done;
        if (done) progressed++;
      }
      seen += due.length;
      // Every row of the page was taken by another instance (or needs nothing): stop rather than spin.
      if (progressed === 0 || due.length < BATCH) break;
    }
    if (steps) this.log.info({ steps }, 'sla sweep');
    return { steps };
  }

  /** Takes a clock through every step due now; returns how many this instance performed. */
  private async advance(start: SlaClockRow, now: Date, calendars: Map<string, BusinessCalendar>) {
    let clock: SlaClockRow | null = start;
    let performed = 0;
    while (clock) {
      const [ticket] = await this.db.select().from(tickets).where(eq(tickets.id, clock.ticketId));
      if (!ticket) return performed;
      let calendar = calendars.get(ticket.companyId);
      if (!calendar) {
        calendar = (await this.sla.calendarOf(this.db, ticket.companyId)).calendar;
        calendars.set(ticket.companyId, calendar);
      }
      const rule = ruleOf(clock);
      const times = clockTimes(calendar, rule, clock.startedAt, spansOf(clock.pauses));
      const state = { ...clock, ladder: rule.ladder };
      const step = dueStep(state, times.escalations, now);
      if (step.kind === 'none') {
        // Nothing due (e.g. a policy changed): move the check to when something is.
        await this.claim(clock, { nextCheckAt: nextCheckAt(state, times.escalations) });
        return performed;
      }
      const patch =
        step.kind === 'warn'
          ? { warnedAt: now }
          : step.kind === 'breach'
            ? { breachedAt: now }
            : { escalationLevel: step.level };
      const next = nextCheckAt({ ...state, ...patch }, times.escalations);
      const current: SlaClockRow = clock;
      clock = await this.db.transaction(async (tx) => {
        const claimed = await this.claim(current, { ...patch, nextCheckAt: next }, tx);
        if (!claimed) return null;
        await this.announce(tx, ticket, claimed, step);
        await this.sla.refreshTicket(tx, ticket.id);
        return claimed;
      });
      if (clock) performed++;
      if (!clock?.nextCheckAt || clock.nextCheckAt > now) return performed;
    }
    return performed;
  }

  private async claim(c: SlaClockRow, patch: Partial<SlaClockRow>, db: Db | Tx = this.db) {
    const [row] = await db
      .update(slaClocks)
      .set(patch)
      .where(
        and(
          eq(slaClocks.id, c.id),
          isNull(slaClocks.stoppedAt),
          isNull(slaClocks.pausedAt),
          // Consecutive steps may share a time (a breach and level 1), so the claim matches the whole step state.
          c.nextCheckAt ? eq(slaClocks.nextCheckAt, c.nextCheckAt) : isNull(slaClocks.nextCheckAt),
          c.warnedAt ? eq(slaClocks.warnedAt, c.warnedAt) : isNull(slaClocks.warnedAt),
          c.breachedAt ? eq(slaClocks.breachedAt, c.breachedAt) : isNull(slaClocks.breachedAt),
          eq(slaClocks.escalationLevel, c.escalationLevel),
        ),
      )
      .returning();
    return row ?? null;
  }

  /** The step on the ticket (event, customer timeline) and to the people who must act, in-app and by SMS/e-mail. */
  private async announce(tx: Tx, ticket: TicketRow, clock: SlaClockRow, step: Exclude<SweepStep, { kind: 'none' }>) {
    const node = NODE_ZH[clock.node] ?? clock.node;
    const stepKey = step.kind === 'escalate' ? `escalate-${step.level}` : step.kind;
    const title =
      step.kind === 'warn'
        ? `工单 ${ticket.number}「${node}」即将超时`
        : step.kind === 'breach'
          ? `工单 ${ticket.number}「${node}」已超时`
          : `工单 ${ticket.number}「${node}」超时升级至第 ${step.level} 级`;
    await this.tickets.event(tx, null, ticket, {
      kind: step.kind === 'escalate' ? 'escalation' : step.kind === 'warn' ? 'warning' : 'breach',
      body: title,
      data: {
        clockId: clock.id,
        node: clock.node,
        dueAt: clock.dueAt,
        level: step.kind === 'escalate' ? step.level : null,
      },
    });
    const ladder = clock.ladder as LadderStep[];
    const recipients =
      step.kind === 'escalate'
        ? await this.recipients(tx, ticket, step.step)
        : ticket.assigneeUserId
          ? await this.users(tx, [ticket.assigneeUserId])
          : ladder[0]
            ? await this.recipients(tx, ticket, ladder[0])
            : [];
    await this.messaging.notify(tx, {
      userIds: recipients.map((r) => r.id),
      kind: `sla.${step.kind}`,
      title,
      body: ticket.title,
      link: `/tickets/${ticket.id}`,
      idempotencyKey: `sla:${clock.id}:${stepKey}`,
    });
    if (step.kind === 'warn') return;
    for (const r of recipients) {
      const base = { template: `sla.${step.kind}`, orgPath: ticket.orgPath, refType: 'ticket', refId: ticket.id };
      if (r.phone) {
        await this.messaging.send(tx, {
          ...base,
          channel: 'sms',
          recipient: r.phone,
          recipientUserId: r.id,
          body: `【安居】${title}：${ticket.title}`,
          idempotencyKey: `sla:${clock.id}:${stepKey}:${r.id}:sms`,
        });
      }
      if (r.email) {
        await this.messaging.send(tx, {
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

  /** Users holding one of the step's roles, placed at the ladder's org node for this ticket. */
  private recipients(tx: Tx, ticket: TicketRow, step: LadderStep) {
    const rootId = ticket.orgPath.split('/').filter(Boolean)[0] as string;
    const target =
      step.target === 'project'
        ? (ticket.projectId ?? ticket.companyId)
        : step.target === 'group'
          ? rootId
          : ticket.companyId;
    return queryRows<Recipient>(
      tx,
      sql`select distinct u.id, u.display_name as "displayName", u.phone, u.email
            from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
           where u.status = 'active' and u.org_unit_id = ${target} and r.key ${anyOfText(step.roles)}`,
    );
  }

  private users(tx: Tx, ids: string[]) {
    return queryRows<Recipient>(
      tx,
      sql`select id, display_name as "displayName", phone, email from users
           where status = 'active' and id::text ${anyOfText(ids)}`,
    );
  }
}

const NODE_ZH: Record<string, string> = {
  reception: '受理',
  inspection: '现场查看',
  dispatch: '派单',
  first_response: '首次响应',
  processing: '处理',
  callback: '回访',
  work_order: '派工单',
};
