import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, registerCustomer } from '../../../../test/club-event-factories.js';
import { type ClubPlace, clubPlace, enrol, publicCustomer } from '../../../../test/club-factories.js';
import { drainJobs } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { households } from '../../../../test/survey-factories.js';
import { ClubRepository } from '../club.repository.js';
import { clubLedger } from '../club.tables.js';
import { SYSTEM_ACTOR } from '../points.service.js';
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

/** A lecture starting ten minutes after the test clock's start (sessions stay signed in across the wait). */
const soon = { startsAt: '2026-11-23T10:10:00+08:00', endsAt: '2026-11-23T12:00:00+08:00' };
const memberRow = (id: string) => new ClubRepository(t.db).member(id, null);
const entriesOf = (memberId: string, sourceType: string) =>
  t.db
    .select()
    .from(clubLedger)
    .where(and(eq(clubLedger.memberId, memberId), eq(clubLedger.sourceType, sourceType)));

describe('points earned in a batch', () => {
  it('earnMany posts each new key once, moves balance and lifetime points by the sum, and a rerun awards nothing', async () => {
    const a = await enrol(p, await publicCustomer(t, p));
    const b = await enrol(p, await publicCustomer(t, p));
    // one source earned one by one before: the batch leaves it alone
    await t.services.club.points.earn(a.id, 'event_attendance', 'sheet-a1');
    const awards = [
      { memberId: a.id, sourceId: 'sheet-a1' },
      { memberId: a.id, sourceId: 'sheet-a2' },
      { memberId: a.id, sourceId: 'sheet-a3' },
      { memberId: b.id, sourceId: 'sheet-b1' },
      { memberId: b.id, sourceId: 'sheet-b1' },
    ];
    const batch = () =>
      t.db.transaction((tx) => t.services.club.points.earnMany(tx, SYSTEM_ACTOR, 'event_attendance', awards));
    const first = await batch();
    expect(first.awarded).toBe(3);
    const again = await batch();
    expect(again).toEqual({ awarded: 0, points: 0 });
    const [ra, rb] = [await memberRow(a.id), await memberRow(b.id)];
    const perEntry = first.points / first.awarded;
    expect(perEntry).toBeGreaterThan(0);
    expect(ra?.balance).toBe(3 * perEntry);
    expect(ra?.lifetimePoints).toBe(3 * perEntry);
    expect(rb?.balance).toBe(perEntry);
    expect(await t.services.club.points.sumOf(a.id)).toBe(ra?.balance);
    expect(await t.services.club.points.sumOf(b.id)).toBe(rb?.balance);
    // balance_after runs on per member in key order, ending at the balance
    const rows = (await entriesOf(a.id, 'event_attendance')).sort((x, y) => x.id - y.id);
    expect(rows.map((r) => r.balanceAfter)).toEqual([perEntry, 2 * perEntry, 3 * perEntry]);
  });

  it('a member who left earns nothing in a batch', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const left = await p.staff.api.patch(`/api/club/members/${m.id}`, { status: 'left', version: m.version });
    expect(left.statusCode, left.body).toBe(200);
    const done = await t.db.transaction((tx) =>
      t.services.club.points.earnMany(tx, SYSTEM_ACTOR, 'event_attendance', [{ memberId: m.id, sourceId: 'x' }]),
    );
    expect(done.awarded).toBe(0);
    expect((await memberRow(m.id))?.balance).toBe(0);
  });
});

describe('attendance marked from a sign-in sheet', () => {
  it('checks in the confirmed registrations not scanned yet, members earn once; a rerun and a later scan add nothing', async () => {
    const event = await createEvent(p, soon);
    const [a, b, c] = await households(t, p, 3);
    if (!a || !b || !c) throw new Error('households');
    const ma = await enrol(p, a.customerId);
    const mb = await enrol(p, b.customerId);
    const ra = await registerCustomer(p, event.id, a.customerId);
    const rb = await registerCustomer(p, event.id, b.customerId);
    const rc = await registerCustomer(p, event.id, c.customerId);
    const ids = [ra.id, rb.id, rc.id];

    const early = await p.staff.api.post(`/api/club/events/${event.id}/attendance`, { registrationIds: ids });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('CLUB_EVENT_CLOSED');
    expect((await entriesOf(mb.id, 'lecture_attendance')).length).toBe(0);

    t.clock.set(new Date('2026-11-23T02:20:00Z'));
    const codeA = (await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.id, ra.id)))[0]
      ?.checkInCode;
    expect((await p.staff.api.post(`/api/club/events/${event.id}/check-in`, { code: codeA })).statusCode).toBe(200);
    await drainJobs(t);

    const sheet = await p.staff.api.post(`/api/club/events/${event.id}/attendance`, { registrationIds: ids });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json()).toMatchObject({ checkedIn: 2, awarded: 1 });
    const rerun = await p.staff.api.post(`/api/club/events/${event.id}/attendance`, { registrationIds: ids });
    expect(rerun.json()).toEqual({ checkedIn: 0, awarded: 0, points: 0 });
    const scanned = await p.staff.api.post(`/api/club/events/${event.id}/check-in`, {
      code: (await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.id, rb.id)))[0]
        ?.checkInCode,
    });
    expect(scanned.json().alreadyCheckedIn).toBe(true);
    await drainJobs(t);

    expect(await entriesOf(ma.id, 'lecture_attendance')).toHaveLength(1);
    const bEntries = await entriesOf(mb.id, 'lecture_attendance');
    expect(bEntries.map((e) => e.idempotencyKey)).toEqual([`lecture_attendance:${rb.id}`]);
    expect(await t.services.club.points.sumOf(mb.id)).toBe((await memberRow(mb.id))?.balance);
    const detail = (await p.staff.api.get(`/api/club/events/${event.id}`)).json();
    expect(detail.counts.checkedIn).toBe(3);
  });

  it('refuses another subtree’s event and bad input with 4xx, writing nothing', async () => {
    const event = await createEvent(p, soon);
    const other = await clubPlace(t);
    const reg = await registerCustomer(p, event.id, (await households(t, p, 1))[0]?.customerId as string);
    t.clock.set(new Date('2026-11-23T02:20:00Z'));
    const foreign = await other.staff.api.post(`/api/club/events/${event.id}/attendance`, {
      registrationIds: [reg.id],
    });
    expect(foreign.statusCode).toBe(404);
    const bad = await p.staff.api.post(`/api/club/events/${event.id}/attendance`, { registrationIds: ['nope'] });
    expect(bad.statusCode).toBe(400);
    const empty = await p.staff.api.post(`/api/club/events/${event.id}/attendance`, { registrationIds: [] });
    expect(empty.statusCode).toBe(400);
    const row = (await t.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.id, reg.id)))[0];
    expect(row?.checkedInAt).toBeNull();
  });
});
