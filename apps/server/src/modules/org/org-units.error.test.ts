import { randomUUID } from 'node:crypto';
import { ALLOWED_PARENTS, ORG_UNIT_TYPES, type OrgUnitType } from '@anju/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, orgUnit, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { type OrgUnitRow, orgUnits } from './org.tables.js';

let t: TestApp;
let admin: ReturnType<typeof as>;
/** One live parent of every type, in a subtree of its own. */
let parents: Record<OrgUnitType, OrgUnitRow>;

beforeAll(async () => {
  t = await createTestApp();
  admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
  const region = await orgUnit(t, t.root, 'region');
  const company = await orgUnit(t, region, 'city_company');
  parents = {
    group: t.root,
    region,
    city_company: company,
    project: await orgUnit(t, company, 'project'),
    department: await orgUnit(t, company, 'department', { departmentKind: 'engineering' }),
    contractor: await orgUnit(t, company, 'contractor'),
  };
});
afterAll(() => t.close());

const code = () => `E-${randomUUID().slice(0, 8)}`;
const rowOf = async (id: string) => {
  const [row] = await t.db.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!row) throw new Error('no unit');
  return row;
};
const unitsCoded = (c: string) => t.db.select().from(orgUnits).where(eq(orgUnits.code, c));
const newUnit = (type: OrgUnitType, parentId: string, c = code()) => ({
  parentId,
  type,
  name: `单位 ${c}`,
  code: c,
  ...(type === 'department' ? { departmentKind: 'engineering' } : {}),
});

describe('create — parent rules (422 ORG_PARENT_INVALID)', () => {
  const disallowed = ORG_UNIT_TYPES.filter((type) => type !== 'group').flatMap((type) =>
    ORG_UNIT_TYPES.filter((p) => !ALLOWED_PARENTS[type].includes(p)).map((parentType) => ({ type, parentType })),
  );

  it('the table of disallowed pairs is not empty and mirrors ALLOWED_PARENTS', () => {
    expect(disallowed.length).toBeGreaterThan(15);
    expect(disallowed).toContainEqual({ type: 'project', parentType: 'region' });
  });

  it.each(disallowed)('a $type under a $parentType → 422, nothing written', async ({ type, parentType }) => {
    const body = newUnit(type, parents[parentType].id);
    const res = await admin.post('/api/org-units', body);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'ORG_PARENT_INVALID', details: { type, parentType } });
    expect(await unitsCoded(body.code)).toEqual([]);
  });

  it('a unit under an inactive parent → 422', async () => {
    const company = await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
    expect((await admin.patch(`/api/org-units/${company.id}`, { version: 1, active: false })).statusCode).toBe(200);
    const body = newUnit('project', company.id);
    const res = await admin.post('/api/org-units', body);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('ORG_PARENT_INVALID');
    expect(await unitsCoded(body.code)).toEqual([]);
  });

  it('an unknown parent → 404 ORG_UNIT_NOT_FOUND', async () => {
    const res = await admin.post('/api/org-units', newUnit('region', randomUUID()));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ORG_UNIT_NOT_FOUND', details: { field: 'parentId' } });
  });
});

describe('create — validation (400)', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a department without departmentKind', { type: 'department', departmentKind: undefined }, 'departmentKind'],
    ['a project with a departmentKind', { type: 'project', departmentKind: 'engineering' }, 'departmentKind'],
    ['an unknown departmentKind', { type: 'department', departmentKind: 'catering' }, 'departmentKind'],
    ['a second group', { type: 'group' }, 'type'],
    ['an unknown type', { type: 'galaxy' }, 'type'],
    ['a code with a space', { code: 'A B' }, 'code'],
    ['a code of 33 characters', { code: 'A'.repeat(33) }, 'code'],
    ['an empty name', { name: ' ' }, 'name'],
    ['a parentId that is not a uuid', { parentId: 'root' }, 'parentId'],
  ];
  it.each(cases)('%s → 400 VALIDATION_FAILED', async (_name, over, field) => {
    const c = code();
    const body = { ...newUnit('project', parents.city_company.id, c), ...over };
    if (over.type === 'department') body.parentId = parents.city_company.id;
    const res = await admin.post('/api/org-units', JSON.parse(JSON.stringify(body)));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toContain(field);
    expect(await unitsCoded(c)).toEqual([]);
  });
});

describe('codes (409 ORG_CODE_TAKEN)', () => {
  it('a sibling already using the code → 409 on create, on rename and on a move next to it', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const other = await orgUnit(t, t.root, 'region');
    const taken = code();
    expect((await admin.post('/api/org-units', newUnit('city_company', region.id, taken))).statusCode).toBe(201);
    const dup = await admin.post('/api/org-units', newUnit('city_company', region.id, taken));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ORG_CODE_TAKEN');

    const sibling = await orgUnit(t, region, 'city_company');
    const rename = await admin.patch(`/api/org-units/${sibling.id}`, { version: 1, code: taken });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().code).toBe('ORG_CODE_TAKEN');

    const cousin = (await admin.post('/api/org-units', newUnit('city_company', other.id, taken))).json();
    const move = await admin.patch(`/api/org-units/${cousin.id}`, { version: 1, parentId: region.id });
    expect(move.statusCode).toBe(409);
    expect(move.json().code).toBe('ORG_CODE_TAKEN');
    expect((await rowOf(cousin.id)).parentId).toBe(other.id);
    expect((await rowOf(sibling.id)).version).toBe(1);
  });
});

describe('moves', () => {
  it('into its own subtree, or under itself → 422 ORG_PARENT_INVALID, and nothing moves', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const company = await orgUnit(t, region, 'city_company');
    const project = await orgUnit(t, company, 'project');
    for (const parentId of [company.id, project.id]) {
      const res = await admin.patch(`/api/org-units/${company.id}`, { version: 1, parentId });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('ORG_PARENT_INVALID');
    }
    // A region moved under its own city company would be a cycle too (and a type error).
    const cycle = await admin.patch(`/api/org-units/${region.id}`, { version: 1, parentId: company.id });
    expect(cycle.statusCode).toBe(422);
    expect(await rowOf(company.id)).toMatchObject({ parentId: region.id, path: company.path, version: 1 });
    expect(await rowOf(project.id)).toMatchObject({ path: project.path });
  });

  it('under a parent of a disallowed type, or an inactive one → 422', async () => {
    const company = await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
    const project = await orgUnit(t, company, 'project');
    for (const parent of [parents.department, parents.project, parents.region, t.root]) {
      const res = await admin.patch(`/api/org-units/${project.id}`, { version: 1, parentId: parent.id });
      expect(res.statusCode, parent.type).toBe(422);
      expect(res.json().code).toBe('ORG_PARENT_INVALID');
    }
    const closed = await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
    await admin.patch(`/api/org-units/${closed.id}`, { version: 1, active: false });
    const res = await admin.patch(`/api/org-units/${project.id}`, { version: 1, parentId: closed.id });
    expect(res.statusCode).toBe(422);
    expect((await rowOf(project.id)).parentId).toBe(company.id);
  });

  it('a manager cannot move its own node or move a unit under a parent outside its scope', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const company = await orgUnit(t, region, 'city_company');
    const project = await orgUnit(t, company, 'project');
    const { api } = await signedIn(t, company, ['system_admin']);
    const own = await api.patch(`/api/org-units/${company.id}`, { version: 1, parentId: t.root.id });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('OUT_OF_SCOPE');
    const away = await api.patch(`/api/org-units/${project.id}`, { version: 1, parentId: parents.city_company.id });
    expect(away.statusCode).toBe(404);
    expect(away.json()).toMatchObject({ code: 'ORG_UNIT_NOT_FOUND', details: { field: 'parentId' } });
    expect((await rowOf(project.id)).parentId).toBe(company.id);
  });
});

describe('deactivation (422 ORG_HAS_ACTIVE_CHILDREN)', () => {
  it('refused while an active child unit exists anywhere below; allowed once they are inactive', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const company = await orgUnit(t, region, 'city_company');
    const project = await orgUnit(t, company, 'project');
    for (const unit of [region, company]) {
      const res = await admin.patch(`/api/org-units/${unit.id}`, { version: 1, active: false });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('ORG_HAS_ACTIVE_CHILDREN');
      expect((await rowOf(unit.id)).active).toBe(true);
    }
    for (const unit of [project, company, region]) {
      expect((await admin.patch(`/api/org-units/${unit.id}`, { version: 1, active: false })).statusCode).toBe(200);
    }
  });

  it('refused while an active user is placed in it or below; allowed once the user is disabled', async () => {
    const company = await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
    const project = await orgUnit(t, company, 'project');
    const staff = await user(t, project, ['hotline_agent']);
    const res = await admin.patch(`/api/org-units/${project.id}`, { version: 1, active: false });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('ORG_HAS_ACTIVE_CHILDREN');
    expect((await admin.patch(`/api/users/${staff.id}`, { version: 1, status: 'disabled' })).statusCode).toBe(200);
    expect((await admin.patch(`/api/org-units/${project.id}`, { version: 1, active: false })).statusCode).toBe(200);
  });

  it('refused while an active user has it as department', async () => {
    const company = await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
    const dept = await orgUnit(t, company, 'department', { departmentKind: 'engineering' });
    const member = await admin.post('/api/users', {
      username: `dept.${randomUUID().slice(0, 8)}`,
      displayName: '部门成员',
      password: 'Good-password-1',
      orgUnitId: company.id,
      departmentId: dept.id,
      roleIds: [(await admin.get('/api/roles')).json().items[0].id],
    });
    expect(member.statusCode).toBe(201);
    const res = await admin.patch(`/api/org-units/${dept.id}`, { version: 1, active: false });
    expect(res.json().code).toBe('ORG_HAS_ACTIVE_CHILDREN');
    expect(res.statusCode).toBe(422);
  });

  it('a manager cannot deactivate its own node: 403 OUT_OF_SCOPE', async () => {
    const company = await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
    const { api } = await signedIn(t, company, ['system_admin']);
    const res = await api.patch(`/api/org-units/${company.id}`, { version: 1, active: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
  });
});

describe('versions and permissions', () => {
  it('a stale version → 409 VERSION_CONFLICT; of two concurrent edits exactly one wins', async () => {
    const region = await orgUnit(t, t.root, 'region');
    await admin.patch(`/api/org-units/${region.id}`, { version: 1, name: '第一' });
    const stale = await admin.patch(`/api/org-units/${region.id}`, { version: 1, name: '过期' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const results = await Promise.all(
      ['甲', '乙'].map((name) => admin.patch(`/api/org-units/${region.id}`, { version: 2, name })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await rowOf(region.id)).toMatchObject({ version: 3 });
  });

  it('org.read without org.manage: reads work, writes are 403 FORBIDDEN; unknown ids are 404', async () => {
    const { api } = await signedIn(t, parents.city_company, ['cr_manager']);
    expect((await api.get(`/api/org-units/${parents.project.id}`)).statusCode).toBe(200);
    const create = await api.post('/api/org-units', newUnit('project', parents.city_company.id));
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ code: 'FORBIDDEN', details: { missing: ['org.manage'] } });
    const update = await api.patch(`/api/org-units/${parents.project.id}`, { version: 1, name: '不许' });
    expect(update.statusCode).toBe(403);
    const missing = await admin.get(`/api/org-units/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORG_UNIT_NOT_FOUND');
  });
});
