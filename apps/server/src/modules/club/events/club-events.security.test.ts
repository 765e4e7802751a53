import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createEvent, eventBody, portal, registerCustomer } from '../../../../test/club-event-factories.js';
import { buyer, type ClubPlace, clubPlace } from '../../../../test/club-factories.js';
import { orgUnit, ownerCookie, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

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
  it('needs a signed-in user with the club permissions: reading with club.read, writing with club.manage', async () => {
    const event = await createEvent(p);
    expect((await t.app.inject({ method: 'GET', url: '/api/club/events' })).statusCode).toBe(401);
    const contractor = await signedIn(t, p.company, ['contractor']);
    expect(fail(await contractor.api.get('/api/club/events'))).toEqual([403, 'FORBIDDEN']);
    const sales = await signedIn(t, p.company, ['sales_consultant']);
    expect((await sales.api.get(`/api/club/events/${event.id}`)).statusCode).toBe(200);
    expect(fail(await sales.api.post('/api/club/events', eventBody(p)))).toEqual([403, 'FORBIDDEN']);
    const h = await buyer(t, p);
    const reg = await sales.api.post(`/api/club/events/${event.id}/registrations`, { customerId: h.customerId });
    expect(fail(reg)).toEqual([403, 'FORBIDDEN']);
    expect(fail(await sales.api.post(`/api/club/events/${event.id}/check-in`, { code: 'ABCDEFGH' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(fail(await sales.api.post(`/api/club/events/${event.id}/invitations`, {}))).toEqual([403, 'FORBIDDEN']);
    // anonymous portal callers
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/club/events' })).statusCode).toBe(401);
  });

  it("another company's staff neither see nor act on an event: 404, and the list leaves it out", async () => {
    const event = await createEvent(p);
    const h = await buyer(t, p);
    const reg = await registerCustomer(p, event.id, h.customerId);
    const code = await codeOf(t, await ownerCookie(t, h.phone), event.id);
    const outsider = other.staff.api;
    const gone = [404, 'CLUB_EVENT_NOT_FOUND'];
    expect(fail(await outsider.get(`/api/club/events/${event.id}`))).toEqual(gone);
    expect(fail(await outsider.get(`/api/club/events/${event.id}/registrations`))).toEqual(gone);
    expect(fail(await outsider.patch(`/api/club/events/${event.id}`, { title: '越权', version: 1 }))).toEqual(gone);
    expect(fail(await outsider.post(`/api/club/events/${event.id}/check-in`, { code }))).toEqual(gone);
    expect(fail(await outsider.post(`/api/club/events/${event.id}/registrations/${reg.id}/cancel`))).toEqual(gone);
    expect(fail(await outsider.post(`/api/club/events/${event.id}/invitations`, {}))).toEqual(gone);
    const theirs = await outsider.post(`/api/club/events/${event.id}/registrations`, {
      customerId: (await buyer(t, other)).customerId,
    });
    expect(fail(theirs)).toEqual(gone);
    expect((await outsider.get('/api/club/events')).json().items.map((e: { id: string }) => e.id)).not.toContain(
      event.id,
    );
    // nor create one at a project outside their subtree
    expect(fail(await outsider.post('/api/club/events', eventBody(p)))).toEqual([404, 'ORG_UNIT_NOT_FOUND']);
    // staff register only customers they can see
    const stranger = await p.staff.api.post(`/api/club/events/${event.id}/registrations`, {
      customerId: (await buyer(t, other)).customerId,
    });
    expect(fail(stranger)).toEqual([404, 'CUSTOMER_NOT_FOUND']);
  });

  it("an owner of another project neither sees nor registers for a project's event; nor cancels another's registration", async () => {
    const event = await createEvent(p);
    const sibling = await orgUnit(t, p.company, 'project');
    const atSibling = await createEvent(p, { orgUnitId: sibling.id });
    const mine = await buyer(t, p);
    const stranger = await buyer(t, other);
    const owner = portal(t, await ownerCookie(t, stranger.phone));
    const seen = (await owner.get('/api/portal/club/events')).json().items.map((e: { id: string }) => e.id);
    expect(seen).not.toContain(event.id);
    expect(fail(await owner.post(`/api/portal/club/events/${event.id}/register`))).toEqual([
      404,
      'CLUB_EVENT_NOT_FOUND',
    ]);
    // an owner of the project does not see an event of a sibling project either
    const own = portal(t, await ownerCookie(t, mine.phone));
    const mineSeen = (await own.get('/api/portal/club/events')).json().items.map((e: { id: string }) => e.id);
    expect(mineSeen).toContain(event.id);
    expect(mineSeen).not.toContain(atSibling.id);
    const reg = await own.post(`/api/portal/club/events/${event.id}/register`);
    expect(reg.statusCode, reg.body).toBe(201);
    const regId = reg.json().registration.id;
    const steal = await owner.post(`/api/portal/club/events/${event.id}/registrations/${regId}/cancel`);
    expect(fail(steal)).toEqual([404, 'CLUB_EVENT_REGISTRATION_NOT_FOUND']);
    const cancelled = await own.post(`/api/portal/club/events/${event.id}/registrations/${regId}/cancel`);
    expect(cancelled.json()).toMatchObject({ registration: null, canRegister: true });
  });
});
