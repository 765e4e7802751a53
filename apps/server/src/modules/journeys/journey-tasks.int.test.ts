import { and, eq, like } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, drainJobs, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { journeyHousehold } from '../../../test/journey-factories.js';
import { multipartFile } from '../../../test/multipart.js';
import { notifications } from '../../platform/messaging/messaging.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-01T02:00:00Z'));
});
afterAll(() => t.close());

describe('journey tasks', () => {
  it('shows a task with its step’s checklist and script, and records a call that did not reach the owner', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const [terms] = await h.tasks();
    const detail = (await h.manager.api.get(`/api/journey-tasks/${terms?.id}`)).json();
    expect(detail).toMatchObject({ stepKey: 'contract_terms', unitCode: '3-1-0101', status: 'open', attempts: 0 });
    expect(detail.step.checklist.map((c: { key: string }) => c.key)).toEqual([
      'terms',
      'mortgage',
      'certificate',
      'channels',
    ]);
    expect(detail.step.script.zh).toContain('明确条款');

    const missed = await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: detail.version,
      outcome: 'not_reached',
      notes: '无人接听',
    });
    expect(missed.json()).toMatchObject({ status: 'open', attempts: 1, notes: '无人接听' });
    const reached = await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: missed.json().version,
      outcome: 'reached',
      checklist: [
        { key: 'terms', ok: true },
        { key: 'mortgage', ok: true },
        { key: 'channels', ok: false, note: '客户未记下热线' },
      ],
    });
    expect(reached.statusCode, reached.body).toBe(200);
    expect(reached.json()).toMatchObject({ status: 'done', outcome: 'reached', attempts: 1 });
    expect(reached.json().checklist).toHaveLength(3);
    const admin = await signedIn(t, t.root, ['system_admin']);
    const audit = (await admin.api.get(`/api/audit-events?entityId=${terms?.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['journey_task.complete', 'journey_task.complete']);
  });

  it('warns, breaches and escalates a task left undone past its limit, like a ticket node', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const specialist = await signedIn(t, h.project, ['cr_specialist']);
    const [terms] = await h.tasks(); // due 24 Feb, 3 working days: overdue by 1 Mar
    await t.services.sla.sweep.run();
    const notices = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, specialist.user.id), like(notifications.link, `%${terms?.id}`)));
    expect(notices.map((n) => n.kind).sort()).toEqual([
      'journey_task.breach',
      'journey_task.escalate',
      'journey_task.warn',
    ]);
    expect(notices.find((n) => n.kind === 'journey_task.breach')?.params).toMatchObject({
      nameZh: '喜结连理：合同条款说明',
      nameEn: 'Signing: contract terms',
    });
    await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, { version: terms?.version, outcome: 'done' });
    const [clock] = await t.services.sla.clocks.clocksOf(t.db, { type: 'journey_task', id: terms?.id as string });
    expect(clock).toMatchObject({ outcome: 'breached', nextCheckAt: null });
  });

  it('opens a repair ticket for a failed item of a quality check, on the unit and room, once', async () => {
    const h = await journeyHousehold(t, '2024-01-10', { moveInDate: '2025-03-01' });
    const check = (await h.tasks()).find((x) => x.stepKey === 'year_check'); // 12 months after moving in
    expect(check?.dueDate).toBe('2026-03-02');
    const inspector = await signedIn(t, h.project, ['department_staff']);
    const res = await inspector.api.post(`/api/journey-tasks/${check?.id}/complete`, {
      version: check?.version,
      outcome: 'done',
      checklist: [
        { key: 'hardware', ok: true },
        { key: 'drainage', ok: false, note: '主卫地漏排水慢', room: 'bathroom', categoryCode: 'plumbing' },
        { key: 'gas', ok: true },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [opened] = res.json().tickets;
    expect(opened).toMatchObject({ itemKey: 'drainage', number: expect.stringMatching(/^BX/) });
    const ticket = (await h.manager.api.get(`/api/tickets/${opened.ticketId}`)).json();
    expect(ticket).toMatchObject({
      type: 'repair',
      channel: 'inspection',
      unitId: h.unit?.id,
      room: 'bathroom',
      categoryCode: 'plumbing',
      description: '主卫地漏排水慢',
      customerId: h.customer.id,
    });
    await drainJobs(t);
    const timeline = (await h.manager.api.get(`/api/customers/${h.customer.id}/timeline`)).json().items;
    expect(timeline.some((e: { refId: string | null }) => e.refId === opened.ticketId)).toBe(true);
    const queue = (await h.manager.api.get('/api/tickets?channel=inspection')).json().items;
    expect(queue.map((q: { id: string }) => q.id)).toContain(opened.ticketId);
  });

  it('refuses bad outcomes with a stable code and writes nothing', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const [task] = await h.tasks();
    const post = (body: unknown) => h.manager.api.post(`/api/journey-tasks/${task?.id}/complete`, body);
    const unknownItem = await post({
      version: task?.version,
      outcome: 'reached',
      checklist: [{ key: 'nope', ok: true }],
    });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'checklist' } });
    expect((await post({ version: task?.version, outcome: 'maybe' })).statusCode).toBe(400);
    const stale = await post({ version: (task?.version ?? 0) + 5, outcome: 'done' });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect((await post({ version: task?.version, outcome: 'done' })).statusCode).toBe(200);
    const closed = await post({ version: (task?.version ?? 0) + 1, outcome: 'done' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('JOURNEY_TASK_CLOSED');
    const cursor = await h.manager.api.get('/api/journey-tasks?cursor=not-a-cursor');
    expect(cursor.json().code).toBe('CURSOR_INVALID');
  });

  it('keeps tasks within the staff member’s subtree and lets only journey workers record them', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const [task] = await h.tasks();
    const other = await cityCompany(t);
    const stranger = await signedIn(t, other.company, ['cr_manager']);
    expect((await stranger.api.get(`/api/journey-tasks/${task?.id}`)).statusCode).toBe(404);
    expect((await stranger.api.get(`/api/journey-tasks?projectId=${h.project.id}`)).json().items).toEqual([]);
    const body = { version: task?.version, outcome: 'done' };
    expect((await stranger.api.post(`/api/journey-tasks/${task?.id}/complete`, body)).statusCode).toBe(404);
    const coordinator = await signedIn(t, h.project, ['repair_coordinator']);
    expect((await coordinator.api.get('/api/journey-tasks')).statusCode).toBe(403);
    const executive = await signedIn(t, h.company, ['executive']);
    expect((await executive.api.get(`/api/journey-tasks/${task?.id}`)).statusCode).toBe(200);
    const refused = await executive.api.post(`/api/journey-tasks/${task?.id}/complete`, body);
    expect(refused.statusCode).toBe(403);
    const after = (await h.manager.api.get(`/api/journey-tasks/${task?.id}`)).json();
    expect(after.status).toBe('open');
  });
});

describe('completion per project and step', () => {
  it('counts the tasks due in the period, done, done on time and overdue, per project and step', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const [terms] = await h.tasks(); // due 24 Feb, done today (1 Mar): done, late
    const done = await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: terms?.version,
      outcome: 'reached',
      checklist: [],
    });
    expect(done.statusCode, done.body).toBe(200);
    const res = await h.manager.api.get(
      `/api/journey-tasks/completion?projectId=${h.project.id}&from=2026-02-01&to=2026-03-31`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ from: '2026-02-01', to: '2026-03-31' });
    expect(
      res.json().items.map((r: Record<string, unknown>) => [r.stepKey, r.due, r.done, r.doneOnTime, r.overdue, r.rate]),
    ).toEqual([
      ['contract_terms', 1, 1, 0, 0, 1],
      ['sales_callback', 1, 0, 0, 1, 0],
    ]);
    const other = await journeyHousehold(t, '2026-02-20');
    const theirs = await other.manager.api.get(`/api/journey-tasks/completion?projectId=${h.project.id}`);
    expect(theirs.json().items).toEqual([]);
    const bad = await h.manager.api.get('/api/journey-tasks/completion?from=2026-03-02&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
  });
});

describe('checklist photos', () => {
  it('keeps the photos of each item with the task, and refuses another task’s photo', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const [terms, callback] = await h.tasks();
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#aa8866' } })
      .png()
      .toBuffer();
    const upload = async (taskId: string | undefined) => {
      const body = multipartFile('file', '现场.png', png, 'image/png');
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/journey-tasks/${taskId}/photos`,
        headers: { ...body.headers, cookie: h.manager.session.cookie, 'x-csrf-token': h.manager.session.csrf },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const own = await upload(terms?.id);
    const foreign = await upload(callback?.id);
    const refused = await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: terms?.version,
      outcome: 'reached',
      checklist: [{ key: 'terms', ok: true, photoFileIds: [foreign] }],
    });
    expect(refused.json().code).toBe('PHOTO_INVALID');
    const done = await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: terms?.version,
      outcome: 'reached',
      checklist: [
        { key: 'terms', ok: true, photoFileIds: [own] },
        { key: 'mortgage', ok: true },
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().checklist).toEqual([
      { key: 'terms', ok: true, note: null, photoFileIds: [own] },
      { key: 'mortgage', ok: true, note: null, photoFileIds: [] },
    ]);
    expect((await h.manager.api.get(`/api/files/${own}`)).statusCode).toBe(200);
    const late = multipartFile('file', 'x.png', png, 'image/png');
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/journey-tasks/${terms?.id}/photos`,
      headers: { ...late.headers, cookie: h.manager.session.cookie, 'x-csrf-token': h.manager.session.csrf },
      payload: late.payload,
    });
    expect(closed.json().code).toBe('JOURNEY_TASK_CLOSED');
  });
});
