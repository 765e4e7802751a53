import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, user } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { notifications, outboxMessages } from '../../platform/messaging/messaging.tables.js';
import type { ClockStep, ClockSubjectInfo } from './clock-subjects.js';
import { type ClockRule, DEFAULT_LADDER } from './clock-times.js';

/**
 * A journey-like kind of record registered by a test module: the SLA module gives its clocks the same warnings,
 * breaches and escalation up the org tree (to the region) as a ticket's, and hands each step back to the module.
 */
let t: TestApp;
const tasks = new Map<string, ClockSubjectInfo & { name: string }>();
const recorded: { taskId: string; kind: string; level: number | null; node: string }[] = [];
const touched: string[][] = [];

beforeAll(async () => {
  t = await createTestApp();
  t.services.sla.clocks.register({
    type: 'test_task',
    async describe(_tx, ids) {
      return new Map(ids.filter((id) => tasks.has(id)).map((id) => [id, tasks.get(id) as ClockSubjectInfo]));
    },
    notice(subject, clock, step) {
      const name = tasks.get(subject.id)?.name ?? '';
      const params = { number: name, node: clock.node, ...(step.kind === 'escalate' ? { level: step.level } : {}) };
      return { kind: `sla.${step.kind}`, params, titleZh: `任务 ${name} ${step.kind}`, link: `/tasks/${subject.id}` };
    },
    async record(_tx, steps: ClockStep[], subjectIds) {
      touched.push(subjectIds);
      for (const s of steps) {
        recorded.push({
          taskId: s.subject.id,
          kind: s.step.kind,
          level: s.step.kind === 'escalate' ? s.step.level : null,
          node: s.clock.node,
        });
      }
    },
  });
});
afterAll(() => t.close());

let phones = 0;
const phone = () => `1380000${String(++phones).padStart(4, '0')}`;
const RULE: ClockRule = { limitMinutes: 120, mode: 'working', warnPercent: 80, ladder: DEFAULT_LADDER };

const at = async (iso: string) => {
  t.clock.set(new Date(iso));
  return t.services.sla.sweep.run();
};

/** A task at the project handled by `assigneeUserId`, with a 2-working-hour clock started Tue 2026-11-24 10:00. */
async function task(project: { id: string; path: string }, companyId: string, assigneeUserId: string | null) {
  const id = randomUUID();
  tasks.set(id, {
    id,
    companyId,
    orgPath: project.path,
    assigneeUserId,
    title: '交付后 30 天回访',
    name: `T-${id.slice(0, 4)}`,
  });
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  const [clock] = await t.services.sla.clocks.start(t.db, { type: 'test_task', id, orgPath: project.path, companyId }, [
    { node: 'visit', rule: RULE, startedAt: t.clock.now() },
  ]);
  return { id, clock: clock as NonNullable<typeof clock> };
}

const smsTo = async (clockId: string, step: string) =>
  (
    await t.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.idempotencyKey, `sla:${clockId}:${step}:%:sms`))
  )
    .map((m) => m.recipientUserId)
    .sort();
const stepsOf = (taskId: string) => recorded.filter((r) => r.taskId === taskId).map((r) => r.level ?? r.kind);

describe('clocks for any registered subject', () => {
  it('warns, breaches and escalates a test subject up to the region exactly like a ticket, each step once', async () => {
    const { region, company, project } = await cityCompany(t);
    const assignee = await user(t, project, ['cr_specialist'], { phone: phone() });
    const supervisor = await user(t, project, ['cr_manager'], { phone: phone() });
    const cityManager = await user(t, company, ['cr_manager'], { phone: phone() });
    const regionHead = await user(t, region, ['executive'], { phone: phone() });
    const { id, clock } = await task(project, company.id, assignee.id);
    expect(clock.subjectType).toBe('test_task');
    expect(clock.dueAt.toISOString()).toBe('2026-11-24T04:00:00.000Z'); // Tue 12:00, 2 working hours

    await at('2026-11-24T03:40:00Z'); // 11:40, past 80 %
    expect(stepsOf(id)).toEqual(['warn']);
    const [warned] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, assignee.id), eq(notifications.idempotencyKey, `sla:${clock.id}:warn`)));
    expect(warned).toMatchObject({ kind: 'sla.warn', link: `/tasks/${id}`, body: '交付后 30 天回访' });

    await at('2026-11-24T04:00:00Z'); // 12:00: breached, level 1 at once
    expect(stepsOf(id)).toEqual(['warn', 'breach', 1]);
    expect(await smsTo(clock.id, 'breach')).toEqual([assignee.id]);
    expect(await smsTo(clock.id, 'escalate-1')).toEqual([assignee.id, supervisor.id].sort());

    await at('2026-11-24T09:00:00Z'); // Tue 17:00: 4 working hours on, the city company
    expect(await smsTo(clock.id, 'escalate-2')).toEqual([cityManager.id]);
    await at('2026-11-27T09:00:00Z'); // Fri 17:00: 3 working days on, the region
    expect(stepsOf(id)).toEqual(['warn', 'breach', 1, 2, 3]);
    expect(await smsTo(clock.id, 'escalate-3')).toEqual([regionHead.id]);
    expect(touched.some((ids) => ids.includes(id))).toBe(true);

    // two sweeps at once take disjoint pages: nothing is announced twice
    t.clock.set(new Date('2026-12-10T09:00:00Z'));
    await Promise.all([t.services.sla.sweep.run(), t.services.sla.sweep.run()]);
    expect(stepsOf(id)).toEqual(['warn', 'breach', 1, 2, 3, 4]);

    await t.services.sla.clocks.stop(t.db, { type: 'test_task', id }, ['visit'], t.clock.now());
    const [stopped] = await t.services.sla.clocks.clocksOf(t.db, { type: 'test_task', id });
    expect(stopped).toMatchObject({ outcome: 'breached', nextCheckAt: null });
  });

  it('pauses and resumes a subject’s clock with the span excluded, and stops it as met before its deadline', async () => {
    const { company, project } = await cityCompany(t);
    const { id } = await task(project, company.id, null);
    const owner = { type: 'test_task', id, companyId: company.id };
    t.clock.set(new Date('2026-11-24T02:30:00Z')); // 10:30: paused
    await t.services.sla.clocks.change(t.db, owner, { pause: true });
    const [paused] = await t.services.sla.clocks.clocksOf(t.db, owner, { open: true });
    expect(paused).toMatchObject({ pausedAt: new Date('2026-11-24T02:30:00Z'), nextCheckAt: null });
    await at('2026-11-24T04:30:00Z'); // past the old deadline: a paused clock is not due
    expect(stepsOf(id)).toEqual([]);

    t.clock.set(new Date('2026-11-25T01:00:00Z')); // Wed 09:00: resumed, 90 working minutes left
    await t.services.sla.clocks.change(t.db, owner, { resume: true });
    const [resumed] = await t.services.sla.clocks.clocksOf(t.db, owner, { open: true });
    expect(resumed?.dueAt.toISOString()).toBe('2026-11-25T02:30:00.000Z');

    t.clock.set(new Date('2026-11-25T02:00:00Z'));
    await t.services.sla.clocks.stop(t.db, owner, ['visit'], t.clock.now());
    const [met] = await t.services.sla.clocks.clocksOf(t.db, owner);
    expect(met).toMatchObject({ outcome: 'met', stoppedAt: new Date('2026-11-25T02:00:00Z') });
  });

  it('lets a clock whose subject is gone fall quiet instead of failing the sweep', async () => {
    const { company, project } = await cityCompany(t);
    const { id, clock } = await task(project, company.id, null);
    tasks.delete(id);
    await at('2026-11-24T05:00:00Z');
    expect(stepsOf(id)).toEqual([]);
    const [row] = await t.services.sla.clocks.clocksOf(t.db, { type: 'test_task', id });
    expect(row).toMatchObject({ id: clock.id, nextCheckAt: null, warnedAt: null });
  });
});
