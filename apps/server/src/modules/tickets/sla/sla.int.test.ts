import { and, eq, like } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, user } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { JobRunner } from '../../../platform/jobs/job-runner.js';
import { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { notifications, outboxMessages } from '../../../platform/messaging/messaging.tables.js';
import { ClockSweep } from '../../sla/clock-sweep.job.js';
import { ticketEvents } from '../ticket.tables.js';

let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;
let managerName: string;

/** A custom calendar: Monday 2026-12-28 is a public holiday, Saturday 2026-12-26 a make-up working day. */
const CALENDAR = {
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: ['2026-12-28'],
  makeupWorkdays: ['2026-12-26'],
};

/** Signs in again after the clock has moved (sessions expire after 30 idle minutes). */
const manager = async () => as(t, await login(t, managerName));

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  place = await cityCompany(t);
  managerName = (await user(t, place.company, ['cr_manager'], { phone: '13900000001' })).username;
  const res = await (await manager()).put(`/api/sla/calendars/${place.company.id}`, { ...CALENDAR, version: 0 });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

const nodeOf = (nodes: { node: string; dueAt: string; warnAt: string }[], node: string) =>
  nodes.find((n) => n.node === node);

describe('SLA deadlines', () => {
  it('previews a repair reported on Friday 17:40 before a public holiday with a make-up Saturday', async () => {
    const res = await (await manager()).post('/api/sla/preview', {
      companyId: place.company.id,
      type: 'repair',
      categoryCode: 'walls',
      start: '2026-12-25T09:40:00Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { nodes } = res.json();
    // dispatch 2 working hours: 20 min on Friday, 100 on the make-up Saturday → Sat 10:40
    expect(nodeOf(nodes, 'dispatch')).toMatchObject({
      dueAt: '2026-12-26T02:40:00.000Z',
      warnAt: '2026-12-26T02:16:00.000Z',
    });
    // first response 1 working day → Saturday 17:40
    expect(nodeOf(nodes, 'first_response')?.dueAt).toBe('2026-12-26T09:40:00.000Z');
    // processing 7 working days: skips Sunday and the Monday holiday → Tuesday 2027-01-05 17:40
    expect(nodeOf(nodes, 'processing')?.dueAt).toBe('2027-01-05T09:40:00.000Z');
    // callback 2 calendar days after close
    expect(nodeOf(nodes, 'callback')?.dueAt).toBe('2026-12-27T09:40:00.000Z');
    const dispatch = nodes.find((n: { node: string }) => n.node === 'dispatch');
    expect(dispatch.escalations.find((e: { level: number }) => e.level === 2).at).toBe('2026-12-26T07:40:00.000Z');
  });

  it('gives a live ticket created at that moment the same deadlines', async () => {
    t.clock.set(new Date('2026-12-25T09:40:00Z'));
    const res = await (await manager()).post('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      title: '墙面开裂',
      orgUnitId: place.project.id,
      categoryCode: 'walls',
      inspectionRequired: false,
    });
    expect(res.statusCode, res.body).toBe(201);
    const clock = res.json().clocks.find((c: { node: string }) => c.node === 'dispatch');
    expect(clock).toMatchObject({ dueAt: '2026-12-26T02:40:00.000Z', warnAt: '2026-12-26T02:16:00.000Z' });
  });

  it('excludes an on-hold span across a weekend, on a live ticket and in the preview alike', async () => {
    t.clock.set(new Date('2026-12-03T02:00:00Z')); // Thursday 10:00
    let ticket = (
      await (
        await manager()
      ).post('/api/tickets', {
        type: 'complaint',
        channel: 'walk_in',
        title: '物业服务态度',
        orgUnitId: place.project.id,
        inspectionRequired: false,
      })
    ).json();
    const move = async (body: Record<string, unknown>) => {
      const res = await (await manager()).post(`/api/tickets/${ticket.id}/transitions`, {
        ...body,
        version: ticket.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      ticket = res.json();
    };
    await move({ action: 'dispatch', assigneeOrgId: place.project.id });
    t.clock.set(new Date('2026-12-04T08:00:00Z')); // Friday 16:00
    await move({ action: 'hold', reason: '等业主出差回来', resumeOn: '2026-12-07' });
    expect(ticket.nextDueAt).toBeNull();
    t.clock.set(new Date('2026-12-07T03:00:00Z')); // Monday 11:00
    await move({ action: 'resume' });
    // 5 working days from Thursday 10:00 is Thursday 10 Dec 10:00; the hold cost 2 h on Friday and 2 h on Monday
    const processing = ticket.clocks.find((c: { node: string }) => c.node === 'processing');
    expect(processing.dueAt).toBe('2026-12-10T07:00:00.000Z');
    const preview = (
      await (
        await manager()
      ).post('/api/sla/preview', {
        companyId: place.company.id,
        type: 'complaint',
        start: '2026-12-03T02:00:00Z',
        holds: [{ start: '2026-12-04T08:00:00Z', end: '2026-12-07T03:00:00Z' }],
      })
    ).json();
    expect(nodeOf(preview.nodes, 'processing')?.dueAt).toBe(processing.dueAt);
  });

  it('rejects an invalid calendar with a stable code and keeps the old one', async () => {
    const api = await manager();
    const res = await api.put(`/api/sla/calendars/${place.company.id}`, {
      ...CALENDAR,
      holidays: ['2026-12-26'],
      version: 1,
    });
    expect(res.json().code).toBe('CALENDAR_INVALID');
    expect((await api.get(`/api/sla/calendars/${place.company.id}`)).json()).toMatchObject({ version: 1 });
  });

  it('uses a company policy over the built-in rule, most specific first', async () => {
    const api = await manager();
    const put = (body: Record<string, unknown>) =>
      api.put('/api/sla/policies', {
        companyId: place.company.id,
        ticketType: 'repair',
        mode: 'working',
        ladder: [],
        ...body,
      });
    expect((await put({ node: 'dispatch', limitMinutes: 240 })).statusCode).toBe(200);
    expect(
      (await put({ node: 'dispatch', limitMinutes: 30, categoryCode: 'walls', mode: 'calendar' })).statusCode,
    ).toBe(200);
    const preview = async (categoryCode: string) =>
      (
        await api.post('/api/sla/preview', {
          companyId: place.company.id,
          type: 'repair',
          categoryCode,
          start: '2026-12-01T02:00:00Z',
        })
      ).json().nodes;
    expect(nodeOf(await preview('walls'), 'dispatch')?.dueAt).toBe('2026-12-01T02:30:00.000Z');
    // 240 working minutes from Tuesday 10:00, lunch skipped → 15:00
    expect(nodeOf(await preview('floor'), 'dispatch')?.dueAt).toBe('2026-12-01T07:00:00.000Z');
  });
});

describe('defect taxonomy', () => {
  it('lets an SLA admin add an urgent category that then gets the urgent processing limit', async () => {
    const api = await manager();
    const res = await api.put('/api/defect-categories/gas_smell', {
      nameZh: '燃气异味',
      nameEn: 'Gas smell',
      urgent: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await api.get('/api/defect-categories')).json().items).toContainEqual(
      expect.objectContaining({ code: 'gas_smell', urgent: true }),
    );
    const preview = (
      await api.post('/api/sla/preview', {
        companyId: place.company.id,
        type: 'repair',
        categoryCode: 'gas_smell',
        start: '2026-12-01T02:00:00Z',
      })
    ).json();
    expect(nodeOf(preview.nodes, 'processing')?.dueAt).toBe('2026-12-02T02:00:00.000Z');
    const specialist = as(t, await login(t, (await user(t, place.company, ['cr_specialist'])).username));
    expect((await specialist.put('/api/defect-categories/x_y', { nameZh: '某', nameEn: 'X' })).statusCode).toBe(403);
  });
});

describe('SLA sweep', () => {
  it('warns, breaches and escalates level by level exactly once with two instances, and resumes after a crash', async () => {
    const site = await cityCompany(t);
    t.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00, default calendar
    const supervisor = await user(t, site.project, ['cr_specialist'], { phone: '13900000011' });
    const cityManager = await user(t, site.company, ['cr_manager'], { phone: '13900000012' });
    const creator = await user(t, site.company, ['cr_manager']);
    const api = as(t, await login(t, creator.username));
    const created = await api.post('/api/tickets', {
      type: 'complaint',
      channel: 'hotline',
      title: '无人派单的投诉',
      orgUnitId: site.project.id,
      inspectionRequired: false,
    });
    const ticket = created.json();
    const clockId = ticket.clocks.find((c: { node: string }) => c.node === 'dispatch').id;
    const s = t.services;
    const second = new ClockSweep(t.db, t.clock, s.sla.clocks, s.messaging, pino({ level: 'silent' }), s.org.directory);
    const both = () => Promise.all([s.sla.sweep.run(), second.run()]);
    const events = async (kind: string) =>
      (
        await t.db
          .select()
          .from(ticketEvents)
          .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, kind)))
      ).filter((e) => (e.data as { node?: string }).node === 'dispatch');
    const sms = (step: string) =>
      t.db
        .select()
        .from(outboxMessages)
        .where(like(outboxMessages.idempotencyKey, `sla:${clockId}:${step}:%`));

    t.clock.set(new Date('2026-11-24T03:40:00Z')); // 11:40, past 80 % of 2 working hours
    await both();
    expect(await events('warning')).toHaveLength(1);
    expect(await events('breach')).toHaveLength(0);
    const warned = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.idempotencyKey, `sla:${clockId}:warn`));
    expect(warned.map((n) => n.userId)).toEqual([supervisor.id]);
    // the notice and the event are codes with parameters, worded in each reader's language
    expect(warned[0]).toMatchObject({ kind: 'sla.warn', params: { number: ticket.number, node: 'dispatch' } });
    expect((await events('warning'))[0]).toMatchObject({ body: null, data: { code: 'sla.warn', node: 'dispatch' } });

    // A crash half-way through the breach: the failed step is rolled back and done once by the next run.
    t.clock.set(new Date('2026-11-24T04:00:00Z')); // 12:00 = due
    const notifyMany = s.messaging.notifyMany.bind(s.messaging);
    s.messaging.notifyMany = async () => {
      throw new Error('killed');
    };
    await expect(s.sla.sweep.run()).rejects.toThrow('killed');
    s.messaging.notifyMany = notifyMany;
    expect(await events('breach')).toHaveLength(0);
    await both();
    await both();
    expect(await events('breach')).toHaveLength(1);
    const level1 = await events('escalation');
    expect(level1.map((e) => (e.data as { level: number }).level)).toEqual([1]);
    expect((await sms('escalate-1')).map((m) => m.recipientUserId)).toEqual([supervisor.id]);

    t.clock.set(new Date('2026-11-24T09:00:00Z')); // 17:00: 4 working hours after the breach
    await both();
    await both();
    const levels = (await events('escalation')).map((e) => (e.data as { level: number }).level);
    expect(levels).toEqual([1, 2]);
    const escalated = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.idempotencyKey, `sla:${clockId}:escalate-2`));
    expect(escalated[0]).toMatchObject({ kind: 'sla.escalate', params: { node: 'dispatch', level: 2 } });
    expect((await sms('escalate-2')).map((m) => m.recipientUserId)).toEqual([cityManager.id]);
    const shown = (await as(t, await login(t, creator.username)).get(`/api/tickets/${ticket.id}`)).json();
    expect(shown).toMatchObject({ overdue: true, escalationLevel: 2 });
  });

  it('delivers each outbox message once when workers race', async () => {
    const s = t.services;
    const sentBefore = s.logProvider.sent.length;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await s.messaging.send(tx, {
          channel: 'sms',
          recipient: `1370000000${i}`,
          template: 'ticket.received',
          body: `race ${i}`,
          idempotencyKey: `race:${i}`,
          orgPath: t.root.path,
        });
      }
      // the same message written twice (a retried request) is one message
      await s.messaging.send(tx, {
        channel: 'sms',
        recipient: '13700000000',
        template: 'ticket.received',
        body: 'race 0',
        idempotencyKey: 'race:0',
        orgPath: t.root.path,
      });
    });
    const log = pino({ level: 'silent' });
    const workers = [new JobRunner(t.db, t.clock, log), new JobRunner(t.db, t.clock, log)];
    for (const w of workers) new MessagingService(t.db, t.clock, w, { sms: s.logProvider, email: s.logProvider }, log);
    await Promise.all(workers.map((w) => w.runDue()));
    await Promise.all(workers.map((w) => w.runDue()));
    const sent = s.logProvider.sent.slice(sentBefore).filter((m) => m.idempotencyKey.startsWith('race:'));
    expect(sent.map((m) => m.body).sort()).toEqual(['race 0', 'race 1', 'race 2', 'race 3', 'race 4']);
    const rows = await t.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'race:%'));
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
