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
import { createTestApp, type TestApp } from '../../../../test/harness.js';

let t: TestApp;
let p: PartnerPlace;
let partnerId: string;
beforeAll(async () => {
  t = await createTestApp();
  p = await partnerPlace(t);
  partnerId = (await newPartner(p)).id;
});
afterAll(() => t.close());

const claim = (benefitId: string, memberId: string) =>
  p.staff.api.post(`/api/club/benefits/${benefitId}/claims`, { memberId });
const vouchersOf = async (benefitId: string) =>
  (await p.staff.api.get(`/api/club/vouchers?benefitId=${benefitId}`)).json().items.length;

describe('error', () => {
  it('a benefit past its validity, not yet valid or inactive is refused with a stable code, nothing written', async () => {
    const m = await memberWithPoints(t, p, 100);
    const past = await newBenefit(p, partnerId, { validFrom: '2026-01-01', validTo: '2026-10-31', pointsPrice: 10 });
    const future = await newBenefit(p, partnerId, { validFrom: '2027-01-01', validTo: '2027-02-01' });
    const off = await newBenefit(p, partnerId, { active: false });
    for (const [b, reason] of [
      [past, 'ended'],
      [future, 'not_started'],
      [off, 'inactive'],
    ] as const) {
      const res = await claim(b.id, m.id);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CLUB_BENEFIT_UNAVAILABLE', details: { reason } });
      expect(await vouchersOf(b.id)).toBe(0);
    }
    expect(await balanceOf(p, m.id)).toBe(100);
  });

  it('a quota used up answers 409; a second claim by the same member answers 409; points short answer 409 and roll back the quota', async () => {
    const b = await newBenefit(p, partnerId, { quota: 1 });
    const [a, c] = [await memberWithPoints(t, p), await memberWithPoints(t, p)];
    expect((await claim(b.id, a.id)).statusCode).toBe(201);
    const twice = await claim(b.id, a.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('CLUB_BENEFIT_ALREADY_CLAIMED');
    const none = await claim(b.id, c.id);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('CLUB_BENEFIT_QUOTA_EXHAUSTED');

    const priced = await newBenefit(p, partnerId, { quota: 3, pointsPrice: 500 });
    const poor = await memberWithPoints(t, p, 499);
    const short = await claim(priced.id, poor.id);
    expect(short.statusCode).toBe(409);
    expect(short.json().code).toBe('CLUB_POINTS_INSUFFICIENT');
    expect(await balanceOf(p, poor.id)).toBe(499);
    expect(await vouchersOf(priced.id)).toBe(0);
    const listed = (await p.staff.api.get(`/api/club/benefits?partnerId=${partnerId}`)).json().items;
    expect(listed.find((x: { id: string }) => x.id === priced.id)).toMatchObject({ claimed: 0, remaining: 3 });
  });

  it('a member whose tier is not eligible is refused (403), also in the portal list', async () => {
    const gold = await newBenefit(p, partnerId, { tiers: ['gold'] });
    const m = await memberWithPoints(t, p);
    const res = await claim(gold.id, m.id);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CLUB_BENEFIT_TIER_INELIGIBLE', details: { tier: 'member' } });
    const owner = await portalAs(t, m.phone);
    const items = (await owner.get('/api/portal/club/benefits')).json().items;
    expect(items.map((x: { id: string }) => x.id)).not.toContain(gold.id);
    expect((await owner.post(`/api/portal/club/benefits/${gold.id}/claim`)).statusCode).toBe(403);
  });

  it('fractional or negative points prices, dates in the wrong order, a quota below the claims and stale versions are refused', async () => {
    const base = {
      partnerId,
      title: '礼品',
      discountText: '赠品',
      validFrom: '2026-11-01',
      validTo: '2026-12-31',
    };
    for (const pointsPrice of [1.5, -10]) {
      const res = await p.group.api.post('/api/club/benefits', { ...base, pointsPrice });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CLUB_POINTS_INVALID');
    }
    const dates = await p.group.api.post('/api/club/benefits', { ...base, validTo: '2026-10-01' });
    expect(dates.statusCode).toBe(422);
    expect(dates.json().code).toBe('CLUB_BENEFIT_INVALID');
    const b = await newBenefit(p, partnerId, { quota: 2 });
    const m = await memberWithPoints(t, p);
    expect((await claim(b.id, m.id)).statusCode).toBe(201);
    const edit = { ...base, id: b.id, version: b.version };
    const below = await p.group.api.post('/api/club/benefits', { ...edit, quota: 0 });
    expect(below.statusCode).toBe(422);
    expect(below.json()).toMatchObject({ code: 'CLUB_BENEFIT_INVALID', details: { field: 'quota' } });
    expect((await p.group.api.post('/api/club/benefits', { ...edit, quota: 1 })).statusCode).toBe(200);
    const stale = await p.group.api.post('/api/club/benefits', { ...edit, quota: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const unknownPartner = await p.group.api.post('/api/club/benefits', {
      ...base,
      partnerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownPartner.statusCode).toBe(404);
    expect(unknownPartner.json().code).toBe('CLUB_PARTNER_NOT_FOUND');
    const badCategory = await p.group.api.post('/api/club/partners', { name: '某商户', category: 'weapons' });
    expect(badCategory.statusCode).toBe(400);
  });

  it('an unknown or malformed code is refused; linking a user without the partner role is refused', async () => {
    const merchant = await partnerUser(t, p, partnerId);
    const unknown = await merchant.api.post('/api/club/vouchers/verify', { code: 'ABCDEFGHJK' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CLUB_VOUCHER_NOT_FOUND');
    for (const code of ['', 'SHORT', 'ABCDEFGHJK1', "' or 1=1 --"]) {
      expect((await merchant.api.post('/api/club/vouchers/verify', { code })).statusCode).toBe(400);
    }
    const res = await p.group.api.post(`/api/club/partners/${partnerId}/users`, { userId: p.staff.user.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CLUB_PARTNER_USER_INVALID');
    const period = await p.staff.api.get('/api/club/partner-report?from=2026-12-01&to=2026-11-01');
    expect(period.statusCode).toBe(400);
  });
});
