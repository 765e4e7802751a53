import { expect } from 'vitest';
import { cityCompany, drainJobs, signedIn } from './factories.js';
import type { TestApp } from './harness.js';
import { households, nextPhone } from './survey-factories.js';

/**
 * A city company's project with a CR manager (registers customers and homes) and club staff at the company, and a
 * club manager at the group (edits tiers, rules and settings).
 */
export async function clubPlace(t: TestApp) {
  const place = await cityCompany(t);
  const manager = await signedIn(t, place.company, ['cr_manager']);
  const staff = await signedIn(t, place.company, ['club_staff']);
  const second = await signedIn(t, place.company, ['club_staff']);
  return { ...place, manager, agent: manager, staff, second };
}
export type ClubPlace = Awaited<ReturnType<typeof clubPlace>>;

/** A buyer (signed, not handed over) of a new unit of the place's project. */
export async function buyer(t: TestApp, p: ClubPlace) {
  const [h] = await households(t, p, 1, { contractDate: '2026-01-10' });
  if (!h) throw new Error('no household');
  return h;
}

/** A customer without a home, registered at the project (interested public unless kinds say otherwise). */
export async function publicCustomer(t: TestApp, p: ClubPlace, declaredKinds: string[] = ['public']) {
  const res = await p.manager.api.post('/api/customers', {
    name: '访客',
    phones: [{ phone: nextPhone(), isPrimary: true }],
    orgUnitId: p.project.id,
    declaredKinds,
  });
  expect(res.statusCode, res.body).toBe(201);
  await drainJobs(t);
  return res.json().customer.id as string;
}

/** Enrols a customer through the API as the place's club staff; answers the member. */
export async function enrol(p: ClubPlace, customerId: string, extra: Record<string, unknown> = {}) {
  const res = await p.staff.api.post('/api/club/members', { customerId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    customerId: string;
    cardNo: string;
    class: string;
    balance: number;
    version: number;
  };
}
