import type { LadderStep } from '@anju/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { MessagingService, OutgoingMessage, StaffNotice } from '../../platform/messaging/messaging.service.js';
import type { DirectoryUser, OrgDirectory } from '../org/org-directory.js';
import { type ClockService, ruleOf } from './clock.service.js';
import type { SlaClockRow } from './clock-rows.js';
import type { ClockStep, ClockSubjectInfo, DueStep } from './clock-subjects.js';
import { clockTimes, dueStep, nextCheckAt, spansOf } from './clock-times.js';
import { SlaClockRepository, type SweepUpdate } from './sla-clock.repository.js';
import type { BusinessCalendar } from './working-time.js';

export const SLA_SWEEP_JOB = 'sla.sweep';
const BATCH = 500;
/** Bounded work per run; anything left is due again on the next minute. */
const MAX_PER_RUN = 50_000;

type Recipient = { id: string; displayName: string; phone: string | null; email: string | null };

/**
 * Every minute: take a page of clocks whose `next_check_at` has come (an index on it, so the cost follows due
 * rows, not all rows) with `FOR UPDATE SKIP LOCKED`, work out every step due for each — warn, breach, escalate
 * level by level — and write the steps, the subjects' records of them (through their registered `ClockSubject`),
 * notifications and outbox rows of the whole page in a handful of statements, in the transaction that holds the
 * rows. Two instances take disjoint pages; a sweep killed half-way rolls back its page, which is due again on the
 * next run.
 */
export class ClockSweep {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly clocks: ClockService,
    private readonly messaging: MessagingService,
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
    const repo = new SlaClockRepository(tx);
    const due = await repo.claimDue(now, BATCH);
    if (due.length === 0) return { clocks: 0, steps: 0 };
    const subjects = new Map<string, ClockSubjectInfo>();
    for (const type of new Set(due.map((c) => c.subjectType))) {
      const ids = [...new Set(due.filter((c) => c.subjectType === type).map((c) => c.subjectId))];
      const found = await this.clocks.subjects.get(type).describe(tx, ids);
      for (const [id, info] of found) subjects.set(`${type}:${id}`, info);
    }
    const missing = [...new Set([...subjects.values()].map((s) => s.companyId))].filter((id) => !calendars.has(id));
    for (const [id, calendar] of await this.clocks.calendarsOf(tx, missing)) calendars.set(id, calendar);

    const updates: SweepUpdate[] = [];
    const steps: ClockStep[] = [];
    for (const clock of due) {
      const subject = subjects.get(`${clock.subjectType}:${clock.subjectId}`);
      if (!subject) {
        // The subject is gone: nothing is left to warn about.
        updates.push({ ...stateOf(clock), next_check_at: null });
        continue;
      }
      const rule = ruleOf(clock);
      const times = clockTimes(
        calendars.get(subject.companyId) as BusinessCalendar,
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
        steps.push({ subject, clock: state, step });
      }
      updates.push({ ...stateOf(state), next_check_at: nextCheckAt(state, times.escalations) });
    }
    await repo.writeSweep(updates);
    await this.announce(tx, steps);
    for (const type of new Set(due.map((c) => c.subjectType))) {
      const own = steps.filter((s) => s.clock.subjectType === type);
      const touched = [...new Set(due.filter((c) => c.subjectType === type).map((c) => c.subjectId))];
      await this.clocks.subjects.get(type).record(tx, own, touched);
    }
    return { clocks: due.length, steps: steps.length };
  }

  /** The steps to the people who must act, in-app and (breaches and escalations) by SMS/e-mail. */
  private async announce(tx: Tx, items: ClockStep[]) {
    if (items.length === 0) return;
    const people = await this.recipients(tx, items);
    const notices: StaffNotice[] = [];
    const messages: OutgoingMessage[] = [];
    for (const { subject, clock, step } of items) {
      const stepKey = step.kind === 'escalate' ? `escalate-${step.level}` : step.kind;
      const to = people.of(subject, clock, step);
      const notice = this.clocks.subjects.get(clock.subjectType).notice(subject, clock, step);
      notices.push({
        userIds: to.map((r) => r.id),
        kind: notice.kind,
        params: notice.params,
        title: notice.titleZh,
        body: subject.title,
        link: notice.link,
        idempotencyKey: `sla:${clock.id}:${stepKey}`,
      });
      if (step.kind === 'warn') continue;
      // Staff SMS and e-mail are Chinese, as the notice's stored title.
      const title = notice.titleZh;
      const base = {
        template: `sla.${step.kind}` as const,
        orgPath: subject.orgPath,
        refType: clock.subjectType,
        refId: subject.id,
      };
      for (const r of to) {
        if (r.phone) {
          messages.push({
            ...base,
            channel: 'sms',
            recipient: r.phone,
            recipientUserId: r.id,
            body: `【安居】${title}：${subject.title}`,
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
            body: `${title}\n${subject.title}`,
            idempotencyKey: `sla:${clock.id}:${stepKey}:${r.id}:email`,
          });
        }
      }
    }
    await this.messaging.notifyMany(tx, notices);
    await this.messaging.sendMany(tx, messages);
  }

  /**
   * Who hears of each step, with two queries for the whole page: a warning or breach goes to the subject's
   * assignee (else the first ladder level); an escalation to the users holding the level's roles at its org node,
   * which the org directory finds on the subject's branch (project, city company, region — else the group —, group).
   */
  private async recipients(tx: Tx, items: ClockStep[]) {
    const directory = this.directory.with(tx);
    const targets = await directory.escalationTargetsMany([...new Set(items.map((a) => a.subject.orgPath))]);
    const targetOf = (subject: ClockSubjectInfo, step: LadderStep) =>
      targets.get(subject.orgPath)?.[step.target]?.id ?? null;
    const ladderStepOf = (a: ClockStep): LadderStep | null =>
      a.step.kind === 'escalate'
        ? a.step.step
        : a.subject.assigneeUserId
          ? null
          : ((a.clock.ladder as LadderStep[])[0] ?? null);
    const orgIds = new Set<string>();
    const roles = new Set<string>();
    const assignees = new Set<string>();
    for (const a of items) {
      const step = ladderStepOf(a);
      if (step) {
        const target = targetOf(a.subject, step);
        if (target) orgIds.add(target);
        for (const r of step.roles) roles.add(r);
      } else if (a.subject.assigneeUserId) assignees.add(a.subject.assigneeUserId);
    }
    const holders: DirectoryUser[] = orgIds.size
      ? (await directory.usersWithRoles([...orgIds], [...roles], { under: false })).filter((u) =>
          orgIds.has(u.orgUnitId),
        )
      : [];
    const named = await directory.users([...assignees]);
    const byId = new Map(named.map((u) => [u.id, u]));
    return {
      of: (subject: ClockSubjectInfo, clock: SlaClockRow, step: DueStep): Recipient[] => {
        const ladder = ladderStepOf({ subject, clock, step });
        if (!ladder)
          return subject.assigneeUserId && byId.has(subject.assigneeUserId)
            ? [byId.get(subject.assigneeUserId) as Recipient]
            : [];
        const target = targetOf(subject, ladder);
        const found = new Map<string, Recipient>();
        for (const h of holders) {
          if (h.orgUnitId === target && h.roles.some((r) => ladder.roles.includes(r))) found.set(h.id, h);
        }
        return [...found.values()];
      },
    };
  }
}

const stateOf = (c: SlaClockRow): Omit<SweepUpdate, 'next_check_at'> => ({
  id: c.id,
  warned_at: c.warnedAt,
  breached_at: c.breachedAt,
  escalation_level: c.escalationLevel,
});
