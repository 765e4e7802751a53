import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEvent, registerCustomer, smsOf } from '../../../../test/club-event-factories.js';
import { buyer, type ClubPlace, clubPlace, enrol } from '../../../../test/club-factories.js';
import { drainJobs, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { households } from '../../../../test/survey-factories.js';
import { surveyRequests } from '../../surveys/surveys.tables.js';
import { clubLedger } from '../club.tables.js';
import { clubEventRegistrations } from './club-event.tables.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
});
beforeEach(async () => {
  t.clock.set(new Date('2026-11-23T02:00:00Z'));
  p = await clubPlace(t);
});
afterAll(() => t.close());

type Home = Awaited<ReturnType<typeof households>>[number];
const rowOf = async (id: string) =>
  (await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.id, id)))[0];

describe('waitlist, check-in, jobs', () => {
  it('the last place goes once among concurrent registrations; the others get 409 and nothing is written', async () => {
    const event = await createEvent(p, { capacity: 1 });
    const people = await households(t, p, 4);
    const results = await Promise.all(
      people.map((h) => p.staff.api.post(`/api/club/events/${event.id}/registrations`, { customerId: h.customerId })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const rows = await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.eventId, event.id));
    expect(rows).toHaveLength(1);
  });

  it('cancelling a confirmed place promotes the first waitlisted person in the same transaction and texts them; a larger capacity promotes the next', async () => {
    const event = await createEvent(p, { capacity: 1, waitlist: true });
    const [a, b, c] = (await households(t, p, 3)) as [Home, Home, Home];
    // the waitlist goes in the order people came (a second apart here; the test clock stands still otherwise)
    const ra = await registerCustomer(p, event.id, a.customerId);
    t.clock.advance(1000);
    const rb = await registerCustomer(p, event.id, b.customerId);
    t.clock.advance(1000);
    const rc = await registerCustomer(p, event.id, c.customerId);
    expect([ra.status, rb.status, rc.status]).toEqual(['registered', 'waitlisted', 'waitlisted']);
    const cancel = await p.staff.api.post(`/api/club/events/${event.id}/registrations/${ra.id}/cancel`);
    expect(cancel.json()).toMatchObject({ status: 'cancelled' });
    expect(await rowOf(rb.id)).toMatchObject({ status: 'registered' });
    expect((await rowOf(rb.id))?.promotedAt).toBeTruthy();
    expect(await rowOf(rc.id)).toMatchObject({ status: 'waitlisted' });
    const told = await smsOf(t, 'club_event.promoted', event.id);
    expect(told.map((m) => m.recipient)).toEqual([b.phone]);
    // cancelling again changes nothing and promotes nobody
    await p.staff.api.post(`/api/club/events/${event.id}/registrations/${ra.id}/cancel`);
    expect(await rowOf(rc.id)).toMatchObject({ status: 'waitlisted' });
    const detail = (await p.staff.api.get(`/api/club/events/${event.id}`)).json();
    const grown = await p.staff.api.patch(`/api/club/events/${event.id}`, { capacity: 2, version: detail.version });
    expect(grown.json().counts).toMatchObject({ registered: 2, waitlisted: 0 });
    expect((await smsOf(t, 'club_event.promoted', event.id)).map((m) => m.recipient).sort()).toEqual(
      [b.phone, c.phone].sort(),
    );
  });

  it('two scans of one code at once check in once and award the attendance points once, however often the event is delivered', async () => {
    const event = await createEvent(p, { kind: 'brand' });
    const h = await buyer(t, p);
    const member = await enrol(p, h.customerId);
    const reg = await registerCustomer(p, event.id, h.customerId);
    const code = (await rowOf(reg.id))?.checkInCode as string;
    const [x, y] = await Promise.all(
      [0, 1].map(() => p.staff.api.post(`/api/club/events/${event.id}/check-in`, { code })),
    );
    expect([x?.statusCode, y?.statusCode]).toEqual([200, 200]);
    expect([x?.json().alreadyCheckedIn, y?.json().alreadyCheckedIn].sort()).toEqual([false, true]);
    await drainJobs(t);
    // a listener run again (a redelivery after a crash) posts nothing new
    await t.services.club.points.earn(member.id, 'event_attendance', reg.id);
    const entries = await t.db
      .select()
      .from(clubLedger)
      .where(and(eq(clubLedger.memberId, member.id), eq(clubLedger.sourceType, 'event_attendance')));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.idempotencyKey).toBe(`event_attendance:${reg.id}`);
  });

  it('the callback job killed midway opens nothing; the rerun opens each due callback once', async () => {
    const event = await createEvent(p);
    const people = await households(t, p, 2);
    const regs = [];
    for (const h of people) regs.push(await registerCustomer(p, event.id, h.customerId));
    t.clock.set(new Date('2026-11-24T06:00:00Z'));
    const door = await signedIn(t, p.company, ['club_staff']);
    for (const r of regs) {
      const code = (await rowOf(r.id))?.checkInCode;
      expect((await door.api.post(`/api/club/events/${event.id}/check-in`, { code })).statusCode).toBe(200);
    }
    expect((await rowOf(regs[0]?.id as string))?.callbackDueAt?.toISOString()).toBe('2026-11-25T02:00:00.000Z');
    t.clock.set(new Date('2026-11-25T02:00:00Z'));
    const jobs = t.services.club.events.jobs;
    const open = vi.spyOn(t.services.surveys.requests, 'openCallback');
    open.mockImplementationOnce(async () => {
      throw new Error('killed');
    });
    await expect(jobs.openCallbacks()).rejects.toThrow('killed');
    open.mockRestore();
    const requestsOf = async (id: string) => t.db.select().from(surveyRequests).where(eq(surveyRequests.subjectId, id));
    const stillDue = await Promise.all(regs.map((r) => rowOf(r.id)));
    expect(stillDue.filter((r) => r?.callbackOpenedAt === null).length).toBeGreaterThanOrEqual(1);
    await jobs.openCallbacks();
    await jobs.openCallbacks();
    for (const r of regs) {
      expect(await requestsOf(r.id)).toHaveLength(1);
      expect((await rowOf(r.id))?.callbackRequestId).toBeTruthy();
    }
  });

  it('reminds confirmed registrants of tomorrow once; not the waitlisted, not a cancelled event, not next week', async () => {
    const tomorrow = await createEvent(p, { capacity: 1, waitlist: true });
    const called = await createEvent(p);
    const later = await createEvent(p, { startsAt: '2026-11-30T14:00:00+08:00', endsAt: '2026-11-30T16:00:00+08:00' });
    const [a, b, c, d] = (await households(t, p, 4)) as [Home, Home, Home, Home];
    await registerCustomer(p, tomorrow.id, a.customerId);
    await registerCustomer(p, tomorrow.id, b.customerId);
    await registerCustomer(p, called.id, c.customerId);
    await registerCustomer(p, later.id, d.customerId);
    const v = (await p.staff.api.get(`/api/club/events/${called.id}`)).json().version;
    await p.staff.api.patch(`/api/club/events/${called.id}`, { status: 'cancelled', version: v });
    const jobs = t.services.club.events.jobs;
    await Promise.all([jobs.remind(), jobs.remind()]);
    await jobs.remind();
    expect((await smsOf(t, 'club_event.reminder', tomorrow.id)).map((m) => m.recipient)).toEqual([a.phone]);
    expect(await smsOf(t, 'club_event.reminder', called.id)).toEqual([]);
    expect(await smsOf(t, 'club_event.reminder', later.id)).toEqual([]);
  });
});
