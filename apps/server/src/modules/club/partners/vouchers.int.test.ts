import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  balanceOf,
  memberWithPoints,
  newBenefit,
  newPartner,
  type PartnerPlace,
  partnerPlace,
  partnerUser,
  portalAs,
} from '../../../../test/club-partner-factories.js';
import { as, login } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

let t: TestApp;
let p: PartnerPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await partnerPlace(t);
});
afterAll(() => t.close());

describe('vouchers (integration)', () => {
  it('two staff claiming the last voucher of a quota at once: one 201, the other 409, the quota never exceeded', async () => {
    const partner = await newPartner(p);
    const b = await newBenefit(p, partner.id, { quota: 1, pointsPrice: 100 });
    const [a, c] = [await memberWithPoints(t, p, 100), await memberWithPoints(t, p, 100)];
    // two sessions: the requests run side by side (on PostgreSQL on separate pooled connections)
    const second = as(t, await login(t, p.second.user.username));
    const results = await Promise.all([
      p.staff.api.post(`/api/club/benefits/${b.id}/claims`, { memberId: a.id }),
      second.post(`/api/club/benefits/${b.id}/claims`, { memberId: c.id }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    expect(loser?.json().code).toBe('CLUB_BENEFIT_QUOTA_EXHAUSTED');
    const listed = (await p.staff.api.get(`/api/club/benefits?partnerId=${partner.id}`)).json().items[0];
    expect(listed).toMatchObject({ quota: 1, claimed: 1, remaining: 0 });
    expect([await balanceOf(p, a.id), await balanceOf(p, c.id)].sort()).toEqual([0, 100]);
  });

  it('two partner users verifying one voucher at once: one redeems it, the other gets 409', async () => {
    const partner = await newPartner(p);
    const b = await newBenefit(p, partner.id);
    const m = await memberWithPoints(t, p);
    const v = (await p.staff.api.post(`/api/club/benefits/${b.id}/claims`, { memberId: m.id })).json();
    const [one, two] = [await partnerUser(t, p, partner.id), await partnerUser(t, p, partner.id)];
    const results = await Promise.all([
      one.api.post('/api/club/vouchers/verify', { code: v.code }),
      two.api.post('/api/club/vouchers/verify', { code: v.code }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('CLUB_VOUCHER_USED');
  });

  it('a portal claim retried with its Idempotency-Key answers the first voucher; without it the retry is refused', async () => {
    const partner = await newPartner(p);
    const b = await newBenefit(p, partner.id, { quota: 5, pointsPrice: 100 });
    const m = await memberWithPoints(t, p, 300);
    const owner = await portalAs(t, m.phone);
    const url = `/api/portal/club/benefits/${b.id}/claim`;
    const first = await owner.post(url, 'claim-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    const retried = await owner.post(url, 'claim-key-0001');
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.json().code).toBe(first.json().code);
    expect(await balanceOf(p, m.id)).toBe(200);
    const plain = await owner.post(url);
    expect(plain.statusCode).toBe(409);
    expect(plain.json().code).toBe('CLUB_BENEFIT_ALREADY_CLAIMED');
    expect((await owner.post(url, 'bad key!')).statusCode).toBe(400);
  });

  it('the points, the voucher and the quota move in one transaction: a failed redemption leaves none of them', async () => {
    const partner = await newPartner(p);
    const b = await newBenefit(p, partner.id, { quota: 5, pointsPrice: 200 });
    const m = await memberWithPoints(t, p, 150);
    expect((await p.staff.api.post(`/api/club/benefits/${b.id}/claims`, { memberId: m.id })).statusCode).toBe(409);
    const statement = (await p.staff.api.get(`/api/club/members/${m.id}/points`)).json();
    expect(statement.items.map((e: { kind: string }) => e.kind)).toEqual(['adjust']);
    expect((await p.staff.api.get(`/api/club/vouchers?memberId=${m.id}`)).json().items).toEqual([]);
    await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 50, reason: '补足' });
    const ok = await p.staff.api.post(`/api/club/benefits/${b.id}/claims`, { memberId: m.id });
    expect(ok.statusCode, ok.body).toBe(201);
    const after = (await p.staff.api.get(`/api/club/members/${m.id}/points`)).json();
    expect(after.balance).toBe(0);
    expect(after.items[0]).toMatchObject({ kind: 'redeem', points: -200, sourceType: 'benefit', sourceId: b.id });
    const benefit = (await p.staff.api.get(`/api/club/benefits?partnerId=${partner.id}`)).json().items[0];
    expect(benefit).toMatchObject({ claimed: 1, remaining: 4 });
  });
});
