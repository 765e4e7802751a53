import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, as, cityCompany, drainJobs, login, orgUnit, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { queryRows } from '../../platform/db/database.js';
import { outboxMessages } from '../../platform/messaging/messaging.tables.js';

let t: TestApp;
type Api = ReturnType<typeof as>;
let agent: Api;
let unitId: string;
let customerId: string;
let contractor: Awaited<ReturnType<typeof orgUnit>>;
let contractorApi: Api;
let engineering: Awaited<ReturnType<typeof orgUnit>>;
let place: Awaited<ReturnType<typeof cityCompany>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 in Shanghai
  place = await cityCompany(t);
  const [unit] = await projectWithUnits(t, place.project, ['3-1-1502']);
  unitId = unit?.id as string;
  agent = (await signedIn(t, place.company, ['cr_manager'])).api;
  const created = await agent.post('/api/customers', {
    name: '张三',
    phones: [{ phone: '13812345678', isPrimary: true }],
    orgUnitId: place.project.id,
  });
  customerId = created.json().customer.id;
  engineering = await orgUnit(t, place.project, 'department', { departmentKind: 'engineering' });
  contractor = await orgUnit(t, t.root, 'contractor');
  contractorApi = (await signedIn(t, contractor, ['contractor'])).api;
});
afterAll(() => t.close());

const repair = (extra: Record<string, unknown> = {}) =>
  agent.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    title: '卫生间天花板渗水',
    customerId,
    unitId,
    categoryCode: 'leak',
    room: 'bathroom',
    ...extra,
  });

const move = (id: string, body: Record<string, unknown>) => agent.post(`/api/tickets/${id}/transitions`, body);

describe('tickets', () => {
  it('creates a repair with a daily number, inspection first, clocks started, the owner told by SMS', async () => {
    const res = await repair();
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json();
    expect(ticket.number).toMatch(/^BX20261124-\d{4}$/);
    expect(ticket).toMatchObject({
      status: 'inspection',
      customerName: '张三',
      unitCode: '3-1-1502',
      projectName: place.project.name,
      contactPhoneMasked: '138****5678',
      warrantyStatus: 'in',
      allowedActions: ['inspect', 'hold', 'cancel'],
    });
    expect(ticket).toEqual((await agent.get(`/api/tickets/${ticket.id}`)).json());
    const nodes = ticket.clocks.map((c: { node: string; outcome: string | null }) => `${c.node}:${c.outcome}`);
    expect(nodes.sort()).toEqual(['first_response:null', 'inspection:null', 'reception:met']);
    // a leak is urgent: inspection within 4 hours round the clock
    const inspection = ticket.clocks.find((c: { node: string }) => c.node === 'inspection');
    expect(inspection).toMatchObject({ mode: 'calendar', limitMinutes: 240, dueAt: '2026-11-24T06:00:00.000Z' });
    // the SMS and the timeline entry are reactions to ticket.created, written by its listeners after commit
    expect(await t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, ticket.id))).toEqual([]);
    await drainJobs(t);
    const sms = await t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, ticket.id));
    expect(sms.map((m) => m.template)).toEqual(['ticket.received']);
    const timeline = (await agent.get(`/api/customers/${customerId}/timeline`)).json().items;
    expect(timeline[0]).toMatchObject({ refId: ticket.id, title: expect.stringContaining(ticket.number) });
    expect(timeline[0].at).toBe(ticket.createdAt);
  });

  it('numbers tickets per type and day without gaps or repeats under concurrent creates', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => repair({ title: '并发' })));
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(5);
  });

  it('walks the closed loop; a callback scored 2 reopens with the reason, a 5 completes', async () => {
    let ticket = (await repair()).json();
    const step = async (body: Record<string, unknown>, status: string) => {
      const res = await move(ticket.id, { ...body, version: ticket.version });
      expect(res.statusCode, res.body).toBe(200);
      ticket = res.json();
      expect(ticket.status).toBe(status);
    };
    await step({ action: 'inspect', findings: '楼上卫生间防水层破损' }, 'dispatch');
    expect(ticket.firstResponseAt).not.toBeNull();
    // the project's own staff take it (a department or contractor would get a work order to finish first)
    await step({ action: 'dispatch', assigneeOrgId: place.project.id }, 'dispatched');
    expect(ticket.workOrders).toEqual([]);
    await step({ action: 'startProcessing' }, 'processing');
    const blocked = await move(ticket.id, { action: 'close', version: ticket.version, resolution: '已修复' });
    expect(blocked.json().code).toBe('TICKET_CLOSE_BLOCKED');
    await step({ action: 'close', resolution: '重做防水层', rootCause: 'workmanship' }, 'closed');
    expect(ticket.callback).toMatchObject({ status: 'pending' });
    await drainJobs(t);
    const link = await t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, ticket.id));
    expect(link.map((m) => m.template).sort()).toEqual(['ticket.callback_link', 'ticket.received']);

    const low = await agent.post(`/api/tickets/${ticket.id}/callbacks`, {
      outcome: 'answered',
      score: 2,
      comment: '还在渗水',
    });
    expect(low.statusCode, low.body).toBe(200);
    ticket = low.json();
    expect(ticket).toMatchObject({ status: 'processing', reopenCount: 1 });
    const reopen = ticket.events.find((e: { kind: string }) => e.kind === 'reopen');
    expect(reopen.body).toContain('还在渗水');
    const timeline = (await agent.get(`/api/customers/${customerId}/timeline`)).json().items;
    expect(timeline.some((e: { title: string; body: string }) => e.body?.includes('还在渗水'))).toBe(true);

    t.clock.advance(10 * 60_000);
    await step({ action: 'close', resolution: '二次修复', rootCause: 'workmanship' }, 'closed');
    const high = await agent.post(`/api/tickets/${ticket.id}/callbacks`, { outcome: 'answered', score: 5 });
    expect(high.json()).toMatchObject({ status: 'completed', callback: { status: 'answered', score: 5 } });
    // the completion is a move like any other: the callback's event carries it, its clock ends, audited, published
    const done = high.json();
    expect(done.events.filter((e: { kind: string }) => e.kind === 'callback').at(-1)).toMatchObject({
      fromStatus: 'closed',
      toStatus: 'completed',
      data: { code: 'callback.answered', score: 5 },
    });
    expect(done.clocks.filter((c: { stoppedAt: string | null }) => !c.stoppedAt)).toEqual([]);
    const [moved] = await queryRows<{ audits: number; events: number }>(
      t.db,
      sql`select (select count(*)::int from audit_events where entity_id = ${ticket.id} and action = 'ticket.complete') as audits,
                 (select count(*)::int from domain_events where subject_id = ${ticket.id} and name = 'ticket.completed') as events`,
    );
    expect(moved).toEqual({ audits: 1, events: 1 });
    // not a move API callers may ask for
    const asked = await move(ticket.id, { action: 'complete', version: done.version });
    expect(asked.statusCode).toBe(400);
  });

  it('lets one of two simultaneous dispatches win; the other gets 409 and writes nothing', async () => {
    const ticket = (await repair({ inspectionRequired: false })).json();
    const body = { action: 'dispatch', version: ticket.version, assigneeOrgId: engineering.id };
    const [a, b] = await Promise.all([move(ticket.id, body), move(ticket.id, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    expect(after.events.filter((e: { kind: string }) => e.kind === 'dispatch')).toHaveLength(1);
    expect(after.clocks.filter((c: { node: string }) => c.node === 'processing')).toHaveLength(1);
    // the department got the work once
    expect(after.workOrders).toHaveLength(1);
    expect(after.clocks.filter((c: { node: string }) => c.node === 'work_order')).toHaveLength(1);
  });

  it('answers each move with the ticket page as it then stands; a stale move writes nothing', async () => {
    let ticket = (await repair({ inspectionRequired: false })).json();
    /** Each move answers 200 with the page a later read shows. */
    const walk = async (bodies: Record<string, unknown>[]) => {
      for (const body of bodies) {
        const res = await move(ticket.id, { ...body, version: ticket.version });
        expect(res.statusCode, res.body).toBe(200);
        ticket = res.json();
        expect(ticket).toEqual((await agent.get(`/api/tickets/${ticket.id}`)).json());
      }
    };
    const moves = [
      { action: 'hold', reason: '业主出差，约下周上门' },
      { action: 'resume' },
      { action: 'dispatch', assigneeOrgId: engineering.id },
      { action: 'hold', reason: '等待材料' },
    ];
    await walk(moves);
    // the department's work order, written before the move's statement, is on the page that statement answers
    expect(ticket.workOrders).toMatchObject([{ seq: 1, assigneeOrgId: engineering.id, status: 'open' }]);
    const running = ticket.clocks.filter((c: { outcome: string | null }) => c.outcome === null);
    expect(running.map((c: { node: string }) => c.node).sort()).toEqual(['processing', 'work_order']);
    expect(running.every((c: { pausedAt: string | null }) => c.pausedAt !== null)).toBe(true);
    expect(ticket.nextDueAt).toBeNull();
    // a resume with an old version: the clock patch, event and audit row of that statement are all undone
    const stale = await move(ticket.id, { action: 'resume', version: ticket.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect((await agent.get(`/api/tickets/${ticket.id}`)).json()).toEqual(ticket);
    const [audit] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_events where entity_id = ${ticket.id} and action = 'ticket.resume'`,
    );
    expect(audit?.n).toBe(1);
    await walk([{ action: 'resume' }, { action: 'startProcessing' }]);
    const order = ticket.workOrders[0];
    const cancelled = await agent.patch(`/api/work-orders/${order.id}`, { action: 'cancel', version: order.version });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    ticket = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    const rest = [
      { action: 'close', resolution: '更换三角阀', rootCause: 'material', cost: 120 },
      { action: 'reopen', reason: '业主反映仍有滴水' },
      { action: 'cancel', reason: '业主自行找人维修' },
    ];
    await walk(rest);
    expect(ticket).toMatchObject({ status: 'cancelled', reopenCount: 1, callback: { status: 'cancelled' } });
    expect(ticket.clocks.every((c: { outcome: string | null }) => c.outcome !== null)).toBe(true);
  });

  it('refuses a transition the node does not allow, with a stable code and nothing written', async () => {
    const ticket = (await repair()).json();
    const res = await move(ticket.id, {
      action: 'close',
      version: ticket.version,
      resolution: 'x',
      rootCause: 'design',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TICKET_TRANSITION_INVALID');
    const after = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    expect(after.version).toBe(ticket.version);
    expect(after.events).toHaveLength(1);
  });

  it('stops the first-response clock on a customer-visible note, not on an internal one', async () => {
    const ticket = (await repair()).json();
    const internal = (await agent.post(`/api/tickets/${ticket.id}/notes`, { body: '内部：联系物业' })).json();
    expect(internal.firstResponseAt).toBeNull();
    const visible = (
      await agent.post(`/api/tickets/${ticket.id}/notes`, { body: '已联系师傅明早上门', visibility: 'customer' })
    ).json();
    expect(visible.firstResponseAt).not.toBeNull();
    const clock = visible.clocks.find((c: { node: string }) => c.node === 'first_response');
    expect(clock.outcome).toBe('met');
    // the response is a move (the note is its event, once); a later note changes nothing of the ticket
    expect(visible.version).toBe(ticket.version + 1);
    expect(visible.events.filter((e: { kind: string }) => e.kind === 'note')).toHaveLength(2);
    const [responded] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from domain_events where subject_id = ${ticket.id} and name = 'ticket.responded'`,
    );
    expect(responded?.n).toBe(1);
    const again = (
      await agent.post(`/api/tickets/${ticket.id}/notes`, { body: '师傅已出发', visibility: 'customer' })
    ).json();
    expect(again.version).toBe(visible.version);
  });

  it('keeps tickets of one city company away from another company’s staff', async () => {
    const ticket = (await repair()).json();
    const other = await cityCompany(t);
    const stranger = (await signedIn(t, other.company, ['cr_manager'])).api;
    expect((await stranger.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    const list = (await stranger.get('/api/tickets?limit=200')).json().items;
    expect(list.find((x: { id: string }) => x.id === ticket.id)).toBeUndefined();
    expect((await stranger.post(`/api/tickets/${ticket.id}/notes`, { body: 'x' })).statusCode).toBe(404);
  });

  it('shows a contractor only its own work orders, and closes only once they are confirmed', async () => {
    let ticket = (await repair({ inspectionRequired: false })).json();
    const dispatched = await move(ticket.id, {
      action: 'dispatch',
      version: ticket.version,
      assigneeOrgId: contractor.id,
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    ticket = dispatched.json();
    const order = ticket.workOrders[0];
    expect(ticket.workOrders).toHaveLength(1);
    expect(order).toMatchObject({ status: 'open', assigneeOrgType: 'contractor', title: ticket.title });

    const otherContractor = await orgUnit(t, t.root, 'contractor');
    const otherApi = (await signedIn(t, otherContractor, ['contractor'])).api;
    expect((await otherApi.get('/api/work-orders/mine')).json().items).toEqual([]);
    expect((await otherApi.patch(`/api/work-orders/${order.id}`, { action: 'accept', version: 1 })).statusCode).toBe(
      404,
    );
    expect((await contractorApi.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(403);

    const mine = (await contractorApi.get('/api/work-orders/mine')).json().items;
    expect(mine.map((w: { id: string }) => w.id)).toContain(order.id);
    let version = 1;
    for (const action of ['accept', 'done']) {
      const res = await contractorApi.patch(`/api/work-orders/${order.id}`, { action, version, note: '已完成' });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    ticket = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    const early = await move(ticket.id, {
      action: 'close',
      version: ticket.version,
      resolution: '完成',
      rootCause: 'material',
    });
    expect(early.json()).toMatchObject({ code: 'TICKET_CLOSE_BLOCKED' });
    expect((await agent.patch(`/api/work-orders/${order.id}`, { action: 'confirm', version })).statusCode).toBe(200);
    const closed = await move(ticket.id, {
      action: 'close',
      version: ticket.version,
      resolution: '完成',
      rootCause: 'material',
    });
    expect(closed.statusCode, closed.body).toBe(200);
  });

  it('lets the owner answer once through the SMS link; the link then stops working', async () => {
    let ticket = (await repair({ inspectionRequired: false })).json();
    for (const body of [
      { action: 'dispatch', assigneeOrgId: place.project.id },
      { action: 'close', resolution: '已修复', rootCause: 'design' },
    ]) {
      ticket = (await move(ticket.id, { ...body, version: ticket.version })).json();
    }
    const [sms] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'ticket.callback_link'));
    expect(sms).toBeDefined();
    const mine = (await t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, ticket.id))).find(
      (m) => m.template === 'ticket.callback_link',
    );
    const token = mine?.body.match(/\/m\/rate\/([\w-]+)/)?.[1] as string;
    const shown = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${token}` });
    expect(shown.json()).toMatchObject({ number: ticket.number, titleParts: null, category: null });
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${token}`,
      payload: { score: 4 },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/public/feedback/${token}`, payload: { score: 1 } });
    expect(again.json().code).toBe('CALLBACK_TOKEN_INVALID');
    expect((await agent.get(`/api/tickets/${ticket.id}`)).json().status).toBe('completed');
    const listed = (await as(t, await login(t, 'admin', ADMIN_PASSWORD)).get('/api/outbox?limit=200')).json().items;
    expect(listed.every((m: { body: string }) => !m.body.includes(token))).toBe(true);
  });

  it('lists the queue newest first or by due time, filtered, with cursor pages that neither skip nor repeat', async () => {
    const byDue = await allPages<{ id: string; nextDueAt: string | null; status: string }>(
      agent,
      '/api/tickets?sort=due&limit=3',
    );
    expect(byDue.items.length).toBeGreaterThan(3);
    const due = byDue.items.map((x) => x.nextDueAt as string);
    expect(due).toEqual([...due].sort());
    expect(new Set(byDue.items.map((x) => x.id)).size).toBe(byDue.items.length);
    const newest = await allPages<{ id: string; createdAt: string }>(agent, '/api/tickets?limit=4&type=repair');
    expect(new Set(newest.items.map((x) => x.id)).size).toBe(newest.items.length);
    const open = (await agent.get('/api/tickets?open=true&limit=200')).json().items;
    expect(open.every((x: { status: string }) => !['completed', 'cancelled'].includes(x.status))).toBe(true);
    const mineOnly = (await agent.get(`/api/tickets?customerId=${customerId}&limit=200`)).json().items;
    expect(mineOnly.length).toBeGreaterThan(0);
    // the first page counts every ticket the filters match; later pages do not count again
    const first = (await agent.get('/api/tickets?limit=4&type=repair')).json();
    expect(first).toMatchObject({ total: newest.items.length, totalCapped: false });
    expect((await agent.get(`/api/tickets?limit=4&type=repair&cursor=${first.nextCursor}`)).json()).toMatchObject({
      total: null,
      totalCapped: false,
    });
    expect((await agent.get(`/api/tickets?customerId=${customerId}&limit=1`)).json().total).toBe(mineOnly.length);
    // each ticket shows its project with its unit, in the queue as on its page
    expect(first.items[0]).toMatchObject({ projectId: place.project.id, projectName: place.project.name });
    expect((await agent.get(`/api/tickets/${first.items[0].id}`)).json()).toMatchObject({
      projectName: place.project.name,
    });
    // hand-made cursors: a bad time, id or number is refused before it reaches the database
    const made = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const id = newest.items[0]?.id;
    for (const cursor of [
      'garbage',
      made({ t: 'yesterday', id }),
      made({ t: '+275760-09-13T00:00:00.000Z', id }),
      made({ t: '2026-11-23T02:00:00.000Z', id: 'not-a-uuid' }),
      made({ t: 1e20, id: 2 ** 40 }),
    ]) {
      const res = await agent.get(`/api/tickets?cursor=${cursor}`);
      expect([res.statusCode, res.json().code]).toEqual([400, 'CURSOR_INVALID']);
    }
  });

  it('routes a consultation to the expert department, relays its answer to the owner, then calls back (seed 000)', async () => {
    const design = await orgUnit(t, place.company, 'department', { departmentKind: 'design' });
    const expert = await signedIn(t, design, ['department_staff']);
    let ticket = (
      await agent.post('/api/tickets', {
        type: 'consultation',
        channel: 'hotline',
        title: '阳台能否封闭？',
        customerId,
        unitId,
      })
    ).json();
    expect(ticket.status).toBe('dispatch');
    // dispatching to the department gives it the question as a work order in the same step
    ticket = (await move(ticket.id, { action: 'dispatch', version: ticket.version, assigneeOrgId: design.id })).json();
    const order = ticket.workOrders[0];
    expect(ticket.workOrders).toHaveLength(1);
    const queue = (await expert.api.get('/api/work-orders/mine')).json().items;
    expect(queue.map((w: { id: string }) => w.id)).toContain(order.id);
    const answer = '可按统一样式封闭，需向物业报备。';
    const accepted = (await expert.api.patch(`/api/work-orders/${order.id}`, { action: 'accept', version: 1 })).json();
    const done = await expert.api.patch(`/api/work-orders/${order.id}`, {
      action: 'done',
      version: accepted.version,
      note: answer,
    });
    expect(done.statusCode, done.body).toBe(200);
    ticket = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    expect(ticket.workOrders[0]).toMatchObject({ status: 'done', result: answer });
    await agent.patch(`/api/work-orders/${order.id}`, { action: 'confirm', version: done.json().version });
    ticket = (await agent.post(`/api/tickets/${ticket.id}/notes`, { body: answer, visibility: 'customer' })).json();
    const closed = await move(ticket.id, { action: 'close', version: ticket.version, resolution: answer });
    expect(closed.statusCode, closed.body).toBe(200);
    const called = await agent.post(`/api/tickets/${ticket.id}/callbacks`, { outcome: 'answered', score: 4 });
    expect(called.json().status).toBe('completed');
  });

  it('merges a duplicate into the ticket that carries on, and dispatches in bulk ticket by ticket', async () => {
    const first = (await repair({ inspectionRequired: false })).json();
    const dup = (await repair({ inspectionRequired: false, title: '同一处渗水' })).json();
    const merged = await agent.post(`/api/tickets/${dup.id}/merge`, {
      intoTicketId: first.id,
      version: dup.version,
      reason: '同一问题重复报修',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'cancelled', mergedInto: { id: first.id, number: first.number } });
    expect(merged.json().clocks.every((c: { stoppedAt: string | null }) => c.stoppedAt)).toBe(true);
    const survivor = (await agent.get(`/api/tickets/${first.id}`)).json();
    expect(survivor.events.find((e: { kind: string }) => e.kind === 'merged')).toMatchObject({
      body: '同一问题重复报修',
      data: { code: 'merged.from', number: dup.number, ticketId: dup.id },
    });
    const source = (await agent.get(`/api/tickets/${dup.id}`)).json();
    expect(source.events.find((e: { kind: string }) => e.kind === 'merged')).toMatchObject({
      fromStatus: 'dispatch',
      toStatus: 'cancelled',
      body: '同一问题重复报修',
      data: { code: 'merged.into', number: first.number },
    });
    // the merge is a move: audited with what it merged into, published as ticket.merged
    const [mergeRows] = await queryRows<{ audit: unknown; events: number }>(
      t.db,
      sql`select (select after from audit_events where entity_id = ${dup.id} and action = 'ticket.merge') as audit,
                 (select count(*)::int from domain_events where subject_id = ${dup.id} and name = 'ticket.merged') as events`,
    );
    expect(mergeRows).toEqual({ audit: { into: first.number, reason: '同一问题重复报修' }, events: 1 });
    expect(source.firstResponseAt).toBeNull();

    const other = (await repair({ inspectionRequired: false })).json();
    const bulk = await agent.post('/api/tickets/bulk-dispatch', {
      ids: [first.id, dup.id, other.id],
      assigneeOrgId: engineering.id,
    });
    expect(bulk.json().results).toEqual([
      { id: first.id, ok: true, code: null },
      { id: dup.id, ok: false, code: 'TICKET_TRANSITION_INVALID' },
      { id: other.id, ok: true, code: null },
    ]);
  });

  it('opens a linked follow-up complaint when a low score comes long after close', async () => {
    let ticket = (await repair({ inspectionRequired: false })).json();
    for (const body of [
      { action: 'dispatch', assigneeOrgId: place.project.id },
      { action: 'close', resolution: '已修复', rootCause: 'material' },
    ]) {
      ticket = (await move(ticket.id, { ...body, version: ticket.version })).json();
    }
    await t.services.tickets.tickets.db.execute(
      sql`update tickets set closed_at = closed_at - interval '40 days' where id = ${ticket.id}`,
    );
    const res = await agent.post(`/api/tickets/${ticket.id}/callbacks`, {
      outcome: 'answered',
      score: 1,
      comment: '又坏了',
    });
    expect(res.json()).toMatchObject({ status: 'completed' });
    const follow = res.json().events.find((e: { kind: string }) => e.kind === 'follow_up');
    expect(follow).toMatchObject({ body: '又坏了', data: { code: 'follow_up.opened', score: 1 } });
    const number = follow.data.number;
    const found = (await agent.get(`/api/tickets?q=${number}`)).json().items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'complaint', priority: 'high', customerId, status: 'dispatch' });
  });
});
