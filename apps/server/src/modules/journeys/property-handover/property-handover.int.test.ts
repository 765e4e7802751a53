import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { projectWithUnits } from '../../../../test/property-factories.js';
import { users } from '../../org/org.tables.js';
import { propertyHandovers } from '../handover/handover.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-02T02:00:00Z'));
});
afterAll(() => t.close());

const ITEMS = [
  { code: 'keys', quantity: 240, note: '每户 2 把' },
  { code: 'as_built_drawings', quantity: 1 },
  { code: 'equipment_manuals', quantity: 36 },
];

async function batchWithPropertyCompany() {
  const { company, project } = await cityCompany(t);
  await projectWithUnits(t, project, ['1-1-0101'], 'sold');
  const manager = await signedIn(t, company, ['cr_manager']);
  const engineer = await signedIn(t, company, ['department_staff']);
  const propertyDept = await orgUnit(t, company, 'department', { departmentKind: 'property_company' });
  const property = await signedIn(t, company, ['department_staff']);
  await t.db.update(users).set({ departmentId: propertyDept.id }).where(eq(users.id, property.user.id));
  const created = await manager.api.post(`/api/projects/${project.id}/delivery-batches`, {
    name: '一期',
    plannedDate: '2026-12-20',
  });
  expect(created.statusCode, created.body).toBe(201);
  const batch = created.json();
  const url = `/api/delivery-batches/${batch.id}/property-handover`;
  return { company, manager, engineer, property, batch, url };
}

describe('the hand-over to the property company', () => {
  it('is recorded by engineering, corrected until rated, and rated once by the property company', async () => {
    const b = await batchWithPropertyCompany();
    const none = await b.manager.api.get(b.url);
    expect(none.json(), none.body).toEqual({ handover: null });
    const early = await b.property.api.post(`${b.url}/rating`, { timely: true, complete: true, version: 1 });
    expect(early.json().code).toBe('PROPERTY_HANDOVER_NOT_FOUND');

    const recorded = await b.engineer.api.put(b.url, { handedOverOn: '2026-10-30', items: ITEMS });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ version: 1, handedOverOn: '2026-10-30', satisfied: null });
    const corrected = await b.engineer.api.put(b.url, {
      handedOverOn: '2026-10-31',
      items: ITEMS,
      note: '补交设备说明书',
      version: 1,
    });
    expect(corrected.json()).toMatchObject({ version: 2, handedOverOn: '2026-10-31', note: '补交设备说明书' });

    // the CR desk cannot pose as the property company unless it is a manager entering the property company's form
    const notTheirs = await b.engineer.api.post(`${b.url}/rating`, { timely: true, complete: true, version: 2 });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().code).toBe('PROPERTY_HANDOVER_RATER');
    const rated = await b.property.api.post(`${b.url}/rating`, {
      timely: true,
      complete: false,
      comment: '消防设施资料缺失',
      version: 2,
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ timely: true, complete: false, satisfied: false, version: 3 });
    const twice = await b.manager.api.post(`${b.url}/rating`, { timely: true, complete: true, version: 3 });
    expect(twice.json().code).toBe('PROPERTY_HANDOVER_RATED');
    const frozen = await b.engineer.api.put(b.url, { handedOverOn: '2026-10-31', items: ITEMS, version: 3 });
    expect(frozen.json().code).toBe('PROPERTY_HANDOVER_RATED');
    const [row] = await t.db.select().from(propertyHandovers).where(eq(propertyHandovers.batchId, b.batch.id));
    expect(row).toMatchObject({ version: 3, timely: true, complete: false });
  });

  it('refuses bad input and other subtrees, writing nothing', async () => {
    const b = await batchWithPropertyCompany();
    const other = await batchWithPropertyCompany();
    const future = await b.engineer.api.put(b.url, { handedOverOn: '2026-11-03', items: ITEMS });
    expect(future.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'handedOverOn' } });
    const twice = await b.engineer.api.put(b.url, { handedOverOn: '2026-10-30', items: [ITEMS[0], ITEMS[0]] });
    expect(twice.statusCode).toBe(400);
    const empty = await b.engineer.api.put(b.url, { handedOverOn: '2026-10-30', items: [] });
    expect(empty.statusCode).toBe(400);
    const foreign = await other.manager.api.put(b.url, { handedOverOn: '2026-10-30', items: ITEMS });
    expect(foreign.statusCode).toBe(404);
    const rows = await t.db.select().from(propertyHandovers).where(eq(propertyHandovers.batchId, b.batch.id));
    expect(rows).toEqual([]);
    const sales = await signedIn(t, b.company, ['hotline_agent']);
    expect((await sales.api.put(b.url, { handedOverOn: '2026-10-30', items: ITEMS })).statusCode).toBe(403);
  });
});
