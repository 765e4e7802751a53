import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyer, type ClubPlace, clubPlace, enrol, publicCustomer } from '../../../test/club-factories.js';
import { orgUnit, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let p: ClubPlace;
let other: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
  other = await clubPlace(t);
});
afterAll(() => t.close());

const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];

describe('security', () => {
  it('needs a signed-in user with the club permissions', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/club/members' })).statusCode).toBe(401);
    const contractor = await signedIn(t, p.company, ['contractor']);
    expect(fail(await contractor.api.get('/api/club/members'))).toEqual([403, 'FORBIDDEN']);
    const sales = await signedIn(t, p.company, ['sales_consultant']);
    expect((await sales.api.get('/api/club/members')).statusCode).toBe(200);
    const customerId = await publicCustomer(t, p);
    expect(fail(await sales.api.post('/api/club/members', { customerId }))).toEqual([403, 'FORBIDDEN']);
  });

  it("another company's staff neither read nor adjust a member: 404, and the list leaves it out", async () => {
    const m = await enrol(p, (await buyer(t, p)).customerId);
    const outsider = other.staff.api;
    expect(fail(await outsider.get(`/api/club/members/${m.id}`))).toEqual([404, 'CLUB_MEMBER_NOT_FOUND']);
    expect(fail(await outsider.get(`/api/club/members/${m.id}/points`))).toEqual([404, 'CLUB_MEMBER_NOT_FOUND']);
    expect(fail(await outsider.post(`/api/club/members/${m.id}/adjustments`, { points: 5, reason: '越权' }))).toEqual([
      404,
      'CLUB_MEMBER_NOT_FOUND',
    ]);
    expect(fail(await outsider.post(`/api/club/members/${m.id}/points/export`))).toEqual([
      404,
      'CLUB_MEMBER_NOT_FOUND',
    ]);
    expect(
      (await outsider.get('/api/club/members?limit=200')).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(m.id);
    // a customer they cannot see cannot be enrolled by them either
    expect(fail(await outsider.post('/api/club/members', { customerId: m.customerId }))).toEqual([
      404,
      'CUSTOMER_NOT_FOUND',
    ]);
    const big = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 5000, reason: '大额' });
    expect(fail(await outsider.post(`/api/club/adjustments/${big.json().id}/approve`))).toEqual([
      404,
      'CLUB_ADJUSTMENT_NOT_FOUND',
    ]);
    expect(fail(await outsider.post(`/api/club/adjustments/${big.json().id}/reject`, { reason: '越权' }))).toEqual([
      404,
      'CLUB_ADJUSTMENT_NOT_FOUND',
    ]);
    const listed = (await outsider.get('/api/club/adjustments?limit=200')).json().items;
    expect(listed.map((a: { id: string }) => a.id)).not.toContain(big.json().id);
    const small = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 5, reason: '补录' });
    const entryId = small.json().entryId;
    expect(
      fail(await outsider.post(`/api/club/members/${m.id}/points/${entryId}/reverse`, { reason: '越权' })),
    ).toEqual([404, 'CLUB_MEMBER_NOT_FOUND']);
  });

  it("project staff see their project's members and the public members of their city company, not another project's", async () => {
    const sibling = await orgUnit(t, p.company, 'project');
    const atProject = await signedIn(t, p.project, ['club_staff']);
    const atSibling = await signedIn(t, sibling, ['club_staff']);
    const home = await enrol(p, (await buyer(t, p)).customerId);
    const pub = await enrol(p, await publicCustomer(t, p));
    const ids = async (api: typeof atProject.api) =>
      (await api.get('/api/club/members?limit=200')).json().items.map((x: { id: string }) => x.id);
    expect(await ids(atProject.api)).toEqual(expect.arrayContaining([home.id, pub.id]));
    const siblingSees = await ids(atSibling.api);
    expect(siblingSees).toContain(pub.id);
    expect(siblingSees).not.toContain(home.id);
    expect(fail(await atSibling.api.get(`/api/club/members/${home.id}`))).toEqual([404, 'CLUB_MEMBER_NOT_FOUND']);
  });

  it('only club managers at the group change settings, tiers and earn rules', async () => {
    const settings = (await p.staff.api.get('/api/club/settings')).json();
    expect(
      fail(
        await p.staff.api.put('/api/club/settings', { name: '改名', approvalThreshold: 1, version: settings.version }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      fail(await p.staff.api.put('/api/club/tiers/member', { nameZh: '改', nameEn: 'x', rank: 0, version: 1 })),
    ).toEqual([403, 'FORBIDDEN']);
    expect(fail(await p.staff.api.put('/api/club/earn-rules/purchase', { points: 1, version: 1 }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    const reader = await signedIn(t, t.root, ['executive']);
    expect((await reader.api.get('/api/club/tiers')).statusCode).toBe(200);
    expect(fail(await reader.api.put('/api/club/earn-rules/purchase', { points: 1, version: 1 }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
  });
});
