import { expect } from 'vitest';
import { buyer, type ClubPlace, clubPlace } from './club-factories.js';

type Api = ClubPlace['staff']['api'];

import { ownerCookie, signedIn } from './factories.js';
import type { TestApp } from './harness.js';

/**
 * A city company's project (clubPlace: CR manager, club staff) with a CR specialist and a sales consultant at the
 * project, and a CR manager at the group (edits the catalogue).
 */
export async function servicePlace(t: TestApp) {
  const p = await clubPlace(t);
  const specialist = await signedIn(t, p.project, ['cr_specialist']);
  const consultant = await signedIn(t, p.project, ['sales_consultant']);
  const group = await signedIn(t, t.root, ['cr_manager']);
  return { ...p, specialist, consultant, group };
}
export type ServicePlace = Awaited<ReturnType<typeof servicePlace>>;

/** The portal as an owner (cookie sign-in; the portal needs no CSRF token). */
export const ownerPortal = (t: TestApp, cookie: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
  post: (url: string, payload: unknown = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object }),
});

/** A buyer of a unit of the place's project, signed in to the portal. */
export async function owner(t: TestApp, p: ServicePlace) {
  const h = await buyer(t, p);
  return { ...h, portal: ownerPortal(t, await ownerCookie(t, h.phone)) };
}

/** A default service of the catalogue by code. */
export async function serviceByCode(p: ServicePlace, code: string) {
  const res = await p.specialist.api.get('/api/services');
  expect(res.statusCode, res.body).toBe(200);
  const found = res.json().items.find((s: { code: string }) => s.code === code);
  if (!found) throw new Error(`no service ${code}`);
  return found as { id: string; code: string; version: number; steps: { key: string }[] } & Record<string, unknown>;
}

/** A service definition body (two steps, free, open to all). */
export const serviceBody = (extra: Record<string, unknown> = {}) => ({
  nameZh: '测试服务',
  nameEn: 'Test service',
  availability: 'all',
  feeFen: null,
  membersOnly: false,
  active: true,
  steps: [
    {
      key: 'first',
      nameZh: '第一步',
      nameEn: 'First',
      ownerTextZh: '第一步进行中',
      ownerTextEn: 'First step',
      role: 'cr_specialist',
      limitDays: 2,
    },
    {
      key: 'second',
      nameZh: '第二步',
      nameEn: 'Second',
      ownerTextZh: '第二步进行中',
      ownerTextEn: 'Second step',
      role: 'property',
      limitDays: 3,
    },
  ],
  ...extra,
});

/** Staff book a service for a customer's home; answers the request. */
export async function book(api: Pick<Api, 'post'>, serviceId: string, customerId: string, unitId: string) {
  const res = await api.post('/api/service-requests', { serviceId, customerId, unitId, note: '' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; status: string; currentStep: number | null; version: number };
}
