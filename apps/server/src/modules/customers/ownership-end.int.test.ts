import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { domainEvents } from '../../platform/events/events.tables.js';
import { ownerships } from './customer.tables.js';

let t: TestApp;
type Api = ReturnType<typeof as>;
let admin: Api;
let specialistA: Api;
let specialistB: Api;
let coordinatorA: Api;
let projectA = '';
let units: string[] = [];
let phoneSeq = 0;

/** A new customer of company A owning one of its units (contract signed 2024-03-01); every test takes its own. */
async function ownerWithHome(unit = units[0] as string) {
  const phone = `1370000${String(++phoneSeq).padStart(4, '0')}`;
  const created = await specialistA.post('/api/customers', {
    name: '王业主',
    phones: [{ phone, isPrimary: true }],
    orgUnitId: projectA,
  });
  expect(created.statusCode, created.body).toBe(201);
  const customerId: string = created.json().customer.id;
  const own = await specialistA.post(`/api/customers/${customerId}/ownerships`, {
    unitId: unit,
    contractDate: '2024-03-01',
  });
  expect(own.statusCode, own.body).toBe(201);
  const home = own.json().homesDetail.find((h: { unitId: string }) => h.unitId === unit);
  return {
    customerId,
    ownershipId: home.ownershipId as string,
    url: `/api/customers/${customerId}/ownerships/${home.ownershipId}/end`,
  };
}

/** What ending an ownership writes: its row, timeline entries, audit rows and published events. */
async function traces(customerId: string, ownershipId: string) {
  const [row] = await t.db.select().from(ownerships).where(eq(ownerships.id, ownershipId));
  const timeline = (await admin.get(`/api/customers/${customerId}/timeline`)).json().items as { code: string }[];
  const audit = (await admin.get(`/api/audit-events?entityId=${customerId}&action=ownership.end`)).json().items;
  const [events] = await t.db
    .select({ n: count() })
    .from(domainEvents)
    .where(and(eq(domainEvents.name, 'ownership.ended'), eq(domainEvents.subjectId, ownershipId)));
  return {
    active: row?.active,
    version: row?.version,
    timeline: timeline.filter((e) => e.code === 'ownership.ended').length,
    audit: audit.length,
    events: events?.n ?? 0,
  };
}
const untouched = { active: true, version: 1, timeline: 0, audit: 0, events: 0 };

beforeAll(async () => {
  t = await createTestApp();
  admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
  const a = await cityCompany(t);
  const b = await cityCompany(t);
  projectA = a.project.id;
  units = (await projectWithUnits(t, a.project, ['1-1-101', '1-1-102'])).map((u) => u.id);
  specialistA = (await signedIn(t, a.company, ['cr_specialist'])).api;
  coordinatorA = (await signedIn(t, a.company, ['repair_coordinator'])).api;
  specialistB = (await signedIn(t, b.company, ['cr_specialist'])).api;
});
afterAll(() => t.close());

describe('ending an ownership: happy path', () => {
  it('hides the home, recomputes kinds, writes the timeline, the audit row and one ownership.ended event', async () => {
    const { customerId, ownershipId, url } = await ownerWithHome();
    const second = await specialistA.post(`/api/customers/${customerId}/ownerships`, { unitId: units[1] });
    expect(second.statusCode).toBe(201);
    const before = (await specialistA.get(`/api/customers/${customerId}`)).json();
    expect(before.kinds).toContain('owner');
    expect(before.homesDetail).toHaveLength(2);

    const res = await specialistA.post(url, { reason: 'resold', endedOn: '2026-10-01', note: ' 已转售 ' });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json();
    expect(after.id).toBe(customerId);
    expect(after.homesDetail.map((h: { unitId: string }) => h.unitId)).toEqual([units[1]]);
    expect(after.kinds).toContain('owner'); // still owns the other home

    expect(await traces(customerId, ownershipId)).toEqual({
      active: false,
      version: 2,
      timeline: 1,
      audit: 1,
      events: 1,
    });
    const [entry] = (await specialistA.get(`/api/customers/${customerId}/timeline?kind=ownership`))
      .json()
      .items.filter((e: { code: string }) => e.code === 'ownership.ended');
    expect(entry).toMatchObject({
      kind: 'ownership',
      body: '已转售',
      params: { project: expect.any(String), unit: '1-1-101', reason: 'resold' },
    });
    const [audit] = (await admin.get(`/api/audit-events?entityId=${customerId}&action=ownership.end`)).json().items;
    expect(audit).toMatchObject({ action: 'ownership.end', entityType: 'customer' });
    const [event] = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.name, 'ownership.ended'), eq(domainEvents.subjectId, ownershipId)));
    expect(event).toMatchObject({ subjectType: 'ownership', actorKind: 'staff' });
    expect(event?.payload).toEqual({
      customerId,
      unitId: units[0],
      projectId: projectA,
      firstVisitDate: null,
      contractDate: '2024-03-01',
      deliveryDate: expect.any(String),
      moveInDate: null,
      via: 'staff',
      reason: 'resold',
      endedOn: '2026-10-01',
    });
  });

  it('drops the owner kind with the last home; endedOn defaults to today in China', async () => {
    const { customerId, ownershipId, url } = await ownerWithHome(units[1]);
    const res = await specialistA.post(url, { reason: 'entered_by_mistake' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(customerId);
    expect(res.json().homesDetail).toEqual([]);
    expect(res.json().kinds).not.toContain('owner');
    expect(res.json().kinds).not.toContain('buyer');
    const [event] = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.name, 'ownership.ended'), eq(domainEvents.subjectId, ownershipId)));
    // the test clock stands at 2026-11-23T02:00Z: 10:00 on the 23rd in China
    expect(event?.payload).toMatchObject({ reason: 'entered_by_mistake', endedOn: '2026-11-23' });
  });
});

describe('ending an ownership: errors', () => {
  it('answers 404 for an unknown ownership and for one of another customer', async () => {
    const { customerId } = await ownerWithHome();
    const other = await ownerWithHome();
    const unknown = await specialistA.post(
      `/api/customers/${customerId}/ownerships/00000000-0000-4000-8000-000000000000/end`,
      { reason: 'resold' },
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('OWNERSHIP_NOT_FOUND');
    const foreign = await specialistA.post(`/api/customers/${customerId}/ownerships/${other.ownershipId}/end`, {
      reason: 'resold',
    });
    expect(foreign.statusCode).toBe(404);
    expect(await traces(other.customerId, other.ownershipId)).toEqual(untouched);
  });

  it('answers 404 for an ownership already ended, and writes nothing more', async () => {
    const { customerId, ownershipId, url } = await ownerWithHome();
    expect((await specialistA.post(url, { reason: 'transferred' })).statusCode).toBe(200);
    const once = await traces(customerId, ownershipId);
    const again = await specialistA.post(url, { reason: 'transferred' });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'OWNERSHIP_NOT_FOUND', message: expect.any(String) });
    expect(await traces(customerId, ownershipId)).toEqual(once);
    expect(once).toMatchObject({ active: false, timeline: 1, audit: 1, events: 1 });
  });

  it.each([
    ['a future date', { reason: 'resold', endedOn: '2026-11-24' }, 'endedOn'],
    ['a date before the contract', { reason: 'resold', endedOn: '2024-02-29' }, 'endedOn'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_what, body, field) => {
    const { customerId, ownershipId, url } = await ownerWithHome();
    const res = await specialistA.post(url, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    expect(await traces(customerId, ownershipId)).toEqual(untouched);
  });

  it.each([
    ['an unknown reason', { reason: 'sold' }],
    ['no reason', {}],
    ['a malformed date', { reason: 'resold', endedOn: '2026/10/01' }],
    ['a note over 200 characters', { reason: 'resold', note: '长'.repeat(201) }],
  ])('refuses %s with 400', async (_what, body) => {
    const { customerId, ownershipId, url } = await ownerWithHome();
    const res = await specialistA.post(url, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await traces(customerId, ownershipId)).toEqual(untouched);
  });
});

describe('ending an ownership: security', () => {
  it('refuses a user without customers.manage with 403', async () => {
    const { customerId, ownershipId, url } = await ownerWithHome();
    expect((await coordinatorA.get(`/api/customers/${customerId}`)).statusCode).toBe(200);
    const res = await coordinatorA.post(url, { reason: 'resold' });
    expect(res.statusCode).toBe(403);
    expect(await traces(customerId, ownershipId)).toEqual(untouched);
  });

  it('answers 404 to a user of another city company, as the other customer routes do', async () => {
    const { customerId, ownershipId, url } = await ownerWithHome();
    const res = await specialistB.post(url, { reason: 'resold' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CUSTOMER_NOT_FOUND');
    expect(await traces(customerId, ownershipId)).toEqual(untouched);
  });

  it('needs a session', async () => {
    const { customerId, ownershipId, url } = await ownerWithHome();
    const anonymous = await t.app.inject({ method: 'POST', url, payload: { reason: 'resold' } });
    expect(anonymous.statusCode).toBe(401);
    expect(await traces(customerId, ownershipId)).toEqual(untouched);
  });
});

describe('the dates of a home', () => {
  it('refuses a move-in before the handover or a first visit after the contract, writing nothing', async () => {
    const created = await specialistA.post('/api/customers', {
      name: '李业主',
      phones: [{ phone: `1370001${String(++phoneSeq).padStart(4, '0')}`, isPrimary: true }],
      orgUnitId: projectA,
    });
    const customerId: string = created.json().customer.id;
    const url = `/api/customers/${customerId}/ownerships`;
    const moveIn = await specialistA.post(url, {
      unitId: units[0],
      deliveryDate: '2025-06-30',
      moveInDate: '2025-06-01',
    });
    expect(moveIn.statusCode).toBe(400);
    expect(moveIn.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'moveInDate' } });
    const visit = await specialistA.post(url, {
      unitId: units[0],
      firstVisitDate: '2024-03-02',
      contractDate: '2024-03-01',
    });
    expect(visit.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'firstVisitDate' } });
    const rows = await t.db.select().from(ownerships).where(eq(ownerships.customerId, customerId));
    expect(rows).toEqual([]);

    const ok = await specialistA.post(url, {
      unitId: units[0],
      firstVisitDate: '2024-02-10',
      contractDate: '2024-03-01',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().homesDetail[0]).toMatchObject({ firstVisitDate: '2024-02-10', contractDate: '2024-03-01' });
  });
});
