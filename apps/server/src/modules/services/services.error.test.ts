import { count } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cityCompany } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import {
  book,
  owner,
  type ServicePlace,
  serviceBody,
  serviceByCode,
  servicePlace,
} from '../../../test/service-factories.js';
import { serviceDefinitions, serviceRequests } from './services.tables.js';

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
const requestCount = async () => (await t.db.select({ n: count() }).from(serviceRequests))[0]?.n ?? 0;
let codes = 0;
const newCode = () => `err_service_${++codes}_${Date.now() % 100000}`;

describe('error', () => {
  it('an owner booking a service not offered for their project: 422 SERVICE_NOT_OFFERED, nothing written', async () => {
    const o = await owner(t, p);
    const elsewhere = await cityCompany(t);
    const code = newCode();
    const created = await p.group.api.put(`/api/services/${code}`, {
      ...serviceBody({ availability: 'projects', projectIds: [elsewhere.project.id] }),
    });
    expect(created.statusCode, created.body).toBe(201);
    // not listed for this owner either
    const offered = (await o.portal.get('/api/portal/services')).json().items;
    expect(offered.map((s: { code: string }) => s.code)).not.toContain(code);
    const before = await requestCount();
    const res = await o.portal.post(`/api/portal/services/${created.json().id}/request`, { unitId: o.unitId });
    expect(fail(res)).toEqual([422, 'SERVICE_NOT_OFFERED']);
    // a product type the home does not have, and an inactive service, the same
    const typed = await p.group.api.put(`/api/services/${newCode()}`, {
      ...serviceBody({ availability: 'product_types', productTypes: ['villa'] }),
    });
    expect(fail(await o.portal.post(`/api/portal/services/${typed.json().id}/request`, { unitId: o.unitId }))).toEqual([
      422,
      'SERVICE_NOT_OFFERED',
    ]);
    const off = await p.group.api.put(`/api/services/${newCode()}`, serviceBody({ active: false }));
    expect(fail(await bookRaw(p, off.json().id, o))).toEqual([422, 'SERVICE_NOT_OFFERED']);
    expect(await requestCount()).toBe(before);
  });

  it('a members-only service booked for a non-member: 403 SERVICE_MEMBERS_ONLY, nothing written', async () => {
    const o = await owner(t, p);
    const referral = await serviceByCode(p, 'referral_reception');
    const before = await requestCount();
    expect(fail(await o.portal.post(`/api/portal/services/${referral.id}/request`, { unitId: o.unitId }))).toEqual([
      403,
      'SERVICE_MEMBERS_ONLY',
    ]);
    expect(fail(await bookRaw(p, referral.id, o))).toEqual([403, 'SERVICE_MEMBERS_ONLY']);
    expect(await requestCount()).toBe(before);
  });

  it('a home that is not the customer’s: 422 SERVICE_HOME_INVALID', async () => {
    const a = await owner(t, p);
    const b = await owner(t, p);
    const visit = await serviceByCode(p, 'pre_delivery_visit');
    const res = await p.specialist.api.post('/api/service-requests', {
      serviceId: visit.id,
      customerId: a.customerId,
      unitId: b.unitId,
    });
    expect(fail(res)).toEqual([422, 'SERVICE_HOME_INVALID']);
    expect(fail(await a.portal.post(`/api/portal/services/${visit.id}/request`, { unitId: b.unitId }))).toEqual([
      422,
      'SERVICE_HOME_INVALID',
    ]);
  });

  it('advancing out of order, twice, or a done or cancelled request: 409 with a stable code', async () => {
    const o = await owner(t, p);
    const legal = await serviceByCode(p, 'legal_consulting');
    const req = await book(p.specialist.api, legal.id, o.customerId, o.unitId);
    const advance = (seq: number) => p.specialist.api.post(`/api/service-requests/${req.id}/advance`, { seq });
    expect(fail(await advance(1))).toEqual([409, 'SERVICE_STEP_CONFLICT']);
    expect((await advance(0)).statusCode).toBe(200);
    expect(fail(await advance(0))).toEqual([409, 'SERVICE_STEP_CONFLICT']);
    expect((await advance(1)).statusCode).toBe(200);
    expect((await advance(2)).statusCode).toBe(200);
    expect(fail(await advance(2))).toEqual([409, 'SERVICE_REQUEST_CLOSED']);
    expect(fail(await p.specialist.api.post(`/api/service-requests/${req.id}/cancel`, { reason: 'x' }))).toEqual([
      409,
      'SERVICE_REQUEST_CLOSED',
    ]);
    // rated once, only when done
    const other = await book(p.specialist.api, legal.id, o.customerId, o.unitId);
    expect(fail(await o.portal.post(`/api/portal/service-requests/${other.id}/rate`, { score: 4 }))).toEqual([
      409,
      'SERVICE_REQUEST_NOT_RATEABLE',
    ]);
    await p.specialist.api.post(`/api/service-requests/${other.id}/cancel`, { reason: '客户取消' });
    expect(fail(await p.specialist.api.post(`/api/service-requests/${other.id}/advance`, { seq: 0 }))).toEqual([
      409,
      'SERVICE_REQUEST_CLOSED',
    ]);
    expect((await o.portal.post(`/api/portal/service-requests/${req.id}/rate`, { score: 4 })).statusCode).toBe(200);
    expect(fail(await o.portal.post(`/api/portal/service-requests/${req.id}/rate`, { score: 5 }))).toEqual([
      409,
      'SERVICE_REQUEST_NOT_RATEABLE',
    ]);
  });

  it('a stale catalogue version: 409 VERSION_CONFLICT, the definition unchanged', async () => {
    const code = newCode();
    const created = (await p.group.api.put(`/api/services/${code}`, serviceBody())).json();
    const first = await p.group.api.put(
      `/api/services/${code}`,
      serviceBody({ version: created.version, nameZh: '甲' }),
    );
    expect(first.statusCode, first.body).toBe(200);
    const stale = await p.group.api.put(
      `/api/services/${code}`,
      serviceBody({ version: created.version, nameZh: '乙' }),
    );
    expect(fail(stale)).toEqual([409, 'VERSION_CONFLICT']);
    expect(fail(await p.group.api.put(`/api/services/${code}`, serviceBody()))).toEqual([409, 'VERSION_CONFLICT']);
    expect(fail(await p.group.api.put(`/api/services/${newCode()}`, serviceBody({ version: 1 })))).toEqual([
      404,
      'SERVICE_NOT_FOUND',
    ]);
    const [row] = (await t.db.select().from(serviceDefinitions)).filter((d) => d.code === code);
    expect(row?.nameZh).toBe('甲');
  });

  it('bad definitions: negative fee, no steps, an unknown role, a limit of 0 or less, repeated keys, no projects', async () => {
    const before = (await t.db.select({ n: count() }).from(serviceDefinitions))[0]?.n;
    const [step] = serviceBody().steps;
    const bad = [
      serviceBody({ feeFen: -1 }),
      serviceBody({ steps: [] }),
      serviceBody({ steps: [{ ...step, role: 'janitor' }] }),
      serviceBody({ steps: [{ ...step, limitDays: 0 }] }),
      serviceBody({ steps: [{ ...step, limitDays: -2 }] }),
    ];
    for (const body of bad)
      expect(fail(await p.group.api.put(`/api/services/${newCode()}`, body))).toEqual([400, 'VALIDATION_FAILED']);
    expect(fail(await p.group.api.put(`/api/services/${newCode()}`, serviceBody({ steps: [step, step] })))).toEqual([
      422,
      'SERVICE_INVALID',
    ]);
    expect(
      fail(
        await p.group.api.put(`/api/services/${newCode()}`, serviceBody({ availability: 'projects', projectIds: [] })),
      ),
    ).toEqual([422, 'SERVICE_INVALID']);
    expect(
      fail(
        await p.group.api.put(
          `/api/services/${newCode()}`,
          serviceBody({ availability: 'projects', projectIds: [p.company.id] }),
        ),
      ),
    ).toEqual([422, 'SERVICE_INVALID']);
    expect((await t.db.select({ n: count() }).from(serviceDefinitions))[0]?.n).toBe(before);
  });
});

/** Staff book a service for the owner's home (the raw reply, for refusals). */
function bookRaw(p: ServicePlace, serviceId: string, o: { customerId: string; unitId: string }) {
  return p.specialist.api.post('/api/service-requests', { serviceId, customerId: o.customerId, unitId: o.unitId });
}
