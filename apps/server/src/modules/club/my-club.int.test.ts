import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyer, type ClubPlace, clubPlace, enrol } from '../../../test/club-factories.js';
import { ownerCookie, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp, testDriver } from '../../../test/harness.js';
import { nextPhone } from '../../../test/survey-factories.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

const fail = (res: { statusCode: number; json: () => { code?: string } }) => [res.statusCode, res.json().code];
const as = (cookie: string) => (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as Record<string, unknown> });

describe(`the owner's own club in the portal (${testDriver})`, () => {
  it('a buyer sees what joining gives, joins with one tap, and joining again answers the same card', async () => {
    const h = await buyer(t, p);
    const owner = as(await ownerCookie(t, h.phone));
    const before = await owner('GET', '/api/portal/club/membership');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ member: null, left: false, clubName: '业主会' });
    const tiers = before.json().tiers as { code: string; charterZh: string | null; charterEn: string | null }[];
    expect(tiers.map((x) => x.code)).toEqual(['member', 'owner', 'gold']);
    expect(tiers.every((x) => x.charterZh && x.charterEn)).toBe(true);

    const joined = await owner('POST', '/api/portal/club/join');
    expect(joined.statusCode, joined.body).toBe(201);
    const card = joined.json().member;
    expect(card).toMatchObject({ class: 'buyer', status: 'active', balance: 0, tier: { code: 'member' } });
    expect(card.tier.charterZh).toContain('权利');
    expect(card.cardNo).toMatch(/\S{6,}/);

    const again = await owner('POST', '/api/portal/club/join');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().member.cardNo).toBe(card.cardNo);

    // staff see the member, joined through the portal, with the owner as actor in the history and the audit
    const list = (await p.staff.api.get(`/api/club/members?limit=200`)).json().items;
    const m = list.find((x: { customerId: string }) => x.customerId === h.customerId);
    expect(m).toMatchObject({ cardNo: card.cardNo, channel: 'portal' });
    const detail = (await p.staff.api.get(`/api/club/members/${m.id}`)).json();
    expect(detail.history.find((e: { kind: string }) => e.kind === 'joined')?.actorName).toBeTruthy();
  });

  it('my points: newest first, paged with a cursor, kinds and sources for the reader', async () => {
    const h = await buyer(t, p);
    const m = await enrol(p, h.customerId);
    for (const points of [100, 200, 300]) {
      const res = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points, reason: '补录积分' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const owner = as(await ownerCookie(t, h.phone));
    const first = await owner('GET', '/api/portal/club/points?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page).toMatchObject({ balance: 600, lifetimePoints: 600 });
    expect(page.items.map((e: { points: number }) => e.points)).toEqual([300, 200]);
    expect(page.items[0]).toMatchObject({ kind: 'adjust', sourceType: 'adjustment', balanceAfter: 600 });
    expect(page.items[0]).not.toHaveProperty('reason');
    const next = (await owner('GET', `/api/portal/club/points?limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items.map((e: { points: number }) => e.points)).toEqual([100]);
    expect(next.nextCursor).toBeNull();
    const mine = (await owner('GET', '/api/portal/club/membership')).json();
    expect(mine.member).toMatchObject({ cardNo: m.cardNo, balance: 600, benefits: { priorityBooking: false } });
  });

  it('errors: a former member, a person without a home, a non-member asking for points, a bad cursor', async () => {
    const h = await buyer(t, p);
    const m = await enrol(p, h.customerId);
    const left = await p.staff.api.patch(`/api/club/members/${m.id}`, { status: 'left', version: m.version });
    expect(left.statusCode, left.body).toBe(200);
    const former = as(await ownerCookie(t, h.phone));
    expect((await former('GET', '/api/portal/club/membership')).json()).toMatchObject({ member: null, left: true });
    expect(fail(await former('POST', '/api/portal/club/join'))).toEqual([409, 'CLUB_MEMBER_LEFT']);
    expect((await p.staff.api.get(`/api/club/members/${m.id}`)).json().status).toBe('left');

    const phone = nextPhone();
    const made = await p.manager.api.post('/api/customers', {
      name: '访客',
      phones: [{ phone, isPrimary: true }],
      orgUnitId: p.project.id,
      declaredKinds: ['public'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const visitor = as(await ownerCookie(t, phone));
    expect(fail(await visitor('POST', '/api/portal/club/join'))).toEqual([409, 'CLUB_JOIN_AT_OFFICE']);
    expect((await visitor('GET', '/api/portal/club/membership')).json().member).toBeNull();
    expect(fail(await visitor('GET', '/api/portal/club/points'))).toEqual([409, 'CLUB_NOT_A_MEMBER']);

    const owner = as(await ownerCookie(t, (await buyer(t, p)).phone));
    await owner('POST', '/api/portal/club/join');
    expect(fail(await owner('GET', '/api/portal/club/points?cursor=not-a-cursor'))).toEqual([400, 'CURSOR_INVALID']);
    expect(fail(await owner('GET', '/api/portal/club/points?limit=0'))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('security: not signed in 401; each owner sees only their own card and ledger', async () => {
    for (const [method, url] of [
      ['GET', '/api/portal/club/membership'],
      ['POST', '/api/portal/club/join'],
      ['GET', '/api/portal/club/points'],
    ] as const) {
      expect(fail(await t.app.inject({ method, url }))).toEqual([401, 'OWNER_AUTH_REQUIRED']);
    }
    const a = await buyer(t, p);
    const b = await buyer(t, p);
    const ma = await enrol(p, a.customerId);
    await p.staff.api.post(`/api/club/members/${ma.id}/adjustments`, { points: 50, reason: '补录积分' });
    const ownerB = as(await ownerCookie(t, b.phone));
    const seen = (await ownerB('GET', '/api/portal/club/membership')).json();
    expect(seen.member).toBeNull();
    expect(fail(await ownerB('GET', '/api/portal/club/points'))).toEqual([409, 'CLUB_NOT_A_MEMBER']);
    const joined = (await ownerB('POST', '/api/portal/club/join')).json();
    expect(joined.member.cardNo).not.toBe(ma.cardNo);
    const points = (await ownerB('GET', '/api/portal/club/points')).json();
    expect(points).toMatchObject({ balance: 0, items: [] });
    // staff cookies are not owner sessions
    expect((await p.staff.api.get('/api/portal/club/membership')).statusCode).toBe(401);
  });

  it("a tier's charter is set by the group's club staff, kept when omitted, cleared with null, and shown in the portal", async () => {
    const group = await signedIn(t, t.root, ['club_staff']);
    const base = { nameZh: '员工会员', nameEn: 'Staff member', rank: 1, classes: ['employee'], minPoints: 999_999 };
    const made = await group.api.put('/api/club/tiers/staff_charter', {
      ...base,
      charterZh: '权利：参加员工专场活动。',
      charterEn: 'Rights: staff-only events.',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      charterZh: '权利：参加员工专场活动。',
      charterEn: 'Rights: staff-only events.',
    });
    const kept = await group.api.put('/api/club/tiers/staff_charter', { ...base, version: made.json().version });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().charterZh).toBe('权利：参加员工专场活动。');
    const cleared = await group.api.put('/api/club/tiers/staff_charter', {
      ...base,
      charterEn: null,
      version: kept.json().version,
    });
    expect(cleared.json()).toMatchObject({ charterZh: '权利：参加员工专场活动。', charterEn: null });
    const tooLong = await group.api.put('/api/club/tiers/staff_charter', {
      ...base,
      charterZh: 'x'.repeat(2001),
      version: cleared.json().version,
    });
    expect(fail(tooLong)).toEqual([400, 'VALIDATION_FAILED']);

    const owner = as(await ownerCookie(t, (await buyer(t, p)).phone));
    const tiers = (await owner('GET', '/api/portal/club/membership')).json().tiers;
    expect(tiers.find((x: { code: string }) => x.code === 'staff_charter')).toMatchObject({
      charterZh: '权利：参加员工专场活动。',
      charterEn: null,
    });
  });
});
