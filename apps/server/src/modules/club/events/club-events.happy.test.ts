import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeOf, createEvent, portal, registerCustomer, smsOf } from '../../../../test/club-event-factories.js';
import { buyer, type ClubPlace, clubPlace, enrol } from '../../../../test/club-factories.js';
import { drainJobs, ownerCookie, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
});
// each test moves the clock forward from the same morning, with staff signed in at that time
beforeEach(async () => {
  t.clock.set(new Date('2026-11-23T02:00:00Z'));
  p = await clubPlace(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;

describe('happy', () => {
  it('an owner registers for a decoration lecture in the portal, is checked in by QR, earns the points, and the next day answers the callback by the SMS link', async () => {
    const h = await buyer(t, p);
    const member = await enrol(p, h.customerId);
    const event = await createEvent(p);
    expect(event).toMatchObject({ kind: 'lecture', status: 'scheduled', counts: { registered: 0, checkedIn: 0 } });

    // the portal lists the lecture, the owner registers and sees the check-in code
    const cookie = await ownerCookie(t, h.phone);
    const owner = portal(t, cookie);
    const listed = await owner.get('/api/portal/club/events');
    expect(listed.json().items).toMatchObject([
      { id: event.id, canRegister: true, placesLeft: 20, registration: null },
    ]);
    const register = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/portal/club/events/${event.id}/register`,
        headers: { cookie, 'idempotency-key': 'register-lecture-0001' },
        payload: {},
      });
    const reg = await register();
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json()).toMatchObject({ canRegister: false, placesLeft: 19, registration: { status: 'registered' } });
    // the phone retries with the same key: the same registration, no second place; without a key it is a duplicate
    const retried = await register();
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.json().registration.id).toBe(reg.json().registration.id);
    const dup = await owner.post(`/api/portal/club/events/${event.id}/register`);
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'CLUB_EVENT_ALREADY_REGISTERED']);
    const code = await codeOf(t, cookie, event.id);
    expect(code).toMatch(/^[2-9A-Z]{8}$/);

    // the day before: one reminder with the code, however often the job runs
    await t.services.club.events.jobs.remind();
    await t.services.club.events.jobs.remind();
    const reminders = await smsOf(t, 'club_event.reminder', event.id);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body).toContain(code);

    // at the door: staff type (or scan) the code; a second scan awards nothing new
    t.clock.set(new Date('2026-11-24T05:50:00Z'));
    const door = await signedIn(t, p.company, ['club_staff']);
    const scan = () => door.api.post(`/api/club/events/${event.id}/check-in`, { code: code.toLowerCase() });
    const first = await scan();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ alreadyCheckedIn: false, registration: { callback: 'due' } });
    expect(first.json().registration.checkedInAt).toBeTruthy();
    await drainJobs(t);
    const second = await scan();
    expect(second.json()).toMatchObject({ alreadyCheckedIn: true });
    await drainJobs(t);
    const points = await door.api.get(`/api/club/members/${member.id}/points`);
    const lecture = points.json().items.filter((e: { sourceType: string }) => e.sourceType === 'lecture_attendance');
    expect(lecture).toHaveLength(1);
    expect(lecture[0].points).toBeGreaterThan(0);

    // the next day at 10:00 China time the callback job opens the survey with an SMS link
    await t.services.club.events.jobs.openCallbacks();
    expect(await smsOf(t, 'survey.link', '')).toHaveLength(0);
    t.clock.set(new Date('2026-11-25T02:00:00Z'));
    const staff = await signedIn(t, p.company, ['club_staff']);
    expect(await t.services.club.events.jobs.openCallbacks()).toBe(1);
    expect(await t.services.club.events.jobs.openCallbacks()).toBe(0);
    const regs = await staff.api.get(`/api/club/events/${event.id}/registrations`);
    const [row] = regs.json().items;
    expect(row).toMatchObject({ customerId: h.customerId, cardNo: member.cardNo, callback: 'pending' });
    const { surveyRequests } = await import('../../surveys/surveys.tables.js');
    const { eq } = await import('drizzle-orm');
    const [request] = await t.db.select().from(surveyRequests).where(eq(surveyRequests.subjectId, row.id));
    expect(request).toMatchObject({ kind: 'event', channel: 'sms', status: 'pending', customerId: h.customerId });
    const [link] = await smsOf(t, 'survey.link', request?.id ?? '');
    const token = link?.body.match(/\/m\/survey\/([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const form = await t.app.inject({ method: 'GET', url: `/api/survey-links/${token}` });
    expect(form.statusCode, form.body).toBe(200);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/survey-links/${token}`,
      payload: { answers: [{ key: 'overall', score: 5 }], comment: '讲得很实用' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    await drainJobs(t);

    // the event page counts it all
    const detail = await staff.api.get(`/api/club/events/${event.id}`);
    expect(detail.json().counts).toEqual({
      registered: 1,
      waitlisted: 0,
      checkedIn: 1,
      callbacksAnswered: 1,
      invited: 0,
    });
    const after = await staff.api.get(`/api/club/events/${event.id}/registrations`);
    expect(after.json().items[0].callback).toBe('answered');
  });

  it('lists events with filters, edits with the version, and invites a consenting segment once', async () => {
    const a = await buyer(t, p);
    const b = await buyer(t, p);
    await enrol(p, a.customerId);
    await enrol(p, b.customerId);
    const event = await createEvent(p, { kind: 'brand', title: '品牌发布会', orgUnitId: p.company.id });
    const list = await p.staff.api.get('/api/club/events?kind=brand&from=2026-11-24&to=2026-11-24');
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(event.id);
    expect((await p.staff.api.get('/api/club/events?kind=programme')).json().items).toEqual([]);
    const edited = await p.staff.api.patch(`/api/club/events/${event.id}`, { venue: '售楼处', version: event.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ venue: '售楼处', version: event.version + 1, orgUnitId: p.company.id });
    const invite = () => p.staff.api.post(`/api/club/events/${event.id}/invitations`, { projectId: p.project.id });
    const first = await invite();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().invited).toBeGreaterThanOrEqual(2);
    const again = await invite();
    expect(again.json().invited).toBe(0);
    const sms = await smsOf(t, 'club_event.invite', event.id);
    expect(sms.map((m) => m.recipient)).toEqual(expect.arrayContaining([a.phone, b.phone]));
    expect(sms[0]?.body).toContain('/m/events');
    // the owner of the project sees the company's event in the portal
    const seen = await portal(t, await ownerCookie(t, a.phone)).get('/api/portal/club/events');
    expect(seen.json().items.map((e: { id: string }) => e.id)).toContain(event.id);
    const detail = await p.staff.api.get(`/api/club/events/${event.id}`);
    expect(detail.json().counts.invited).toBe(first.json().invited);
  });

  it('a non-member registers and checks in but earns nothing; staff cancel and register again', async () => {
    const h = await buyer(t, p);
    const event = await createEvent(p, { kind: 'interaction', title: '物业开放日' });
    const reg = await registerCustomer(p, event.id, h.customerId);
    expect(reg).toMatchObject({ status: 'registered', callback: 'none' });
    const cancelled = await p.staff.api.post(`/api/club/events/${event.id}/registrations/${reg.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const again = await registerCustomer(p, event.id, h.customerId);
    const code = await codeOf(t, await ownerCookie(t, h.phone), event.id);
    t.clock.advance(24 * HOUR);
    const door = await signedIn(t, p.company, ['club_staff']);
    const checked = await door.api.post(`/api/club/events/${event.id}/check-in`, { code });
    expect(checked.json()).toMatchObject({ alreadyCheckedIn: false, registration: { id: again.id, memberId: null } });
    await drainJobs(t);
  });
});
