import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, user } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { type OrgUnitRow, users } from './org.tables.js';
import type { OrgDirectory } from './org-directory.js';

let t: TestApp;
let dir: OrgDirectory;
let place: { region: OrgUnitRow; company: OrgUnitRow; project: OrgUnitRow };
let lone: { company: OrgUnitRow; project: OrgUnitRow };
let dept: OrgUnitRow;

beforeAll(async () => {
  t = await createTestApp();
  dir = t.services.org.directory;
  place = await cityCompany(t);
  const company = await orgUnit(t, t.root, 'city_company', { name: '直属城市公司' });
  lone = { company, project: await orgUnit(t, company, 'project') };
  dept = await orgUnit(t, place.company, 'department', { departmentKind: 'engineering' });
});
afterAll(() => t.close());

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('OrgDirectory', () => {
  it('reads a node and several nodes by id, with names', async () => {
    expect(await dir.node(dept.id)).toEqual({
      id: dept.id,
      type: 'department',
      name: dept.name,
      code: dept.code,
      path: dept.path,
      parentId: place.company.id,
      departmentKind: 'engineering',
      active: true,
    });
    expect(await dir.node('00000000-0000-0000-0000-000000000001')).toBeNull();
    const many = await dir.nodes([place.project.id, place.company.id, null, place.project.id]);
    expect([...many.keys()].sort()).toEqual([place.company.id, place.project.id].sort());
    expect(many.get(place.project.id)).toMatchObject({ type: 'project', path: place.project.path });
    expect((await dir.names([place.region.id])).get(place.region.id)).toBe(place.region.name);
    expect((await dir.nodes([])).size).toBe(0);
  });

  it('finds the city company and the region of a node, by id, path or node', async () => {
    expect((await dir.companyOf(place.project.id))?.id).toBe(place.company.id);
    expect((await dir.companyOf(place.project.path))?.id).toBe(place.company.id);
    expect((await dir.companyOf(place.company))?.id).toBe(place.company.id);
    expect((await dir.companyOf(place.region.id))?.id).toBeUndefined();
    expect((await dir.regionOf(place.project.id))?.id).toBe(place.region.id);
    expect((await dir.regionOf(dept.path))?.id).toBe(place.region.id);
    expect(await dir.regionOf(lone.project.id)).toBeNull();
    expect((await dir.chain(place.project.id)).map((n) => n.type)).toEqual([
      'group',
      'region',
      'city_company',
      'project',
    ]);
  });

  it('lists active users holding a role at or under a node, or at it only, and department members', async () => {
    const atCompany = await user(t, place.company, ['cr_manager']);
    const atProject = await user(t, place.project, ['cr_manager', 'cr_specialist']);
    await user(t, place.project, ['hotline_agent']);
    await user(t, place.company, ['cr_manager'], { status: 'disabled' });
    const engineer = await user(t, place.project, ['cr_specialist']);
    await t.db.update(users).set({ departmentId: dept.id }).where(eq(users.id, engineer.id));

    const under = await dir.usersWithRoles(place.company.id, ['cr_manager', 'cr_specialist']);
    expect(idsOf(under)).toEqual(idsOf([atCompany, atProject, engineer]));
    expect(under.find((u) => u.id === atProject.id)?.roles).toEqual(['cr_manager', 'cr_specialist']);
    expect(idsOf(await dir.usersWithRoles(place.company.path, ['cr_manager'], { under: false }))).toEqual(
      idsOf([atCompany]),
    );
    expect(idsOf(await dir.usersWithRoles([dept.id], ['cr_specialist'], { under: false }))).toEqual(idsOf([engineer]));
    expect(await dir.usersWithRoles(place.company.id, [])).toEqual([]);
    const named = await dir.users([atProject.id, engineer.id, null]);
    expect(named.find((u) => u.id === engineer.id)).toMatchObject({
      orgUnitId: place.project.id,
      departmentId: dept.id,
      roles: ['cr_specialist'],
    });
  });

  it('gives the escalation target of each ladder level, the region falling to the group without one', async () => {
    const root = t.root.id;
    expect((await dir.escalationTargets(place.project.path, 'project'))?.id).toBe(place.project.id);
    expect((await dir.escalationTargets(place.project.path, 'city_company'))?.id).toBe(place.company.id);
    expect((await dir.escalationTargets(place.project.path, 'region'))?.id).toBe(place.region.id);
    expect((await dir.escalationTargets(place.project.path, 'group'))?.id).toBe(root);
    expect((await dir.escalationTargets(place.company.path, 'project'))?.id).toBe(place.company.id);
    expect((await dir.escalationTargets(lone.project.path, 'region'))?.id).toBe(root);
    const many = await dir.escalationTargetsMany([place.project.path, lone.project.path]);
    expect(many.get(lone.project.path)?.city_company?.id).toBe(lone.company.id);
    expect(many.get(place.project.path)?.region?.id).toBe(place.region.id);
  });

  it('lists the contractors serving a city company, its own and the group-wide ones, active only', async () => {
    const own = await orgUnit(t, place.company, 'contractor');
    const groupWide = await orgUnit(t, t.root, 'contractor');
    const elsewhere = await orgUnit(t, lone.company, 'contractor');
    const found = idsOf(await dir.contractors(place.company.path));
    expect(found).toEqual(expect.arrayContaining([own.id, groupWide.id]));
    expect(found).not.toContain(elsewhere.id);
    expect((await dir.contractors(place.company.path)).every((c) => c.type === 'contractor' && c.active)).toBe(true);
  });

  it('reads inside a caller’s transaction', async () => {
    const inside = await t.db.transaction(async (tx) => dir.with(tx).companyOf(place.project.id));
    expect(inside?.id).toBe(place.company.id);
  });
});
