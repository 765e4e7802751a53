import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, eventBody, registerCustomer } from '../../../../test/club-event-factories.js';
import { buyer, type ClubPlace, clubPlace } from '../../../../test/club-factories.js';
import { signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { nextPhone } from '../../../../test/survey-factories.js';
import { clubEventRegistrations, clubEvents } from './club-event.tables.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];
const registrationsOf = async (eventId: string) =>
  Number(
    (
      await t.db.select({ n: count() }).from(clubEventRegistrations).where(eq(clubEventRegistrations.eventId, eventId))
    )[0]?.n,
  );

/** A customer with a birthday (or none), registered at the project. */
async function person(birthday: string | null) {
  const res = await p.manager.api.post('/api/customers', {
    name: '报名人',
    phones: [{ phone: nextPhone(), isPrimary: true }],
    orgUnitId: p.project.id,
    declaredKinds: ['public'],
    birthday,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().customer.id as string;
}

describe('errors', () => {
  it('registering over capacity without a waitlist: 409 CLUB_EVENT_FULL, nothing written', async () => {
    const event = await createEvent(p, { capacity: 1 });
    await registerCustomer(p, event.id, (await buyer(t, p)).customerId);
    const late = (await buyer(t, p)).customerId;
    const res = await p.staff.api.post(`/api/club/events/${event.id}/registrations`, { customerId: late });
    expect(fail(res)).toEqual([409, 'CLUB_EVENT_FULL']);
    expect(res.json().details).toEqual({ capacity: 1 });
    expect(await registrationsOf(event.id)).toBe(1);
    // registering the same person twice
    const again = await p.staff.api.post(`/api/club/events/${event.id}/registrations`, {
      customerId: (
        await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.eventId, event.id))
      )[0]?.customerId,
    });
    expect(fail(again)).toEqual([409, 'CLUB_EVENT_ALREADY_REGISTERED']);
  });

  it('a programme refuses a registrant outside its age group or without a birthday (422), takes one inside', async () => {
    const event = await createEvent(p, { kind: 'programme', ageGroup: 'seniors', title: '长者太极' });
    const reg = (customerId: string) => p.staff.api.post(`/api/club/events/${event.id}/registrations`, { customerId });
    const young = await reg(await person('1990-05-01'));
    expect(fail(young)).toEqual([422, 'CLUB_EVENT_AGE_GROUP']);
    expect(young.json().details).toEqual({ ageGroup: 'seniors', birthdayKnown: true });
    expect(fail(await reg(await person(null)))).toEqual([422, 'CLUB_EVENT_AGE_GROUP']);
    // turns 60 on the event's day (2026-11-24)
    expect((await reg(await person('1966-11-24'))).statusCode).toBe(201);
    expect(fail(await reg(await person('1966-11-25')))).toEqual([422, 'CLUB_EVENT_AGE_GROUP']);
    expect(await registrationsOf(event.id)).toBe(1);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = Number((await t.db.select({ n: count() }).from(clubEvents))[0]?.n);
    const post = (extra: Record<string, unknown>) => p.staff.api.post('/api/club/events', eventBody(p, extra));
    expect(fail(await post({ endsAt: '2026-11-24T13:00:00+08:00' }))).toEqual([400, 'CLUB_EVENT_INVALID']);
    expect(fail(await post({ kind: 'programme' }))).toEqual([400, 'CLUB_EVENT_INVALID']);
    expect(fail(await post({ ageGroup: 'children' }))).toEqual([400, 'CLUB_EVENT_INVALID']);
    expect(fail(await post({ openDayId: '00000000-0000-4000-8000-000000000000' }))).toEqual([
      400,
      'CLUB_EVENT_INVALID',
    ]);
    expect(fail(await post({ orgUnitId: p.region.id }))).toEqual([404, 'ORG_UNIT_NOT_FOUND']);
    const department = await p.staff.api.post('/api/club/events', eventBody(p, { capacity: 0 }));
    expect(department.statusCode).toBe(400);
    expect((await post({ kind: 'party' })).statusCode).toBe(400);
    expect((await post({ startsAt: 'tomorrow' })).statusCode).toBe(400);
    expect(Number((await t.db.select({ n: count() }).from(clubEvents))[0]?.n)).toBe(before);
    expect(fail(await p.staff.api.get('/api/club/events?cursor=bad'))).toEqual([400, 'CURSOR_INVALID']);
    const event = await createEvent(p);
    const stale = await p.staff.api.patch(`/api/club/events/${event.id}`, { title: '改', version: event.version + 5 });
    expect(fail(stale)).toEqual([409, 'VERSION_CONFLICT']);
    const unknown = await p.staff.api.post(`/api/club/events/${event.id}/check-in`, { code: 'ZZZZZZZZ' });
    expect(fail(unknown)).toEqual([409, 'CLUB_EVENT_CHECK_IN_INVALID']);
    expect(fail(await p.staff.api.get('/api/club/events/00000000-0000-4000-8000-000000000000'))).toEqual([
      404,
      'CLUB_EVENT_NOT_FOUND',
    ]);
  });

  it('a past or cancelled event takes no registration (409 CLUB_EVENT_CLOSED) and no check-in', async () => {
    const past = await createEvent(p, {
      startsAt: '2026-11-01T14:00:00+08:00',
      endsAt: '2026-11-01T16:00:00+08:00',
    });
    const h = await buyer(t, p);
    const late = await p.staff.api.post(`/api/club/events/${past.id}/registrations`, { customerId: h.customerId });
    expect(fail(late)).toEqual([409, 'CLUB_EVENT_CLOSED']);
    expect(late.json().details).toEqual({ reason: 'over' });
    const event = await createEvent(p);
    const reg = await registerCustomer(p, event.id, h.customerId);
    const cancelled = await p.staff.api.patch(`/api/club/events/${event.id}`, {
      status: 'cancelled',
      version: event.version,
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const other = await buyer(t, p);
    const res = await p.staff.api.post(`/api/club/events/${event.id}/registrations`, { customerId: other.customerId });
    expect(fail(res)).toEqual([409, 'CLUB_EVENT_CLOSED']);
    const [row] = await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.id, reg.id));
    const door = await p.staff.api.post(`/api/club/events/${event.id}/check-in`, { code: row?.checkInCode });
    expect(fail(door)).toEqual([409, 'CLUB_EVENT_CLOSED']);
    const invite = await p.staff.api.post(`/api/club/events/${event.id}/invitations`, {});
    expect(fail(invite)).toEqual([409, 'CLUB_EVENT_CLOSED']);
    expect(await registrationsOf(event.id)).toBe(1);
  });

  it('a waitlisted code does not check in', async () => {
    const event = await createEvent(p, { capacity: 1, waitlist: true });
    await registerCustomer(p, event.id, (await buyer(t, p)).customerId);
    const w = await registerCustomer(p, event.id, (await buyer(t, p)).customerId);
    expect(w.status).toBe('waitlisted');
    const [row] = await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.id, w.id));
    const staff = await signedIn(t, p.company, ['club_staff']);
    const res = await staff.api.post(`/api/club/events/${event.id}/check-in`, { code: row?.checkInCode });
    expect(fail(res)).toEqual([409, 'CLUB_EVENT_CHECK_IN_INVALID']);
    expect(res.json().details).toEqual({ reason: 'waitlisted' });
  });
});
