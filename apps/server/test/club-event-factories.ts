import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { outboxMessages } from '../src/platform/messaging/messaging.tables.js';
import type { ClubPlace } from './club-factories.js';
import type { TestApp } from './harness.js';

type Api = ClubPlace['staff']['api'];

/** A lecture at the place's project tomorrow 14:00–16:00 China time (the test clock starts 2026-11-23 10:00). */
export const eventBody = (p: ClubPlace, extra: Record<string, unknown> = {}) => ({
  kind: 'lecture',
  title: '装修设计讲座',
  orgUnitId: p.project.id,
  venue: '会所二楼',
  startsAt: '2026-11-24T14:00:00+08:00',
  endsAt: '2026-11-24T16:00:00+08:00',
  capacity: 20,
  ...extra,
});

export type ClubEventView = {
  id: string;
  kind: string;
  status: string;
  capacity: number;
  version: number;
  counts: { registered: number; waitlisted: number; checkedIn: number; callbacksAnswered: number; invited: number };
};

/** Creates an event through the API as the given staff (the place's club staff by default). */
export async function createEvent(p: ClubPlace, extra: Record<string, unknown> = {}, api: Api = p.staff.api) {
  const res = await api.post('/api/club/events', eventBody(p, extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ClubEventView;
}

/** Staff register a customer; answers the registration. */
export async function registerCustomer(p: ClubPlace, eventId: string, customerId: string) {
  const res = await p.staff.api.post(`/api/club/events/${eventId}/registrations`, { customerId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; customerId: string; callback: string };
}

/** The check-in code of a registration, as the owner's portal shows it. */
export async function codeOf(t: TestApp, cookie: string, eventId: string): Promise<string> {
  const mine = await t.app.inject({ method: 'GET', url: '/api/portal/club/events', headers: { cookie } });
  expect(mine.statusCode, mine.body).toBe(200);
  const code = mine.json().items.find((e: { id: string }) => e.id === eventId)?.registration?.checkInCode;
  if (!code) throw new Error(`no registration of ${eventId}`);
  return code as string;
}

export const portal = (t: TestApp, cookie: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
  post: (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload }),
});

/** Outbox rows of a template about a record. */
export const smsOf = (t: TestApp, template: string, refId: string) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.template, template), eq(outboxMessages.refId, refId)));
