import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, drainJobs, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { projectWithUnits } from '../../../../test/property-factories.js';
import { queryRows } from '../../../platform/db/database.js';
import { outboxMessages } from '../../../platform/messaging/messaging.tables.js';
import { customerScopes, customerTimeline } from '../../customers/customer.tables.js';

/** Each listener of the tickets module: nothing before commit's delivery, its effect after, once however often run. */
let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;
let agent: Awaited<ReturnType<typeof signedIn>>['api'];
let unitId: string;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp();
  place = await cityCompany(t);
  const [unit] = await projectWithUnits(t, place.project, ['5-1-0801']);
  unitId = unit?.id as string;
  agent = (await signedIn(t, place.company, ['cr_manager'])).api;
  customerId = (
    await agent.post('/api/customers', {
      name: '李四',
      phones: [{ phone: '13922223333', isPrimary: true }],
      orgUnitId: place.project.id,
      consents: [{ channel: 'sms', granted: true, source: 'hotline' }],
    })
  ).json().customer.id;
});
afterAll(() => t.close());

const report = async (extra: Record<string, unknown> = {}, api = agent) => {
  const res = await api.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    title: '厨房下水堵塞',
    customerId,
    unitId,
    inspectionRequired: false,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const sms = (ticketId: string, template: string) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.refId, ticketId), eq(outboxMessages.template, template)));
/** Runs every delivery of the ticket's events again, as after an instance died before marking them done. */
const redeliver = (ticketId: string) =>
  t.db.execute(sql`update jobs set status = 'queued', finished_at = null where name = 'events.deliver'
                    and (payload->>'event')::bigint in (select id from domain_events where subject_id = ${ticketId})`);

describe('tickets.customer-record', () => {
  it('relates the customer to the ticket and adds one timeline entry dated at the creation', async () => {
    const ticket = await report();
    const entries = () => t.db.select().from(customerTimeline).where(eq(customerTimeline.refId, ticket.id));
    const relations = () =>
      t.db
        .select()
        .from(customerScopes)
        .where(and(eq(customerScopes.relation, 'ticket'), eq(customerScopes.refId, ticket.id)));
    expect(await entries()).toEqual([]);
    expect(await relations()).toEqual([]);
    t.clock.advance(60_000);
    await drainJobs(t);
    await redeliver(ticket.id);
    await drainJobs(t);
    const written = await entries();
    expect(written).toHaveLength(1);
    expect(written[0]?.at.toISOString()).toBe(ticket.createdAt);
    expect(await relations()).toHaveLength(1);
  });
});

describe('tickets.owner-acknowledgement', () => {
  it('texts the contact phone once; a ticket without a phone texts nobody', async () => {
    const ticket = await report();
    expect(await sms(ticket.id, 'ticket.received')).toEqual([]);
    await drainJobs(t);
    await redeliver(ticket.id);
    await drainJobs(t);
    const sent = await sms(ticket.id, 'ticket.received');
    expect(sent.map((m) => [m.recipient, m.body.includes(ticket.number)])).toEqual([['13922223333', true]]);
    const silent = await agent.post('/api/tickets', {
      type: 'consultation',
      channel: 'hotline',
      title: '咨询物业费',
      orgUnitId: place.project.id,
    });
    await drainJobs(t);
    expect(await sms(silent.json().id, 'ticket.received')).toEqual([]);
  });
});

describe('tickets.owner-update', () => {
  it('tells the consenting owner of a hold once per version, not of a resume', async () => {
    let ticket = await report();
    ticket = (
      await agent.post(`/api/tickets/${ticket.id}/transitions`, {
        action: 'hold',
        reason: '等待配件',
        version: ticket.version,
      })
    ).json();
    ticket = (
      await agent.post(`/api/tickets/${ticket.id}/transitions`, { action: 'resume', version: ticket.version })
    ).json();
    expect(await sms(ticket.id, 'ticket.update')).toEqual([]);
    await drainJobs(t);
    await redeliver(ticket.id);
    await drainJobs(t);
    const updates = await sms(ticket.id, 'ticket.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body).toContain('暂缓处理（等待配件）');
  });
});

describe('tickets.reopen-notice', () => {
  it('tells the other handlers of a reopen, not the person who reopened it', async () => {
    // the colleague took the report in; the agent reopens it
    const colleague = await signedIn(t, place.company, ['cr_manager']);
    let ticket = await report({}, colleague.api);
    const step = async (api: typeof agent, body: Record<string, unknown>, status: string) => {
      const res = await api.post(`/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version });
      expect(res.statusCode, res.body).toBe(200);
      ticket = res.json();
      expect(ticket.status).toBe(status);
    };
    await step(colleague.api, { action: 'dispatch', assigneeOrgId: place.project.id }, 'dispatched');
    await step(agent, { action: 'startProcessing' }, 'processing');
    await step(agent, { action: 'close', resolution: '已疏通', rootCause: 'workmanship' }, 'closed');
    await step(agent, { action: 'reopen', reason: '又堵了' }, 'processing');
    await drainJobs(t);
    await redeliver(ticket.id);
    await drainJobs(t);
    const told = await queryRows<{ userId: string }>(
      t.db,
      sql`select user_id as "userId" from notifications where kind = 'ticket.reopened' and link = ${`/tickets/${ticket.id}`}`,
    );
    expect(told.map((n) => n.userId)).toEqual([colleague.user.id]);
  });
});
