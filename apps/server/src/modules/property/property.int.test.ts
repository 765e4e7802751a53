import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';

let t: TestApp;
type Api = ReturnType<typeof as>;
let admin: Api;
let managerA: Api;
let managerB: Api;
let companyA = '';

beforeAll(async () => {
  t = await createTestApp();
  admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
  const a = await cityCompany(t);
  const b = await cityCompany(t);
  companyA = a.company.id;
  managerA = (await signedIn(t, a.company, ['cr_manager'])).api;
  managerB = (await signedIn(t, b.company, ['cr_manager'])).api;
});
afterAll(() => t.close());

describe('projects, buildings and units', () => {
  it('creates a project under a city company in scope, and lists it only there', async () => {
    const res = await managerA.post('/api/projects', {
      cityCompanyId: companyA,
      name: '安居·观澜',
      code: 'GL-01',
      address: '上海市浦东新区观澜路 88 号',
      productTypes: ['高层住宅', '洋房'],
      finishStandard: 'finished',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ name: '安居·观澜', cityCompanyId: companyA, unitCount: 0, finishStandard: 'finished' });
    expect((await managerB.post('/api/projects', { cityCompanyId: companyA, name: 'X', code: 'X-1' })).statusCode).toBe(
      404,
    );
    const listA = (await managerA.get('/api/projects')).json().items.map((x: { id: string }) => x.id);
    expect(listA).toContain(p.id);
    expect((await managerB.get('/api/projects')).json().items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await managerB.get(`/api/projects/${p.id}`)).statusCode).toBe(404);

    const b = await managerA.post(`/api/projects/${p.id}/buildings`, {
      phase: '一期',
      code: '3',
      name: '3号楼',
      floors: 33,
    });
    expect(b.statusCode, b.body).toBe(201);
    expect((await managerA.post(`/api/projects/${p.id}/buildings`, { code: '3', name: '重复' })).statusCode).toBe(409);
    const updated = await managerA.patch(`/api/projects/${p.id}`, { version: p.version, address: '新地址' });
    expect(updated.json()).toMatchObject({
      address: '新地址',
      productTypes: ['高层住宅', '洋房'],
      finishStandard: 'finished',
    });
    const renamed = await managerA.patch(`/api/projects/${p.id}`, {
      version: updated.json().version,
      name: '云台二期',
    });
    expect(renamed.json()).toMatchObject({ name: '云台二期', address: '新地址' });
    expect((await managerA.get(`/api/projects/${p.id}`)).json().name).toBe('云台二期');
  });

  it('pages units in code order, filters by building and status, and hides other companies’ units', async () => {
    const { project } = await cityCompany(t);
    const codes = Array.from({ length: 7 }, (_, i) => `3-1-${String(101 + i * 100).padStart(4, '0')}`);
    const units = await projectWithUnits(t, project, codes);
    const seen: string[] = [];
    let url = `/api/units?projectId=${project.id}&limit=3`;
    for (;;) {
      const pageBody = (await admin.get(url)).json();
      seen.push(...pageBody.items.map((u: { code: string }) => u.code));
      if (!pageBody.nextCursor) break;
      url = `/api/units?projectId=${project.id}&limit=3&cursor=${pageBody.nextCursor}`;
    }
    expect(seen).toEqual([...codes].sort());
    const blds = (await admin.get(`/api/projects/${project.id}/buildings`)).json().items;
    expect(blds).toEqual([expect.objectContaining({ code: '3', unitCount: 7 })]);
    expect((await admin.get(`/api/projects/${project.id}`)).json().unitCount).toBe(7);
    expect((await managerA.get(`/api/units/${units[0]?.id}`)).statusCode).toBe(404);
    expect((await managerA.get(`/api/units?projectId=${project.id}`)).json().items).toEqual([]);
  });
});

describe('warranty', () => {
  it('answers per part category from the delivery date, with project overrides above the statutory minimum', async () => {
    const { company, project } = await cityCompany(t);
    const [unit] = await projectWithUnits(t, project, ['1-1-0101']);
    const manager = (await signedIn(t, company, ['cr_manager'])).api;
    const answer = (await manager.get(`/api/units/${unit?.id}/warranty?on=2027-07-01`)).json();
    const by = Object.fromEntries(answer.items.map((i: { partCategory: string }) => [i.partCategory, i]));
    expect(by.bathroom_waterproofing).toMatchObject({ status: 'in_warranty', expiresOn: '2030-06-30' });
    expect(by.electrical).toMatchObject({ status: 'expired', expiresOn: '2027-06-30' });
    expect(by.heating).toMatchObject({ status: 'expired', expiresOn: '2027-03-15' });

    const tooShort = await manager.put('/api/warranty-rules', {
      projectId: project.id,
      partCategory: 'electrical',
      periodKind: 'years',
      periodValue: 1,
    });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.json().code).toBe('WARRANTY_BELOW_STATUTORY');
    const longer = await manager.put('/api/warranty-rules', {
      projectId: project.id,
      partCategory: 'electrical',
      periodKind: 'years',
      periodValue: 3,
      note: '精装交付延保',
    });
    expect(longer.statusCode, longer.body).toBe(200);
    const again = (await manager.get(`/api/units/${unit?.id}/warranty?on=2027-07-01&partCategory=electrical`)).json();
    expect(again.items).toEqual([
      expect.objectContaining({
        status: 'in_warranty',
        expiresOn: '2028-06-30',
        rule: { kind: 'years', value: 3, source: 'project' },
      }),
    ]);
    const defaults = await manager.put('/api/warranty-rules', {
      projectId: null,
      partCategory: 'plumbing',
      periodKind: 'years',
      periodValue: 3,
    });
    expect(defaults.statusCode).toBe(403);
    expect(
      (
        await admin.put('/api/warranty-rules', {
          projectId: null,
          partCategory: 'plumbing',
          periodKind: 'years',
          periodValue: 3,
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('delivery batches', () => {
  it('groups units into a batch and delivers its sold units on the actual date', async () => {
    const { company, project } = await cityCompany(t);
    const units = await projectWithUnits(t, project, ['2-1-0101', '2-1-0102'], 'sold');
    const manager = (await signedIn(t, company, ['cr_manager'])).api;
    const created = await manager.post(`/api/projects/${project.id}/delivery-batches`, {
      name: '二期集中交付',
      plannedDate: '2026-12-28',
    });
    expect(created.statusCode, created.body).toBe(201);
    const batch = created.json();
    const assigned = await manager.post(`/api/delivery-batches/${batch.id}/units`, { unitIds: units.map((u) => u.id) });
    expect(assigned.json()).toEqual({ assigned: 2 });
    const done = await manager.patch(`/api/delivery-batches/${batch.id}`, {
      version: batch.version,
      actualDate: '2026-12-26',
    });
    expect(done.statusCode, done.body).toBe(200);
    const unit = (await manager.get(`/api/units/${units[0]?.id}`)).json();
    expect(unit).toMatchObject({ status: 'delivered', deliveredOn: '2026-12-26', deliveryBatchId: batch.id });
    const list = (await manager.get(`/api/projects/${project.id}/delivery-batches`)).json().items;
    expect(list).toEqual([expect.objectContaining({ name: '二期集中交付', unitCount: 2, actualDate: '2026-12-26' })]);
    expect((await managerA.get(`/api/projects/${project.id}/delivery-batches`)).statusCode).toBe(404);
    expect(
      (await managerA.post(`/api/delivery-batches/${batch.id}/units`, { unitIds: [units[1]?.id] })).statusCode,
    ).toBe(404);
  });
});
