import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClubPlace, clubPlace, enrol, publicCustomer } from '../../../test/club-factories.js';
import { signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp, testDriver } from '../../../test/harness.js';
import { ClubRepository } from './club.repository.js';
import { LedgerRepository } from './ledger.repository.js';
import { type Posting, SYSTEM_ACTOR } from './points.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const club = () => t.services.club;
/** Noon, China time, of a day. */
const at = (day: string) => t.clock.set(new Date(`${day}T04:00:00Z`));
/** Noon, China time, of a day; a place with staff signed in then (sessions do not last years). */
const on = (day: string): Promise<ClubPlace> => {
  at(day);
  return clubPlace(t);
};
const post = (posting: Omit<Posting, 'sourceType' | 'sourceId'>) =>
  t.db.transaction((tx) => club().points.post(tx, SYSTEM_ACTOR, { ...posting, sourceType: 'test', sourceId: null }));
const memberRow = async (id: string) => {
  const row = await new ClubRepository(t.db).member(id, null);
  if (!row) throw new Error('member missing');
  return row;
};
const setPlan = async (expiryYears: number | null) => {
  const admin = await signedIn(t, t.root, ['club_staff']);
  const settings = (await admin.api.get('/api/club/settings')).json();
  const res = await admin.api.put('/api/club/settings', { ...settings, expiryYears });
  expect(res.statusCode, res.body).toBe(200);
};

describe(`points expiry (${testDriver})`, () => {
  it('expires, once a year, what is left of the points earned before the plan reaches them (first in, first out)', async () => {
    await setPlan(2);
    const p = await on('2025-03-01');
    const m = await enrol(p, await publicCustomer(t, p));
    await post({ memberId: m.id, kind: 'earn', points: 300, key: `e1:${m.id}` });
    await post({ memberId: m.id, kind: 'redeem', points: -100, key: `r1:${m.id}` });
    at('2026-05-01');
    await post({ memberId: m.id, kind: 'earn', points: 500, key: `e2:${m.id}` });

    at('2026-12-31'); // still 2026: nothing earned in 2025 has reached the end of its second calendar year
    await club().expiry.run();
    expect((await memberRow(m.id)).balance).toBe(700);

    t.clock.set(new Date('2026-12-31T16:30:00Z')); // 00:30 on 1 January 2027, China time
    const first = await club().expiry.run();
    expect(first.expired).toBeGreaterThanOrEqual(200);
    expect((await memberRow(m.id)).balance).toBe(500);
    const [last] = await new LedgerRepository(t.db).page(m.id, null, 1);
    expect(last).toMatchObject({ kind: 'expire', points: -200, idempotencyKey: `expire:2027:${m.id}` });

    // a second pass the same year, and a rerun after the mark was lost, expire nothing more
    expect((await club().expiry.run()).members).toBe(0);
    await new ClubRepository(t.db).markExpiryChecked(m.id, 0);
    await club().expiry.run();
    expect((await memberRow(m.id)).balance).toBe(500);

    at('2028-01-02'); // the 2026 points have reached the end of 2027
    await club().expiry.run();
    const after = await memberRow(m.id);
    expect(after.balance).toBe(0);
    expect(await club().points.sumOf(m.id)).toBe(0);
    expect(after.lifetimePoints).toBe(800); // expiry never lowers a tier
  });

  it('a reversed earning does not expire, and a reversal does not shield older points', async () => {
    await setPlan(1);
    const p = await on('2029-02-01');
    const m = await enrol(p, await publicCustomer(t, p));
    const wrong = await post({ memberId: m.id, kind: 'earn', points: 400, key: `w:${m.id}` });
    await post({ memberId: m.id, kind: 'earn', points: 150, key: `k:${m.id}` });
    const reversed = await p.staff.api.post(`/api/club/members/${m.id}/points/${wrong.entry.id}/reverse`, {
      reason: 'entered twice',
    });
    expect(reversed.statusCode, reversed.body).toBe(201);
    expect(reversed.json()).toMatchObject({ kind: 'reverse', points: -400 });
    const again = await p.staff.api.post(`/api/club/members/${m.id}/points/${wrong.entry.id}/reverse`, {
      reason: 'entered twice',
    });
    expect(again.json().code).toBe('CLUB_ENTRY_ALREADY_REVERSED');
    at('2030-01-03');
    await club().expiry.run();
    const row = await memberRow(m.id);
    expect(row.balance).toBe(0);
    expect(await club().points.sumOf(m.id)).toBe(0);
  });

  it('no plan: nothing expires', async () => {
    await setPlan(null);
    const p = await on('2031-02-01');
    const m = await enrol(p, await publicCustomer(t, p));
    await post({ memberId: m.id, kind: 'earn', points: 100, key: `n:${m.id}` });
    at('2035-01-05');
    expect(await club().expiry.run()).toEqual({ members: 0, expired: 0 });
    expect((await memberRow(m.id)).balance).toBe(100);
  });
});
