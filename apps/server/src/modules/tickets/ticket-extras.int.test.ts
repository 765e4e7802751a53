import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, drainJobs, login, signedIn, user } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../platform/db/database.js';
import { resumeDueHolds } from './hold-resume.job.js';

let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  place = await cityCompany(t);
});
afterAll(() => t.close());

describe('saved queue views', () => {
  it('saves, replaces by name, lists only my own and deletes', async () => {
    const me = (await signedIn(t, place.company, ['cr_manager'])).api;
    const other = (await signedIn(t, place.company, ['cr_manager'])).api;
    const saved = await me.put('/api/ticket-views', { name: '超时报修', query: { type: 'repair', overdue: 'true' } });
    expect(saved.statusCode, saved.body).toBe(200);
    await me.put('/api/ticket-views', { name: '超时报修', query: { type: 'repair', overdue: 'true', sort: 'due' } });
    const mine = (await me.get('/api/ticket-views')).json().items;
    expect(mine).toEqual([
      { id: saved.json().id, name: '超时报修', query: { type: 'repair', overdue: 'true', sort: 'due' } },
    ]);
    expect((await other.get('/api/ticket-views')).json().items).toEqual([]);
    expect((await other.delete(`/api/ticket-views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await me.put('/api/ticket-views', { name: 'x', query: { status: 'nope' } })).statusCode).toBe(400);
    expect((await me.delete(`/api/ticket-views/${saved.json().id}`)).statusCode).toBe(200);
    expect((await me.get('/api/ticket-views')).json().items).toEqual([]);
  });
});

describe('holds with a resume date', () => {
  it('resume by themselves on that date (China time), clocks running again', async () => {
    const manager = await user(t, place.company, ['cr_manager']);
    const api = async () => as(t, await login(t, manager.username));
    let ticket = (
      await (
        await api()
      ).post('/api/tickets', {
        type: 'complaint',
        channel: 'hotline',
        title: '等待业主回国',
        orgUnitId: place.project.id,
      })
    ).json();
    ticket = (
      await (
        await api()
      ).post(`/api/tickets/${ticket.id}/transitions`, {
        action: 'hold',
        version: ticket.version,
        reason: '业主出国',
        resumeOn: '2026-11-27',
      })
    ).json();
    expect(ticket.status).toBe('on_hold');
    t.clock.set(new Date('2026-11-26T15:59:00Z')); // 23:59 on the 26th in Shanghai
    expect(await resumeDueHolds(t.db, t.clock, t.services.tickets.tickets)).toBe(0);
    t.clock.set(new Date('2026-11-26T16:00:00Z')); // 00:00 on the 27th
    expect(await resumeDueHolds(t.db, t.clock, t.services.tickets.tickets)).toBe(1);
    const after = (await (await api()).get(`/api/tickets/${ticket.id}`)).json();
    expect(after).toMatchObject({ status: 'dispatch', holdReason: null, resumeOn: null });
    expect(
      after.clocks.filter((c: { stoppedAt: string | null; pausedAt: string | null }) => !c.stoppedAt && c.pausedAt),
    ).toEqual([]);
    // the system acts unnamed (readers word it) and the event says why in a code
    expect(after.events.at(-1)).toMatchObject({ kind: 'resume', actorName: null, data: { code: 'resume.on_date' } });
    expect(await resumeDueHolds(t.db, t.clock, t.services.tickets.tickets)).toBe(0);
  });
});

describe('quiet hours', () => {
  it('delivers the acknowledgement SMS of a ticket recorded at 23:00 at 08:00 the next morning', async () => {
    t.clock.set(new Date('2026-11-24T15:00:00Z'));
    const api = (await signedIn(t, place.company, ['cr_manager'])).api;
    const ticket = (
      await api.post('/api/tickets', {
        type: 'complaint',
        channel: 'hotline',
        title: '夜间来电',
        orgUnitId: place.project.id,
        contactPhone: '13811112222',
      })
    ).json();
    await drainJobs(t); // the acknowledgement is written by a listener of ticket.created
    const [job] = await queryRows<{ runAt: Date }>(
      t.db,
      sql`select j.run_at as "runAt" from jobs j join outbox_messages o on j.payload->>'id' = o.id::text
           where o.ref_id = ${ticket.id} and o.template = 'ticket.received'`,
    );
    expect(new Date(job?.runAt as Date).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });
});
