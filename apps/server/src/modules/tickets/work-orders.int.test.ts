import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, orgUnit, signedIn, user } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { notifications } from '../../platform/messaging/messaging.tables.js';
import { users } from '../org/org.tables.js';

let t: TestApp;
type Api = ReturnType<typeof as>;
type Order = {
  id: string;
  seq: number;
  status: string;
  version: number;
  assigneeOrgId: string;
  assigneeUserId: string | null;
  dueAt: string | null;
};
type Ticket = {
  id: string;
  number: string;
  title: string;
  status: string;
  version: number;
  workOrders: Order[];
  clocks: { node: string; workOrderId: string | null; dueAt: string; outcome: string | null }[];
};
let agent: Api;
let place: Awaited<ReturnType<typeof cityCompany>>;
let unitId: string;
let customerId: string;

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
});
afterAll(() => t.close());

const repair = async (extra: Record<string, unknown> = {}): Promise<Ticket> => {
  const res = await agent.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    title: '卫生间天花板渗水',
    description: '楼上卫生间下水时天花板滴水',
    customerId,
    unitId,
    categoryCode: 'leak',
    room: 'bathroom',
    inspectionRequired: false,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const move = async (ticket: Ticket, body: Record<string, unknown>, status = 200): Promise<Ticket> => {
  const res = await agent.post(`/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const noticesOf = (userId: string) =>
  t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id);
const mine = async (api: Api) => (await api.get('/api/work-orders/mine')).json().items as (Order & { site: unknown })[];

describe('dispatch to a contractor or department', () => {
  it('gives a contractor the work order in the same step; the named person is told with a page they can open', async () => {
    const contractor = await orgUnit(t, place.company, 'contractor');
    const worker = await signedIn(t, contractor, ['contractor']);
    const colleague = await signedIn(t, contractor, ['contractor']);
    let ticket = await repair({ inspectionRequired: true });
    ticket = await move(ticket, { action: 'inspect', findings: '楼上卫生间防水层破损' });
    ticket = await move(ticket, {
      action: 'dispatch',
      assigneeOrgId: contractor.id,
      assigneeUserId: worker.user.id,
      note: '请带防水涂料',
    });
    expect(ticket.status).toBe('dispatched');
    expect(ticket.workOrders).toHaveLength(1);
    const order = ticket.workOrders[0] as Order;
    expect(order).toMatchObject({
      seq: 1,
      status: 'open',
      assigneeOrgId: contractor.id,
      assigneeUserId: worker.user.id,
      title: ticket.title,
    });
    // its clock starts in the move's statement and sets the order's deadline
    const clock = ticket.clocks.find((c) => c.node === 'work_order');
    expect(clock).toMatchObject({ workOrderId: order.id, outcome: null });
    expect(order.dueAt).toBe(clock?.dueAt);
    expect(ticket).toEqual((await agent.get(`/api/tickets/${ticket.id}`)).json());

    // what the contractor needs on site, with the owner's phone masked
    const listed = await worker.api.get('/api/work-orders/mine');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.body).not.toContain('13812345678');
    expect(listed.json().items).toMatchObject([
      {
        id: order.id,
        ticketNumber: ticket.number,
        site: {
          ticketTitle: '卫生间天花板渗水',
          projectName: place.project.name,
          unitCode: '3-1-1502',
          address: '测试路 1 号',
          room: 'bathroom',
          contactPhoneMasked: '138****5678',
          description: '楼上卫生间下水时天花板滴水',
          findings: '楼上卫生间防水层破损',
          dispatchNote: '请带防水涂料',
        },
      },
    ]);
    // the notice leads to "my work orders", not to the ticket the contractor may not open
    expect((await worker.api.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(403);
    const notices = await noticesOf(worker.user.id);
    expect(notices).toMatchObject([{ kind: 'work_order.assigned', link: '/work-orders' }]);
    expect(notices[0]?.title).toContain(`${ticket.number}-1`);
    expect(await noticesOf(colleague.user.id)).toEqual([]);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, ticket.id), eq(auditEvents.action, 'work_order.create')));
    expect(audit).toHaveLength(1);
  });

  it('tells each member of a department the page they can open, and nobody who can open none', async () => {
    const department = await orgUnit(t, place.company, 'department', { departmentKind: 'engineering' });
    const member = async (roles: Parameters<typeof user>[2]) => {
      const row = await user(t, place.company, roles);
      await t.db.update(users).set({ departmentId: department.id }).where(eq(users.id, row.id));
      return row;
    };
    const handler = await member(['department_staff']);
    const specialist = await member(['cr_specialist']);
    const club = await member(['club_staff']);
    let ticket = await repair();
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: department.id });
    const [order] = ticket.workOrders;
    expect(order).toMatchObject({ assigneeOrgId: department.id, assigneeUserId: null });
    expect(await noticesOf(handler.id)).toMatchObject([{ link: '/work-orders' }]);
    expect(await noticesOf(specialist.id)).toMatchObject([{ link: `/tickets/${ticket.id}` }]);
    expect(await noticesOf(club.id)).toEqual([]);
    const handlerApi = as(t, await login(t, handler.username));
    expect((await mine(handlerApi)).map((w) => w.id)).toContain(order?.id);

    // a work order added on its own follows the same rule
    const added = await agent.post(`/api/tickets/${ticket.id}/work-orders`, {
      title: '复查',
      assigneeOrgId: department.id,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await noticesOf(club.id)).length).toBe(0);
    expect((await noticesOf(specialist.id)).map((n) => n.link)).toEqual([
      `/tickets/${ticket.id}`,
      `/tickets/${ticket.id}`,
    ]);

    // naming someone who can open neither the order nor the ticket is refused, and nothing is written
    const other = await repair();
    const refused = await agent.post(`/api/tickets/${other.id}/transitions`, {
      action: 'dispatch',
      version: other.version,
      assigneeOrgId: department.id,
      assigneeUserId: club.id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'TICKET_ASSIGNEE_NO_ACCESS', details: { field: 'assigneeUserId' } });
    const after = (await agent.get(`/api/tickets/${other.id}`)).json();
    expect(after).toMatchObject({ version: other.version, status: 'dispatch', workOrders: [] });
  });

  it('re-dispatch moves the work: unaccepted orders of the previous assignee are taken back, accepted ones stay', async () => {
    const first = await orgUnit(t, place.company, 'contractor');
    const second = await orgUnit(t, place.company, 'contractor');
    const firstWorker = await signedIn(t, first, ['contractor']);
    const secondWorker = await signedIn(t, second, ['contractor']);
    let ticket = await repair();
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: first.id });
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: second.id });
    expect(ticket.workOrders.map((w) => [w.seq, w.assigneeOrgId, w.status])).toEqual([
      [1, first.id, 'cancelled'],
      [2, second.id, 'open'],
    ]);
    const [taken, given] = ticket.workOrders as [Order, Order];
    expect(ticket.clocks.find((c) => c.workOrderId === taken.id)?.outcome).toBe('cancelled');
    expect(ticket).toEqual((await agent.get(`/api/tickets/${ticket.id}`)).json());
    expect((await mine(firstWorker.api)).find((w) => w.id === taken.id)?.status).toBe('cancelled');

    const accepted = await secondWorker.api.patch(`/api/work-orders/${given.id}`, { action: 'accept', version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    ticket = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    // the same unit again with a person: its running order is handed to that person, no second order
    ticket = await move(ticket, {
      action: 'dispatch',
      assigneeOrgId: second.id,
      assigneeUserId: secondWorker.user.id,
    });
    expect(ticket.workOrders).toHaveLength(2);
    expect(ticket.workOrders[1]).toMatchObject({ status: 'accepted', assigneeUserId: secondWorker.user.id });
    // told once as the unit's member, once as the person named
    expect((await noticesOf(secondWorker.user.id)).map((n) => n.link)).toEqual(['/work-orders', '/work-orders']);
    // back to the first: the accepted order stays for the CR side to settle
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: first.id });
    expect(ticket.workOrders.map((w) => [w.seq, w.status])).toEqual([
      [1, 'cancelled'],
      [2, 'accepted'],
      [3, 'open'],
    ]);
    // a stale dispatch takes nothing back: the order change is undone with the move
    const stale = await agent.post(`/api/tickets/${ticket.id}/transitions`, {
      action: 'dispatch',
      version: ticket.version - 1,
      assigneeOrgId: second.id,
    });
    expect(stale.statusCode).toBe(409);
    expect((await agent.get(`/api/tickets/${ticket.id}`)).json()).toEqual(ticket);
  });

  it('ends the running work orders of a ticket that is cancelled or merged away', async () => {
    const contractor = await orgUnit(t, place.company, 'contractor');
    const worker = await signedIn(t, contractor, ['contractor']);
    let cancelled = await repair();
    cancelled = await move(cancelled, { action: 'dispatch', assigneeOrgId: contractor.id });
    cancelled = await move(cancelled, { action: 'cancel', reason: '业主自行维修' });
    const order = cancelled.workOrders[0] as Order;
    expect(order.status).toBe('cancelled');
    expect(cancelled).toEqual((await agent.get(`/api/tickets/${cancelled.id}`)).json());
    const late = await worker.api.patch(`/api/work-orders/${order.id}`, { action: 'accept', version: order.version });
    expect(late.json().code).toBe('WORK_ORDER_TRANSITION_INVALID');

    const survivor = await repair();
    let duplicate = await repair({ title: '同一处渗水' });
    duplicate = await move(duplicate, { action: 'dispatch', assigneeOrgId: contractor.id });
    const merged = await agent.post(`/api/tickets/${duplicate.id}/merge`, {
      intoTicketId: survivor.id,
      version: duplicate.version,
      reason: '重复报修',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().workOrders).toMatchObject([{ status: 'cancelled' }]);
    expect((await mine(worker.api)).every((w) => w.status === 'cancelled')).toBe(true);
  });
});

describe("the owner's phone on a work order", () => {
  it('is revealed to the assignee of a running order with a reason, audited; not to others, not once done', async () => {
    const contractor = await orgUnit(t, place.company, 'contractor');
    const worker = await signedIn(t, contractor, ['contractor']);
    const stranger = await signedIn(t, await orgUnit(t, place.company, 'contractor'), ['contractor']);
    let ticket = await repair();
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: contractor.id });
    const order = ticket.workOrders[0] as Order;
    const url = `/api/work-orders/${order.id}/reveal-phone`;

    expect((await worker.api.post(url, {})).statusCode).toBe(400);
    expect((await stranger.api.post(url, { reason: '上门联系业主' })).json().code).toBe('WORK_ORDER_NOT_FOUND');
    expect((await agent.post(url, { reason: '上门联系业主' })).json().code).toBe('FORBIDDEN');
    const revealed = await worker.api.post(url, { reason: '上门联系业主' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ phone: '13812345678' });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, ticket.id), eq(auditEvents.action, 'work_order.reveal_phone')));
    expect(audit).toMatchObject([{ actorId: worker.user.id, reason: '上门联系业主' }]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain('13812345678');

    let version = order.version;
    for (const action of ['accept', 'done']) {
      const res = await worker.api.patch(`/api/work-orders/${order.id}`, { action, version, note: '已修复' });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    const late = await worker.api.post(url, { reason: '回访' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('WORK_ORDER_NOT_RUNNING');
  });
});
