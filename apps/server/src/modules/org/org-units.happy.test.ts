import { randomUUID } from 'node:crypto';
import { ALLOWED_PARENTS, ORG_UNIT_TYPES, type OrgUnitType } from '@anju/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, orgUnit, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { orgUnits } from './org.tables.js';

let t: TestApp;
let admin: ReturnType<typeof as>;
beforeAll(async () => {
  t = await createTestApp();
  admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
});
afterAll(() => t.close());

const code = (p = 'U') => `${p}-${randomUUID().slice(0, 8)}`;
const pathOf = async (id: string) => {
  const [row] = await t.db
    .select({ path: orgUnits.path, depth: orgUnits.depth })
    .from(orgUnits)
    .where(eq(orgUnits.id, id));
  if (!row) throw new Error('no unit');
  return row;
};

describe('create', () => {
  /** Every (type, parent type) pair the contract allows, built top-down under a fresh region. */
  const allowed = ORG_UNIT_TYPES.filter((type) => type !== 'group').flatMap((type) =>
    ALLOWED_PARENTS[type].filter((p): p is OrgUnitType => p !== null).map((parentType) => ({ type, parentType })),
  );

  it.each(allowed)(
    'a $type under a $parentType → 201 with parent, depth and version 1',
    async ({ type, parentType }) => {
      const parent =
        parentType === 'group'
          ? t.root
          : parentType === 'region'
            ? await orgUnit(t, t.root, 'region')
            : await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
      const c = code(type.slice(0, 3).toUpperCase());
      const res = await admin.post('/api/org-units', {
        parentId: parent.id,
        type,
        name: `新 ${type}`,
        code: c,
        ...(type === 'department' ? { departmentKind: 'customer_relations' } : {}),
      });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toEqual({
        id: expect.any(String),
        parentId: parent.id,
        type,
        departmentKind: type === 'department' ? 'customer_relations' : null,
        name: `新 ${type}`,
        code: c,
        depth: parent.depth + 1,
        active: true,
        version: 1,
        createdAt: t.clock.now().toISOString(),
        updatedAt: t.clock.now().toISOString(),
      });
      expect((await admin.get(`/api/org-units/${created.id}`)).json()).toEqual(created);
      expect((await pathOf(created.id)).path).toBe(`${parent.path}${created.id}/`);
      const events = (await admin.get(`/api/audit-events?entityId=${created.id}`)).json().items;
      expect(events).toMatchObject([{ action: 'org_unit.create', entityType: 'org_unit', before: null }]);
    },
  );

  it('the same code may be used under different parents', async () => {
    const c = code();
    for (const region of [await orgUnit(t, t.root, 'region'), await orgUnit(t, t.root, 'region')]) {
      const res = await admin.post('/api/org-units', {
        parentId: region.id,
        type: 'city_company',
        name: '公司',
        code: c,
      });
      expect(res.statusCode).toBe(201);
    }
  });
});

describe('list', () => {
  it('filters by type, parentId and name (q), and hides inactive units unless asked', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const company = await orgUnit(t, region, 'city_company', { name: '杭州公司' });
    const p1 = await orgUnit(t, company, 'project', { name: '西溪项目' });
    const p2 = await orgUnit(t, company, 'project', { name: '滨江项目' });
    const dept = await orgUnit(t, company, 'department', { departmentKind: 'engineering', name: '工程部' });
    expect((await admin.patch(`/api/org-units/${p2.id}`, { version: 1, active: false })).statusCode).toBe(200);
    const { api } = await signedIn(t, region, ['cr_manager']);
    const ids = async (query: string) =>
      ((await api.get(`/api/org-units${query}`)).json().items as { id: string }[]).map((u) => u.id);

    // Sorted by depth, then code: parents before children.
    expect(await ids('')).toEqual([region.id, company.id, dept.id, p1.id]);
    expect((await ids('?includeInactive=true')).sort()).toEqual([region.id, company.id, p1.id, p2.id, dept.id].sort());
    expect(await ids('?type=project')).toEqual([p1.id]);
    expect((await ids('?type=project&includeInactive=true')).sort()).toEqual([p1.id, p2.id].sort());
    expect(await ids('?type=department')).toEqual([dept.id]);
    expect((await ids(`?parentId=${company.id}`)).sort()).toEqual([p1.id, dept.id].sort());
    expect(await ids(`?parentId=${region.id}`)).toEqual([company.id]);
    expect(await ids(`?q=${encodeURIComponent('西溪')}`)).toEqual([p1.id]);
    expect(await ids(`?q=${encodeURIComponent('项目')}&includeInactive=true&type=project`)).toHaveLength(2);
    expect(await ids('?q=%25')).toEqual([]);
  });
});

describe('update', () => {
  it('renames and re-codes a unit; the version goes up; the change is audited with before and after', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const c = code();
    const res = await admin.patch(`/api/org-units/${region.id}`, { version: 1, name: '华东区域', code: c });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '华东区域', code: c, version: 2 });
    const [event] = (await admin.get(`/api/audit-events?entityId=${region.id}`)).json().items;
    expect(event).toMatchObject({
      action: 'org_unit.update',
      before: { name: region.name, code: region.code, version: 1 },
      after: { name: '华东区域', code: c, version: 2 },
    });
  });

  it('deactivates a leaf unit and reactivates it', async () => {
    const project = await orgUnit(t, await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company'), 'project');
    const off = await admin.patch(`/api/org-units/${project.id}`, { version: 1, active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    const on = await admin.patch(`/api/org-units/${project.id}`, { version: 2, active: true });
    expect(on.json()).toMatchObject({ active: true, version: 3 });
  });

  it('a unit whose users are all disabled can be deactivated', async () => {
    const project = await orgUnit(t, await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company'), 'project');
    await user(t, project, ['hotline_agent'], { status: 'disabled' });
    expect((await admin.patch(`/api/org-units/${project.id}`, { version: 1, active: false })).statusCode).toBe(200);
  });
});

describe('moving a subtree', () => {
  it('rewrites every descendant, so users below become visible to the new managers and invisible to the old', async () => {
    const r1 = await orgUnit(t, t.root, 'region');
    const r2 = await orgUnit(t, t.root, 'region');
    const company = await orgUnit(t, r1, 'city_company');
    const project = await orgUnit(t, company, 'project');
    const dept = await orgUnit(t, company, 'department', { departmentKind: 'engineering' });
    const staff = await user(t, project, ['hotline_agent']);
    const m1 = await signedIn(t, r1, ['cr_manager']);
    const m2 = await signedIn(t, r2, ['cr_manager']);
    const below = [company.id, project.id, dept.id];
    const sees = async (api: typeof m1.api) => ({
      units: ((await api.get('/api/org-units')).json().items as { id: string }[]).map((u) => u.id),
      users: ((await api.get('/api/users?limit=200')).json().items as { id: string }[]).map((u) => u.id),
      staff: (await api.get(`/api/users/${staff.id}`)).statusCode,
      project: (await api.get(`/api/org-units/${project.id}`)).statusCode,
    });

    const before1 = await sees(m1.api);
    expect(before1.units).toEqual(expect.arrayContaining(below));
    expect(before1.users).toContain(staff.id);
    expect(before1).toMatchObject({ staff: 200, project: 200 });
    const before2 = await sees(m2.api);
    for (const id of below) expect(before2.units).not.toContain(id);
    expect(before2).toMatchObject({ staff: 404, project: 404 });

    const res = await admin.patch(`/api/org-units/${company.id}`, { version: 1, parentId: r2.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: r2.id, depth: 2, version: 2 });
    for (const id of below) expect((await pathOf(id)).path.startsWith(`${r2.path}${company.id}/`)).toBe(true);
    expect(await pathOf(project.id)).toEqual({ path: `${r2.path}${company.id}/${project.id}/`, depth: 3 });

    const after1 = await sees(m1.api);
    for (const id of below) expect(after1.units).not.toContain(id);
    expect(after1.users).not.toContain(staff.id);
    expect(after1).toMatchObject({ staff: 404, project: 404 });
    const after2 = await sees(m2.api);
    expect(after2.units).toEqual(expect.arrayContaining(below));
    expect(after2.users).toContain(staff.id);
    expect(after2).toMatchObject({ staff: 200, project: 200 });

    const [event] = (await admin.get(`/api/audit-events?entityId=${company.id}&action=org_unit.move`)).json().items;
    expect(event).toMatchObject({ before: { parentId: r1.id }, after: { parentId: r2.id } });
    // The move is visible to the new region's manager, whose subtree the unit now sits in.
    const seen = (await m2.api.get(`/api/audit-events?entityId=${company.id}&action=org_unit.move`)).json().items;
    expect(seen).toHaveLength(1);
  });

  it('moves a city company from a region straight under the group (depth changes for the whole subtree)', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const company = await orgUnit(t, region, 'city_company');
    const project = await orgUnit(t, company, 'project');
    const res = await admin.patch(`/api/org-units/${company.id}`, { version: 1, parentId: t.root.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().depth).toBe(1);
    expect(await pathOf(project.id)).toEqual({ path: `${t.root.path}${company.id}/${project.id}/`, depth: 2 });
    expect((await admin.get(`/api/org-units/${project.id}`)).json().depth).toBe(2);
  });
});
