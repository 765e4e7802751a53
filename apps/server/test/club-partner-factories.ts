import { expect } from 'vitest';
import { buyer, type ClubPlace, clubPlace, enrol } from './club-factories.js';
import { ownerCookie, signedIn } from './factories.js';
import type { TestApp } from './harness.js';

/** The club's place plus a club manager at the group (manages partners) and a helper to call the portal. */
export async function partnerPlace(t: TestApp) {
  const place = await clubPlace(t);
  const group = await signedIn(t, t.root, ['club_staff']);
  return { ...place, group };
}
export type PartnerPlace = Awaited<ReturnType<typeof partnerPlace>> & ClubPlace;

let partners = 0;
/** A partner made through the API by the group's club manager. */
export async function newPartner(p: PartnerPlace, extra: Record<string, unknown> = {}) {
  const res = await p.group.api.post('/api/club/partners', {
    name: `商户${++partners}`,
    category: 'decoration',
    contactPhone: '13800000000',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; version: number };
}

/** A benefit of the partner valid around the test clock's date (2026-11-23), free, no quota unless given. */
export async function newBenefit(p: PartnerPlace, partnerId: string, extra: Record<string, unknown> = {}) {
  const res = await p.group.api.post('/api/club/benefits', {
    partnerId,
    title: '全屋定制',
    discountText: '9 折',
    validFrom: '2026-11-01',
    validTo: '2026-12-31',
    voucherDays: 30,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; quota: number | null; remaining: number | null };
}

/** A user holding the partner role, linked to the partner, signed in. */
export async function partnerUser(t: TestApp, p: PartnerPlace, partnerId: string) {
  const u = await signedIn(t, t.root, ['partner']);
  const res = await p.group.api.post(`/api/club/partners/${partnerId}/users`, { userId: u.user.id });
  expect(res.statusCode, res.body).toBe(200);
  return u;
}

/** A club member (a buyer of the place's project) with `points` credited by a manual adjustment. */
export async function memberWithPoints(t: TestApp, p: PartnerPlace, points = 0) {
  const h = await buyer(t, p);
  const m = await enrol(p, h.customerId);
  if (points > 0) {
    const res = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points, reason: '测试' });
    expect(res.statusCode, res.body).toBe(201);
  }
  return { ...m, phone: h.phone };
}

/** The portal as an owner (signed in by SMS code). */
export async function portalAs(t: TestApp, phone: string) {
  const cookie = await ownerCookie(t, phone);
  const call = (method: 'GET' | 'POST', url: string, key?: string) =>
    t.app.inject({ method, url, headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) } });
  return { get: (url: string) => call('GET', url), post: (url: string, key?: string) => call('POST', url, key) };
}

export async function balanceOf(p: PartnerPlace, memberId: string): Promise<number> {
  return (await p.staff.api.get(`/api/club/members/${memberId}`)).json().balance;
}
