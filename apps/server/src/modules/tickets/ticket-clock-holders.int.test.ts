import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, orgUnit, signedIn, user } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { users } from '../org/org.tables.js';

/** Who holds each ticket clock (KPIS.md K1): the clock's `holderOrgId`, shown with its name on the ticket page. */
let t: TestApp;
type Clock = { node: string; workOrderId: string | null; holderOrgId: string | null; holderName: string | null };
type Ticket = {
  id: string;
  version: number;
  status: string;
  clocks: Clock[];
  workOrders: { id: string; version: number }[];
};
let agent: Awaited<ReturnType<typeof signedIn>>['api'];
let place: Awaited<ReturnType<typeof cityCompany>>;
let cr: Awaited<ReturnType<typeof orgUnit>>;
let engineering: Awaited<ReturnType<typeof orgUnit>>;
let unitId: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  place = await cityCompany(t);
  cr = await orgUnit(t, place.company, 'department', { departmentKind: 'customer_relations', name: '客关部' });
  engineering = await orgUnit(t, place.company, 'department', { departmentKind: 'engineering', name: '工程部' });
  const [unit] = await projectWithUnits(t, place.project, ['5-1-0301']);
  unitId = unit?.id as string;
  agent = (await signedIn(t, place.company, ['cr_manager'])).api;
});
afterAll(() => t.close());

const open = async (inspectionRequired: boolean): Promise<Ticket> => {
  const res = await agent.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    title: '厨房墙面开裂',
    description: '厨房墙面有裂缝',
    unitId,
    categoryCode: 'leak',
    inspectionRequired,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const move = async (ticket: Ticket, body: Record<string, unknown>): Promise<Ticket> => {
  const res = await agent.post(`/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const holderOf = (ticket: Ticket, node: string) =>
  ticket.clocks.filter((c) => c.node === node).map((c) => c.holderOrgId);

describe('clock holders', () => {
  it('gives reception, first response, inspection and dispatch to the city company’s CR department', async () => {
    let ticket = await open(true);
    expect(holderOf(ticket, 'reception')).toEqual([cr.id]);
    expect(holderOf(ticket, 'first_response')).toEqual([cr.id]);
    expect(holderOf(ticket, 'inspection')).toEqual([cr.id]);
    expect(ticket.clocks.find((c) => c.node === 'reception')?.holderName).toBe('客关部');
    ticket = await move(ticket, { action: 'inspect', findings: '墙体裂缝' });
    expect(holderOf(ticket, 'dispatch')).toEqual([cr.id]);
  });

  it('gives processing and the work order to the engineering department it is dispatched to', async () => {
    let ticket = await open(false);
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: engineering.id });
    expect(holderOf(ticket, 'processing')).toEqual([engineering.id]);
    expect(holderOf(ticket, 'work_order')).toEqual([engineering.id]);
    expect(ticket.clocks.find((c) => c.node === 'processing')?.holderName).toBe('工程部');
    // the page read later says the same
    const read = (await agent.get(`/api/tickets/${ticket.id}`)).json() as Ticket;
    expect(holderOf(read, 'processing')).toEqual([engineering.id]);
  });

  it('gives a work order to the contractor holding it', async () => {
    const contractor = await orgUnit(t, place.company, 'contractor', { name: '防水公司' });
    await signedIn(t, contractor, ['contractor']);
    let ticket = await open(false);
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: contractor.id });
    expect(holderOf(ticket, 'work_order')).toEqual([contractor.id]);
    expect(holderOf(ticket, 'processing')).toEqual([contractor.id]);
    const added = await agent.post(`/api/tickets/${ticket.id}/work-orders`, {
      title: '复查',
      assigneeOrgId: contractor.id,
    });
    expect(added.statusCode, added.body).toBe(201);
    const read = (await agent.get(`/api/tickets/${ticket.id}`)).json() as Ticket;
    expect(holderOf(read, 'work_order')).toEqual([contractor.id, contractor.id]);
    expect(read.clocks.find((c) => c.node === 'work_order')?.holderName).toBe('防水公司');
  });

  it('keeps the department on processing after a reopen, and CR on the callback; a ticket the project handles stays with CR', async () => {
    const member = await user(t, place.company, ['department_staff']);
    await t.db.update(users).set({ departmentId: engineering.id }).where(eq(users.id, member.id));
    const handler = as(t, await login(t, member.username));
    let ticket = await open(false);
    ticket = await move(ticket, { action: 'dispatch', assigneeOrgId: engineering.id });
    const order = ticket.workOrders[0] as { id: string; version: number };
    let version = order.version;
    for (const action of ['accept', 'done']) {
      const res = await handler.patch(`/api/work-orders/${order.id}`, { action, version, note: '已修复' });
      expect(res.statusCode, res.body).toBe(200);
      version += 1;
    }
    const confirmed = await agent.patch(`/api/work-orders/${order.id}`, { action: 'confirm', version });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    ticket = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    ticket = await move(ticket, { action: 'close', resolution: '已修复', rootCause: 'workmanship' });
    expect(holderOf(ticket, 'callback')).toEqual([cr.id]);
    ticket = await move(ticket, { action: 'reopen', reason: '仍然开裂' });
    expect(holderOf(ticket, 'processing')).toEqual([engineering.id, engineering.id]);

    let own = await open(false);
    own = await move(own, { action: 'dispatch', assigneeOrgId: place.project.id });
    expect(holderOf(own, 'processing')).toEqual([cr.id]);
  });

  it('holds nothing when the company has no CR department', async () => {
    const other = await cityCompany(t);
    const [unit] = await projectWithUnits(t, other.project, ['6-1-0101']);
    const api = (await signedIn(t, other.company, ['cr_manager'])).api;
    const res = await api.post('/api/tickets', {
      type: 'complaint',
      channel: 'hotline',
      title: '物业服务差',
      description: '保安态度差',
      unitId: unit?.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as Ticket).clocks.every((c) => c.holderOrgId === null && c.holderName === null)).toBe(true);
  });
});
