import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  memberWithPoints,
  newBenefit,
  newPartner,
  type PartnerPlace,
  partnerPlace,
  partnerUser,
  portalAs,
} from '../../../../test/club-partner-factories.js';
import { cityCompany, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

let t: TestApp;
let p: PartnerPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await partnerPlace(t);
});
afterAll(() => t.close());

describe('security', () => {
  it("a partner user sees only their partner's benefits and vouchers, cannot verify another partner's voucher (404, nothing written) nor reach staff routes", async () => {
    const [mine, theirs] = [await newPartner(p), await newPartner(p)];
    const [myBenefit, theirBenefit] = [await newBenefit(p, mine.id), await newBenefit(p, theirs.id)];
    const m = await memberWithPoints(t, p);
    const mineV = (await p.staff.api.post(`/api/club/benefits/${myBenefit.id}/claims`, { memberId: m.id })).json();
    const theirV = (await p.staff.api.post(`/api/club/benefits/${theirBenefit.id}/claims`, { memberId: m.id })).json();
    const merchant = await partnerUser(t, p, mine.id);

    expect((await merchant.api.get('/api/club/partners')).json().items.map((x: { id: string }) => x.id)).toEqual([
      mine.id,
    ]);
    expect((await merchant.api.get('/api/club/benefits')).json().items.map((x: { id: string }) => x.id)).toEqual([
      myBenefit.id,
    ]);
    const listed = (await merchant.api.get(`/api/club/vouchers?partnerId=${theirs.id}`)).json().items;
    expect(listed).toEqual([]);
    expect((await merchant.api.get('/api/club/vouchers')).json().items.map((x: { id: string }) => x.id)).toEqual([
      mineV.id,
    ]);
    expect((await merchant.api.get(`/api/club/partners/${theirs.id}`)).statusCode).toBe(404);
    const report = (await merchant.api.get('/api/club/partner-report?from=2026-11-01&to=2026-11-30')).json();
    expect(report.items.map((r: { partnerId: string }) => r.partnerId)).toEqual([mine.id]);

    const other = await merchant.api.post('/api/club/vouchers/verify', { code: theirV.code });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('CLUB_VOUCHER_NOT_FOUND');
    const still = (await p.staff.api.get(`/api/club/vouchers?code=${theirV.code}`)).json().items[0];
    expect(still.status).toBe('issued');

    for (const [method, url, body] of [
      ['get', '/api/club/members', undefined],
      ['get', `/api/club/members/${m.id}`, undefined],
      ['post', '/api/club/partners', { name: '冒充', category: 'cars' }],
      [
        'post',
        '/api/club/benefits',
        { partnerId: mine.id, title: 'x', discountText: 'y', validFrom: '2026-11-01', validTo: '2026-12-01' },
      ],
      ['post', `/api/club/benefits/${myBenefit.id}/claims`, { memberId: m.id }],
      ['post', `/api/club/partners/${mine.id}/users`, { userId: merchant.user.id }],
      ['get', '/api/club/partner-users', undefined],
      ['get', '/api/club/tiers', undefined],
    ] as const) {
      const res =
        method === 'get' ? await merchant.api.get(url) : await merchant.api.post(url, body as Record<string, unknown>);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('club.read cannot edit partners or benefits; a club manager below the group cannot either; no permission sees nothing', async () => {
    const partner = await newPartner(p);
    const reader = await signedIn(t, t.root, ['executive']);
    expect((await reader.api.get('/api/club/partners')).statusCode).toBe(200);
    const edits = [
      ['/api/club/partners', { name: '只读', category: 'cars' }],
      [
        '/api/club/benefits',
        { partnerId: partner.id, title: 'x', discountText: 'y', validFrom: '2026-11-01', validTo: '2026-12-01' },
      ],
    ] as const;
    for (const [url, body] of edits) {
      expect((await reader.api.post(url, body)).statusCode).toBe(403);
      expect((await p.staff.api.post(url, body)).statusCode).toBe(403);
    }
    const nobody = await signedIn(t, t.root, ['hotline_agent']);
    for (const url of ['/api/club/partners', '/api/club/benefits', '/api/club/vouchers']) {
      expect((await nobody.api.get(url)).statusCode).toBe(403);
    }
    expect((await nobody.api.post('/api/club/vouchers/verify', { code: 'ABCDEFGHJK' })).statusCode).toBe(403);
  });

  it("staff of another company cannot claim for or see this company's members' vouchers; an owner claims only for themselves", async () => {
    const partner = await newPartner(p);
    const b = await newBenefit(p, partner.id);
    const m = await memberWithPoints(t, p);
    const v = (await p.staff.api.post(`/api/club/benefits/${b.id}/claims`, { memberId: m.id })).json();
    const elsewhere = await cityCompany(t);
    const foreign = await signedIn(t, elsewhere.company, ['club_staff']);
    const res = await foreign.api.post(`/api/club/benefits/${b.id}/claims`, { memberId: m.id });
    expect(res.statusCode).toBe(404);
    expect((await foreign.api.get('/api/club/vouchers')).json().items).toEqual([]);
    const verify = await foreign.api.post('/api/club/vouchers/verify', { code: v.code });
    expect(verify.statusCode).toBe(404);

    const other = await memberWithPoints(t, p);
    const owner = await portalAs(t, other.phone);
    const mine = (await owner.get('/api/portal/club/vouchers')).json().items;
    expect(mine).toEqual([]);
    // the portal has no way to name another member: the claim is always the signed-in owner's own
    const claimed = await owner.post(`/api/portal/club/benefits/${b.id}/claim`);
    expect(claimed.statusCode).toBe(201);
    const after = (await p.staff.api.get(`/api/club/vouchers?benefitId=${b.id}`)).json().items;
    expect(after.map((x: { memberId: string }) => x.memberId).sort()).toEqual([m.id, other.id].sort());
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/portal/club/vouchers' });
    expect(anonymous.statusCode).toBe(401);
    const staffOnPortal = await p.staff.api.post(`/api/portal/club/benefits/${b.id}/claim`);
    expect(staffOnPortal.statusCode).toBe(401);
  });
});
