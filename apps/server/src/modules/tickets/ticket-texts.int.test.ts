import { TICKET_EVENT_CODES, TICKET_EVENT_KINDS, TIMELINE_CODES } from '@anju/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, drainJobs, login, orgUnit, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { notifications, outboxMessages } from '../../platform/messaging/messaging.tables.js';

/**
 * Texts a person reads are codes with parameters, rendered in the reader's language; the words people typed are
 * kept as they are. At close the owner gets one SMS, which carries the link to rate; the people handling the
 * ticket hear of a work order done, a reopen and the owner's rating.
 */
let t: TestApp;
type Api = ReturnType<typeof as>;
type Event = { kind: string; body: string | null; data: Record<string, unknown> | null };
type Ticket = {
  id: string;
  number: string;
  title: string;
  version: number;
  workOrders: { id: string; version: number }[];
  events: Event[];
};
let agent: Api;
let dispatcherId: string;
let place: Awaited<ReturnType<typeof cityCompany>>;
let unitId: string;
let customerId: string;
const PHONE = '13812340001';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 in Shanghai
  place = await cityCompany(t);
  const [unit] = await projectWithUnits(t, place.project, ['5-1-0801']);
  unitId = unit?.id as string;
  const cr = await signedIn(t, place.company, ['cr_manager']);
  agent = cr.api;
  dispatcherId = cr.user.id;
  const created = await agent.post('/api/customers', {
    name: '李四',
    phones: [{ phone: PHONE, isPrimary: true }],
    orgUnitId: place.project.id,
    consents: [{ channel: 'sms', granted: true, source: '认购书勾选' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().customer.id;
});
afterAll(() => t.close());

const move = async (ticket: Ticket, body: Record<string, unknown>): Promise<Ticket> => {
  const res = await agent.post(`/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const noticesOf = (userId: string) =>
  t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id);
const textsOf = (ticketId: string) =>
  t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, ticketId)).orderBy(outboxMessages.createdAt);

describe('ticket texts and the close', () => {
  it('writes codes and typed words; one SMS at close; staff hear of done, reopen and rating', async () => {
    const contractor = await orgUnit(t, place.company, 'contractor');
    const worker = await signedIn(t, contractor, ['contractor']);
    const created = await agent.post('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      title: '阳台推拉门关不严',
      customerId,
      unitId,
      categoryCode: 'doors_windows',
      inspectionRequired: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    let ticket: Ticket = created.json();
    ticket = await move(ticket, {
      action: 'dispatch',
      assigneeOrgId: contractor.id,
      assigneeUserId: worker.user.id,
      note: '请带滑轮配件',
    });
    const order = ticket.workOrders[0] as { id: string; version: number };
    let version = order.version;
    for (const [action, note] of [
      ['accept', undefined],
      ['done', '已更换滑轮'],
    ] as const) {
      const res = await worker.api.patch(`/api/work-orders/${order.id}`, { action, version, note });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    // the person who gave out the order is told it is done; the worker who did it is not
    const done = (await noticesOf(dispatcherId)).filter((n) => n.kind === 'work_order.done');
    expect(done).toMatchObject([{ params: { number: ticket.number, seq: 1 }, link: `/tickets/${ticket.id}` }]);
    expect((await noticesOf(worker.user.id)).some((n) => n.kind === 'work_order.done')).toBe(false);
    const bell = (await agent.get('/api/notifications')).json().items;
    expect(bell.find((n: { kind: string }) => n.kind === 'work_order.done')).toMatchObject({
      params: { number: ticket.number, seq: 1 },
    });

    expect((await agent.patch(`/api/work-orders/${order.id}`, { action: 'confirm', version })).statusCode).toBe(200);
    ticket = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    const before = (await textsOf(ticket.id)).length;
    ticket = await move(ticket, { action: 'close', resolution: '已更换滑轮并调整门框', rootCause: 'material' });

    // one SMS tells the owner it is done, with the one link to rate it
    const atClose = (await textsOf(ticket.id)).slice(before);
    expect(atClose.map((m) => m.template)).toEqual(['ticket.callback_link']);
    expect(atClose[0]?.recipient).toBe(PHONE);
    const token = atClose[0]?.body.match(/\/m\/rate\/([\w-]+)/)?.[1] as string;
    expect(token).toBeTruthy();

    // the owner rates 2 through the link: the ticket reopens, the handlers hear of both
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${token}`,
      payload: { score: 2, comment: '门还是漏风' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    await drainJobs(t); // the reopen notice is a listener's, after commit
    const told = (await noticesOf(dispatcherId)).map((n) => [n.kind, n.params]);
    expect(told).toEqual(
      expect.arrayContaining([
        ['ticket.rated', { number: ticket.number, score: 2 }],
        ['ticket.reopened', { number: ticket.number }],
      ]),
    );

    ticket = (await agent.get(`/api/tickets/${ticket.id}`)).json();
    const coded = (kind: string) =>
      ticket.events.filter((e) => e.kind === kind).map((e): [string | null, Event['data']] => [e.body, e.data]);
    expect(coded('dispatch')).toEqual([
      ['请带滑轮配件', { code: 'dispatch.to', target: contractor.name, assigneeOrgId: contractor.id }],
    ]);
    expect(coded('work_order').map(([body, data]) => [body, data?.code, data?.seq])).toEqual([
      [null, 'work_order.create', 1],
      [null, 'work_order.accept', 1],
      ['已更换滑轮', 'work_order.done', 1],
      [null, 'work_order.confirm', 1],
    ]);
    expect(coded('callback')).toMatchObject([['门还是漏风', { code: 'callback.answered', score: 2 }]]);
    // the reopen keeps the answer it replaced (the ticket's current resolution is cleared)
    expect(coded('reopen')).toEqual([
      [
        '门还是漏风',
        {
          code: 'reopen.low_score',
          score: 2,
          previousResolution: '已更换滑轮并调整门框',
          previousRootCause: 'material',
          previousCost: null,
        },
      ],
    ]);
    // no event carries words the server made: bodies are what people typed, codes are known
    const typed = new Set(['阳台推拉门关不严', '请带滑轮配件', '已更换滑轮', '已更换滑轮并调整门框', '门还是漏风']);
    for (const e of ticket.events) {
      expect(TICKET_EVENT_KINDS).toContain(e.kind);
      if (e.body !== null) expect(typed).toContain(e.body);
      if (e.data?.code !== undefined) expect(TICKET_EVENT_CODES).toContain(e.data.code);
    }

    // the customer's timeline carries the same codes
    const timeline = (await agent.get(`/api/customers/${customerId}/timeline?limit=100`)).json().items as {
      refId: string | null;
      code: string | null;
      params: Record<string, unknown> | null;
      body: string | null;
    }[];
    const entries = timeline.filter((e) => e.refId === ticket.id);
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) {
      expect(TIMELINE_CODES).toContain(e.code);
      expect(e.params).toMatchObject({ ticketNumber: ticket.number });
    }
    expect(entries.find((e) => e.params?.eventCode === 'work_order.done')).toMatchObject({
      code: 'ticket.event',
      params: { event: 'work_order', eventCode: 'work_order.done', seq: 1 },
      body: '已更换滑轮',
    });
  });

  it('has the staff who rated by phone tell nobody of their own rating, and reopens tell the other handlers', async () => {
    const colleague = await signedIn(t, place.company, ['cr_specialist']);
    let ticket: Ticket = (
      await colleague.api.post('/api/tickets', {
        type: 'complaint',
        channel: 'hotline',
        title: '物业服务态度差',
        customerId,
        orgUnitId: place.project.id,
      })
    ).json();
    ticket = (
      await colleague.api.post(`/api/tickets/${ticket.id}/transitions`, {
        action: 'dispatch',
        assigneeOrgId: place.project.id,
        version: ticket.version,
      })
    ).json();
    ticket = (
      await colleague.api.post(`/api/tickets/${ticket.id}/transitions`, {
        action: 'close',
        resolution: '已致歉',
        version: ticket.version,
      })
    ).json();
    const recorded = await agent.post(`/api/tickets/${ticket.id}/callbacks`, { outcome: 'answered', score: 1 });
    expect(recorded.statusCode, recorded.body).toBe(200);
    await drainJobs(t);
    const toColleague = (await noticesOf(colleague.user.id)).map((n) => n.kind);
    expect(toColleague).toContain('ticket.reopened');
    expect(toColleague).not.toContain('ticket.rated');
    expect((await noticesOf(dispatcherId)).filter((n) => n.link === `/tickets/${ticket.id}`)).toEqual([]);
    const colleagueBell = (await as(t, await login(t, colleague.user.username)).get('/api/notifications')).json();
    expect(colleagueBell.items[0]).toMatchObject({ kind: 'ticket.reopened', params: { number: ticket.number } });
  });
});
