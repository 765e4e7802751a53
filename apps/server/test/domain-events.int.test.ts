import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db/database.js';
import { cityCompany, orgUnit, signedIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import { projectWithUnits } from './property-factories.js';

/** Each module publishes its domain events with the change (issue 12 item 1), named and about the right subject. */
let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;
let api: Awaited<ReturnType<typeof signedIn>>['api'];

beforeAll(async () => {
  t = await createTestApp();
  place = await cityCompany(t);
  api = (await signedIn(t, place.company, ['cr_manager', 'department_staff'])).api;
});
afterAll(() => t.close());

const events = (subjectId: string) =>
  queryRows<{ name: string; subjectType: string; actorKind: string; payload: Record<string, unknown> }>(
    t.db,
    sql`select name, subject_type as "subjectType", actor_kind as "actorKind", payload from domain_events
         where subject_id = ${subjectId} order by id`,
  );
const ok = async (res: Awaited<ReturnType<typeof api.post>>, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

describe('published events', () => {
  it('customers, ownerships, units, delivery batches and notices', async () => {
    const [unit, sold] = await projectWithUnits(t, place.project, ['7-1-0101', '7-1-0102'], 'sold');
    const customer = (
      await ok(
        await api.post('/api/customers', {
          name: '赵六',
          phones: [{ phone: '13733334444', isPrimary: true }],
          orgUnitId: place.project.id,
        }),
        201,
      )
    ).customer;
    expect(await events(customer.id)).toMatchObject([
      { name: 'customer.created', subjectType: 'customer', actorKind: 'staff' },
    ]);

    await ok(
      await api.post(`/api/customers/${customer.id}/ownerships`, { unitId: unit?.id, contractDate: '2026-01-05' }),
      201,
    );
    const [ownershipEvent] = await queryRows<{ name: string; payload: Record<string, unknown> }>(
      t.db,
      sql`select name, payload from domain_events where subject_type = 'ownership' order by id desc limit 1`,
    );
    expect(ownershipEvent).toMatchObject({
      name: 'ownership.created',
      payload: { customerId: customer.id, unitId: unit?.id, contractDate: '2026-01-05', via: 'staff' },
    });

    const batch = await ok(
      await api.post(`/api/projects/${place.project.id}/delivery-batches`, {
        name: '一期交付',
        plannedDate: '2026-12-20',
      }),
      201,
    );
    expect((await events(batch.id)).map((e) => e.name)).toEqual(['batch.planned']);
    await ok(await api.post(`/api/delivery-batches/${batch.id}/units`, { unitIds: [sold?.id] }));
    await ok(
      await api.patch(`/api/delivery-batches/${batch.id}`, { actualDate: '2026-12-21', version: batch.version }),
    );
    // created, then a unit added to it (the batch's plan changed), then delivered
    expect((await events(batch.id)).map((e) => e.name)).toEqual(['batch.planned', 'batch.planned', 'batch.delivered']);
    expect(await events(sold?.id as string)).toMatchObject([
      { name: 'unit.delivered', subjectType: 'unit', payload: { batchId: batch.id, deliveredOn: '2026-12-21' } },
    ]);

    const notice = await ok(
      await api.post('/api/notices', {
        projectId: place.project.id,
        category: 'community',
        title: '停水通知',
        body: '周六上午停水',
      }),
      201,
    );
    expect(await events(notice.id)).toMatchObject([{ name: 'notice.published', payload: { category: 'community' } }]);
  });

  it('tickets, work orders and callbacks', async () => {
    const engineering = await orgUnit(t, place.project, 'department', { departmentKind: 'engineering' });
    let ticket = await ok(
      await api.post('/api/tickets', {
        type: 'repair',
        channel: 'hotline',
        title: '阳台漏水',
        orgUnitId: place.project.id,
        inspectionRequired: false,
      }),
      201,
    );
    const move = async (body: Record<string, unknown>) => {
      ticket = await ok(await api.post(`/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version }));
    };
    await move({ action: 'dispatch', assigneeOrgId: engineering.id });
    const order = ticket.workOrders[0];
    expect(await events(order.id)).toMatchObject([
      { name: 'work_order.assigned', payload: { ticketId: ticket.id, assigneeOrgId: engineering.id } },
    ]);
    // the department's worker finishes it; the CR side confirms, closes and calls back
    const worker = (await signedIn(t, engineering, ['department_staff'])).api;
    let version = order.version;
    for (const action of ['accept', 'done'] as const) {
      version = (await ok(await worker.patch(`/api/work-orders/${order.id}`, { action, version }))).version;
    }
    expect((await events(order.id)).map((e) => e.name)).toEqual(['work_order.assigned', 'work_order.done']);
    await ok(await api.patch(`/api/work-orders/${order.id}`, { action: 'confirm', version }));
    ticket = await ok(await api.get(`/api/tickets/${ticket.id}`));
    await move({ action: 'close', resolution: '已修复', rootCause: 'workmanship' });
    // a stale move records nothing
    const stale = await api.post(`/api/tickets/${ticket.id}/transitions`, {
      action: 'reopen',
      reason: 'x',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await events(ticket.id)).map((e) => e.name)).toEqual([
      'ticket.created',
      'ticket.dispatched',
      'ticket.closed',
    ]);
    await ok(await api.post(`/api/tickets/${ticket.id}/callbacks`, { outcome: 'answered', score: 5 }));
    const [callback] = await queryRows<{ name: string; payload: Record<string, unknown> }>(
      t.db,
      sql`select name, payload from domain_events where subject_type = 'callback' and payload->>'ticketId' = ${ticket.id}`,
    );
    expect(callback).toMatchObject({
      name: 'callback.recorded',
      payload: { outcome: 'answered', score: 5, method: 'phone' },
    });
  });
});
