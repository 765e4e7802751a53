import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import {
  book,
  owner,
  type ServicePlace,
  serviceBody,
  serviceByCode,
  servicePlace,
} from '../../../test/service-factories.js';

let t: TestApp;
let p: ServicePlace;
beforeAll(async () => {
  t = await createTestApp();
});
beforeEach(async () => {
  t.clock.set(new Date('2026-11-23T02:00:00Z'));
  p = await servicePlace(t);
});
afterAll(() => t.close());

const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];

describe('security', () => {
  it('staff of another company neither see, advance, cancel nor book for this company’s owners', async () => {
    const o = await owner(t, p);
    const visit = await serviceByCode(p, 'pre_delivery_visit');
    const req = await book(p.specialist.api, visit.id, o.customerId, o.unitId);
    const other = await servicePlace(t);
    expect(fail(await other.specialist.api.get(`/api/service-requests/${req.id}`))).toEqual([
      404,
      'SERVICE_REQUEST_NOT_FOUND',
    ]);
    expect(fail(await other.specialist.api.post(`/api/service-requests/${req.id}/advance`, { seq: 0 }))).toEqual([
      404,
      'SERVICE_REQUEST_NOT_FOUND',
    ]);
    expect(fail(await other.specialist.api.post(`/api/service-requests/${req.id}/cancel`, { reason: 'x' }))).toEqual([
      404,
      'SERVICE_REQUEST_NOT_FOUND',
    ]);
    const list = await other.specialist.api.get('/api/service-requests');
    expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(req.id);
    const booked = await other.specialist.api.post('/api/service-requests', {
      serviceId: visit.id,
      customerId: o.customerId,
      unitId: o.unitId,
    });
    expect(booked.statusCode).toBe(404);
    const still = await p.specialist.api.get(`/api/service-requests/${req.id}`);
    expect(still.json()).toMatchObject({ status: 'open', currentStep: 0 });
  });

  it('an owner of another household can neither see, cancel nor rate my request, nor book for my home', async () => {
    const a = await owner(t, p);
    const b = await owner(t, p);
    const legal = await serviceByCode(p, 'legal_consulting');
    const mine = await a.portal.post(`/api/portal/services/${legal.id}/request`, { unitId: a.unitId });
    expect(mine.statusCode, mine.body).toBe(201);
    const id = mine.json().id;
    expect((await b.portal.get('/api/portal/service-requests')).json().items).toEqual([]);
    expect(fail(await b.portal.post(`/api/portal/service-requests/${id}/cancel`, { reason: 'x' }))).toEqual([
      404,
      'SERVICE_REQUEST_NOT_FOUND',
    ]);
    expect(fail(await b.portal.post(`/api/portal/service-requests/${id}/rate`, { score: 1 }))).toEqual([
      404,
      'SERVICE_REQUEST_NOT_FOUND',
    ]);
    expect(fail(await b.portal.post(`/api/portal/services/${legal.id}/request`, { unitId: a.unitId }))).toEqual([
      422,
      'SERVICE_HOME_INVALID',
    ]);
    // the portal without a sign-in
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/service-requests' })).statusCode).toBe(401);
    const again = (await a.portal.get('/api/portal/service-requests')).json().items;
    expect(again).toMatchObject([{ id, status: 'open' }]);
  });

  it('missing permissions: 403 and nothing written', async () => {
    const o = await owner(t, p);
    const visit = await serviceByCode(p, 'pre_delivery_visit');
    const req = await book(p.specialist.api, visit.id, o.customerId, o.unitId);
    const contractor = await signedIn(t, p.project, ['contractor']);
    expect(fail(await contractor.api.get('/api/services'))).toEqual([403, 'FORBIDDEN']);
    expect(fail(await contractor.api.get('/api/service-requests'))).toEqual([403, 'FORBIDDEN']);
    // a hotline agent reads but does not work requests
    const agent = await signedIn(t, p.company, ['hotline_agent']);
    expect((await agent.api.get(`/api/service-requests/${req.id}`)).statusCode).toBe(200);
    expect(fail(await agent.api.post(`/api/service-requests/${req.id}/advance`, { seq: 0 }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(
      fail(
        await agent.api.post('/api/service-requests', {
          serviceId: visit.id,
          customerId: o.customerId,
          unitId: o.unitId,
        }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    const after = await p.specialist.api.get(`/api/service-requests/${req.id}`);
    expect(after.json()).toMatchObject({ currentStep: 0, version: req.version });
  });

  it('only staff placed at the group with services.manage edit the catalogue', async () => {
    const visit = await serviceByCode(p, 'pre_delivery_visit');
    const body = { ...serviceBody(), version: visit.version };
    // a CR manager of a city company holds services.manage but is not at the group
    expect(fail(await p.manager.api.put('/api/services/pre_delivery_visit', body))).toEqual([403, 'FORBIDDEN']);
    // club staff at the group lack the permission
    const clubAtGroup = await signedIn(t, t.root, ['club_staff']);
    expect(fail(await clubAtGroup.api.put('/api/services/pre_delivery_visit', body))).toEqual([403, 'FORBIDDEN']);
    const unchanged = await serviceByCode(p, 'pre_delivery_visit');
    expect(unchanged.version).toBe(visit.version);
  });
});
