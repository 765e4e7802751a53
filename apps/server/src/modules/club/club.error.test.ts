import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClubPlace, clubPlace, enrol, publicCustomer } from '../../../test/club-factories.js';
import { signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];
const NOWHERE = '00000000-0000-4000-8000-000000000000';

describe('error', () => {
  it('negative or fractional points: 400 CLUB_POINTS_INVALID, nothing written', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const url = `/api/club/members/${m.id}/adjustments`;
    expect(fail(await p.staff.api.post(url, { points: 10.5, reason: '小数' }))).toEqual([400, 'CLUB_POINTS_INVALID']);
    expect(fail(await p.staff.api.post(url, { points: 0, reason: '为零' }))).toEqual([400, 'CLUB_POINTS_INVALID']);
    expect(fail(await p.staff.api.post(url, { points: '10', reason: '文字' }))).toEqual([400, 'VALIDATION_FAILED']);
    const statement = (await p.staff.api.get(`/api/club/members/${m.id}/points`)).json();
    expect(statement).toMatchObject({ balance: 0, items: [] });
    const admin = await signedIn(t, t.root, ['club_staff']);
    const rules = (await admin.api.get('/api/club/earn-rules')).json().items;
    const purchase = rules.find((r: { code: string }) => r.code === 'purchase');
    for (const points of [-1, 2.5]) {
      const res = await admin.api.put('/api/club/earn-rules/purchase', { points, version: purchase.version });
      expect(fail(res)).toEqual([400, 'CLUB_POINTS_INVALID']);
    }
    const tier = await admin.api.put('/api/club/tiers/bad_tier', {
      nameZh: '坏',
      nameEn: 'Bad',
      rank: 1,
      minPoints: -10,
    });
    expect(fail(tier)).toEqual([400, 'CLUB_POINTS_INVALID']);
    expect((await admin.api.get('/api/club/earn-rules')).json().items).toEqual(rules);
    expect((await admin.api.get('/api/club/tiers')).json().items.map((x: { code: string }) => x.code)).not.toContain(
      'bad_tier',
    );
  });

  it('a debit beyond the balance: 409 CLUB_POINTS_INSUFFICIENT, nothing written', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const url = `/api/club/members/${m.id}/adjustments`;
    expect((await p.staff.api.post(url, { points: 50, reason: '补录' })).statusCode).toBe(201);
    expect(fail(await p.staff.api.post(url, { points: -51, reason: '扣减' }))).toEqual([
      409,
      'CLUB_POINTS_INSUFFICIENT',
    ]);
    expect((await p.staff.api.get(`/api/club/members/${m.id}/points`)).json()).toMatchObject({ balance: 50 });
  });

  it('the requester cannot approve their own adjustment; an approved one is not approved again', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const big = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 2000, reason: '大额' });
    expect(big.statusCode).toBe(202);
    const url = `/api/club/adjustments/${big.json().id}/approve`;
    expect(fail(await p.staff.api.post(url))).toEqual([403, 'CLUB_ADJUSTMENT_SELF_APPROVAL']);
    expect((await p.second.api.post(url)).statusCode).toBe(200);
    expect(fail(await p.second.api.post(url))).toEqual([409, 'CLUB_ADJUSTMENT_NOT_PENDING']);
    expect((await p.staff.api.get(`/api/club/members/${m.id}/points`)).json().balance).toBe(2000);
  });

  it('a pending debit that no longer fits the balance: 409 on approval, still pending', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const big = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: -3000, reason: '扣减' });
    expect(big.statusCode).toBe(202);
    const url = `/api/club/adjustments/${big.json().id}/approve`;
    expect(fail(await p.second.api.post(url))).toEqual([409, 'CLUB_POINTS_INSUFFICIENT']);
    expect(fail(await p.second.api.post(`/api/club/adjustments/${NOWHERE}/approve`))).toEqual([
      404,
      'CLUB_ADJUSTMENT_NOT_FOUND',
    ]);
  });

  it('unknown members, stale versions and hand-made cursors', async () => {
    expect(fail(await p.staff.api.get(`/api/club/members/${NOWHERE}`))).toEqual([404, 'CLUB_MEMBER_NOT_FOUND']);
    expect(fail(await p.staff.api.post('/api/club/members', { customerId: NOWHERE }))).toEqual([
      404,
      'CUSTOMER_NOT_FOUND',
    ]);
    const m = await enrol(p, await publicCustomer(t, p));
    expect(
      (await p.staff.api.patch(`/api/club/members/${m.id}`, { status: 'left', version: m.version })).statusCode,
    ).toBe(200);
    expect(
      fail(await p.staff.api.patch(`/api/club/members/${m.id}`, { status: 'active', version: m.version })),
    ).toEqual([409, 'VERSION_CONFLICT']);
    expect(
      fail(await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 5, reason: '已退会' })),
    ).toEqual([409, 'CLUB_MEMBER_LEFT']);
    expect(fail(await p.staff.api.get('/api/club/members?cursor=bm9wZQ'))).toEqual([400, 'CURSOR_INVALID']);
    expect(fail(await p.staff.api.get(`/api/club/members/${m.id}/points?cursor=bm9wZQ`))).toEqual([
      400,
      'CURSOR_INVALID',
    ]);
    const admin = await signedIn(t, t.root, ['club_staff']);
    const settings = (await admin.api.get('/api/club/settings')).json();
    const stale = await admin.api.put('/api/club/settings', {
      name: 'x',
      approvalThreshold: 5,
      version: settings.version + 9,
    });
    expect(fail(stale)).toEqual([409, 'VERSION_CONFLICT']);
    const badPlan = await admin.api.put('/api/club/settings', { ...settings, expiryYears: 0 });
    expect(fail(badPlan)).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('reversals: an unknown entry, an entry of another member, a reversal reversed, no reason', async () => {
    const a = await enrol(p, await publicCustomer(t, p));
    const b = await enrol(p, await publicCustomer(t, p));
    const credit = (
      await p.staff.api.post(`/api/club/members/${a.id}/adjustments`, { points: 50, reason: '补录' })
    ).json();
    const reverse = (member: string, entry: string, body: object = { reason: '录错' }) =>
      p.staff.api.post(`/api/club/members/${member}/points/${entry}/reverse`, body);
    expect(fail(await reverse(a.id, '999999999'))).toEqual([404, 'NOT_FOUND']);
    expect(fail(await reverse(b.id, credit.entryId))).toEqual([404, 'NOT_FOUND']);
    expect(fail(await reverse(a.id, credit.entryId, {}))).toEqual([400, 'VALIDATION_FAILED']);
    expect(fail(await reverse(a.id, 'abc'))).toEqual([400, 'VALIDATION_FAILED']);
    const reversal = await reverse(a.id, credit.entryId);
    expect(reversal.statusCode, reversal.body).toBe(201);
    expect(fail(await reverse(a.id, reversal.json().id))).toEqual([409, 'CLUB_ENTRY_ALREADY_REVERSED']);
    expect(fail(await p.second.api.post(`/api/club/adjustments/${NOWHERE}/reject`, { reason: '无' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(fail(await p.second.api.post(`/api/club/adjustments/${NOWHERE}/reject`, { reason: '无依据' }))).toEqual([
      404,
      'CLUB_ADJUSTMENT_NOT_FOUND',
    ]);
    expect(fail(await p.second.api.get('/api/club/adjustments?status=maybe'))).toEqual([400, 'VALIDATION_FAILED']);
  });
});
