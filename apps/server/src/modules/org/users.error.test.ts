import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, orgUnit, roleId, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import type { OrgUnitRow } from './org.tables.js';
import { users } from './org.tables.js';

let t: TestApp;
let company: OrgUnitRow;
let project: OrgUnitRow;
let api: ReturnType<typeof as>;
let hotline: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ company, project } = await cityCompany(t));
  ({ api } = await signedIn(t, company, ['cr_manager']));
  hotline = await roleId(t, 'hotline_agent');
});
afterAll(() => t.close());

const uname = () => `err.${randomUUID().slice(0, 8)}`;
const valid = (over: Record<string, unknown> = {}) => ({
  username: uname(),
  displayName: '错误测试',
  password: 'Good-password-1',
  orgUnitId: project.id,
  roleIds: [hotline],
  ...over,
});
const usersNamed = (username: string) => t.db.select().from(users).where(eq(users.username, username));

async function expectNotCreated(body: { username: string }) {
  expect(await usersNamed(body.username)).toEqual([]);
}

describe('create user — validation (400)', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['upper-case user name', { username: 'Zhang.San' }, 'username'],
    ['too short user name', { username: 'ab' }, 'username'],
    ['user name starting with a digit', { username: '1abc' }, 'username'],
    ['user name with a space', { username: 'zhang san' }, 'username'],
    ['user name of 33 characters', { username: `a${'b'.repeat(32)}` }, 'username'],
    ['password shorter than 10', { password: 'Short-1' }, 'password'],
    ['password without a digit', { password: 'No-digits-here' }, 'password'],
    ['password without a letter', { password: '1234567890-' }, 'password'],
    ['mobile with 10 digits', { phone: '1381234567' }, 'phone'],
    ['mobile starting 12', { phone: '12812345678' }, 'phone'],
    ['landline', { phone: '010-12345678' }, 'phone'],
    ['bad e-mail', { email: 'not-an-email' }, 'email'],
    ['no roles', { roleIds: [] }, 'roleIds'],
    ['role id not a uuid', { roleIds: ['admin'] }, 'roleIds'],
    ['org unit id not a uuid', { orgUnitId: 'root' }, 'orgUnitId'],
    ['empty display name', { displayName: '   ' }, 'displayName'],
    ['display name over 20 characters', { displayName: '长'.repeat(21) }, 'displayName'],
  ];
  it.each(cases)('%s → 400 VALIDATION_FAILED naming the field, nothing written', async (_name, over, field) => {
    const body = valid(over);
    const res = await api.post('/api/users', body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.any(Array) });
    expect(JSON.stringify(res.json().details)).toContain(field);
    await expectNotCreated(body as { username: string });
  });

  it('accepts +86 and dashes in a mobile number and stores it normalised', async () => {
    const res = await api.post('/api/users', valid({ phone: '+86 139-1234-5678' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().phoneMasked).toBe('139****5678');
  });
});

describe('create user — references', () => {
  it('an unknown role id → 404 ROLE_NOT_FOUND, nothing written', async () => {
    const body = valid({ roleIds: [hotline, randomUUID()] });
    const res = await api.post('/api/users', body);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROLE_NOT_FOUND', details: { field: 'roleIds' } });
    await expectNotCreated(body);
  });

  it('an org unit outside the caller’s scope, or unknown → 404 ORG_UNIT_NOT_FOUND, nothing written', async () => {
    const other = await cityCompany(t);
    for (const orgUnitId of [other.project.id, other.company.id, t.root.id, randomUUID()]) {
      const body = valid({ orgUnitId });
      const res = await api.post('/api/users', body);
      expect(res.statusCode, orgUnitId).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ORG_UNIT_NOT_FOUND', details: { field: 'orgUnitId' } });
      await expectNotCreated(body);
    }
  });

  it('placing a user in a department or an inactive unit → 422 ORG_PARENT_INVALID', async () => {
    const dept = await orgUnit(t, company, 'department', { departmentKind: 'engineering' });
    const closed = await orgUnit(t, company, 'project');
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    expect((await admin.patch(`/api/org-units/${closed.id}`, { version: 1, active: false })).statusCode).toBe(200);
    for (const orgUnitId of [dept.id, closed.id]) {
      const body = valid({ orgUnitId });
      const res = await api.post('/api/users', body);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('ORG_PARENT_INVALID');
      await expectNotCreated(body);
    }
  });

  it('a duplicate user name → 409 USERNAME_TAKEN, whoever holds it and wherever', async () => {
    const elsewhere = await user(t, (await cityCompany(t)).company, ['executive']);
    for (const username of [elsewhere.username, 'admin']) {
      const res = await api.post('/api/users', valid({ username }));
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('USERNAME_TAKEN');
    }
    expect(await usersNamed(elsewhere.username)).toHaveLength(1);
  });
});

describe('departments (422 DEPARTMENT_INVALID)', () => {
  it('must be a department of the user’s company or of the group', async () => {
    const other = await cityCompany(t);
    const otherDept = await orgUnit(t, other.company, 'department', { departmentKind: 'engineering' });
    const closedDept = await orgUnit(t, company, 'department', { departmentKind: 'design' });
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    await admin.patch(`/api/org-units/${closedDept.id}`, { version: 1, active: false });
    for (const departmentId of [otherDept.id, project.id, company.id, closedDept.id, randomUUID()]) {
      const body = valid({ departmentId });
      const res = await api.post('/api/users', body);
      expect(res.statusCode, departmentId).toBe(422);
      expect(res.json()).toMatchObject({ code: 'DEPARTMENT_INVALID', details: { field: 'departmentId' } });
      await expectNotCreated(body);
    }
  });

  it('moving a user to another company re-checks the department it keeps', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const c1 = await orgUnit(t, region, 'city_company');
    const c2 = await orgUnit(t, region, 'city_company');
    const dept = await orgUnit(t, c1, 'department', { departmentKind: 'engineering' });
    const { api: regional } = await signedIn(t, region, ['cr_manager']);
    const created = (await regional.post('/api/users', valid({ orgUnitId: c1.id, departmentId: dept.id }))).json();
    const res = await regional.patch(`/api/users/${created.id}`, { version: created.version, orgUnitId: c2.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DEPARTMENT_INVALID');
    const ok = await regional.patch(`/api/users/${created.id}`, {
      version: created.version,
      orgUnitId: c2.id,
      departmentId: null,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ orgUnitId: c2.id, departmentId: null, version: created.version + 1 });
  });
});

describe('update user — errors', () => {
  it('an unknown user → 404 USER_NOT_FOUND on get and patch; a bad id → 400', async () => {
    const id = randomUUID();
    expect((await api.get(`/api/users/${id}`)).json().code).toBe('USER_NOT_FOUND');
    const res = await api.patch(`/api/users/${id}`, { version: 1, displayName: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('USER_NOT_FOUND');
    const bad = await api.get('/api/users/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('a stale version → 409 VERSION_CONFLICT and nothing written', async () => {
    const target = await user(t, project, ['hotline_agent']);
    expect((await api.patch(`/api/users/${target.id}`, { version: 1, displayName: '第一' })).statusCode).toBe(200);
    for (const version of [1, 0, 99]) {
      const res = await api.patch(`/api/users/${target.id}`, { version, displayName: '过期' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('VERSION_CONFLICT');
    }
    const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ displayName: '第一', version: 2 });
  });

  it('two concurrent PATCHes with the same version: exactly one 200 and one 409', async () => {
    for (let round = 0; round < 3; round++) {
      const target = await user(t, project, ['hotline_agent']);
      const results = await Promise.all([
        api.patch(`/api/users/${target.id}`, { version: 1, displayName: '甲' }),
        api.patch(`/api/users/${target.id}`, { version: 1, displayName: '乙', roleIds: [hotline] }),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)?.json();
      const loser = results.find((r) => r.statusCode === 409)?.json();
      expect(loser.code).toBe('VERSION_CONFLICT');
      const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
      expect(row).toMatchObject({ displayName: winner.displayName, version: 2 });
      const events = (await api.get(`/api/audit-events?entityId=${target.id}`)).json().items;
      expect(events).toHaveLength(1);
    }
  });

  it('validation on update: missing version, weak password, bad mobile, empty roles, unknown status → 400', async () => {
    const target = await user(t, project, ['hotline_agent']);
    const patches: Record<string, unknown>[] = [{ displayName: '无版本' }, { password: 'weak' }, { phone: '12345' }];
    patches.push({ roleIds: [] }, { status: 'deleted' }, { version: '1' });
    for (const [i, patch] of patches.entries()) {
      const res = await api.patch(`/api/users/${target.id}`, i === 0 || i === 5 ? patch : { version: 1, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const res = await api.patch(`/api/users/${target.id}`, { version: 1, roleIds: [randomUUID()] });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROLE_NOT_FOUND');
    const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
    expect(row?.version).toBe(1);
  });
});

describe('roles — errors', () => {
  it('a role key already taken → 409 ROLE_KEY_TAKEN; a bad key → 400', async () => {
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    for (const key of ['cr_manager', 'system_admin']) {
      const res = await admin.post('/api/roles', { key, nameZh: '重复', nameEn: 'Dup', permissions: [] });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ROLE_KEY_TAKEN');
    }
    for (const key of ['Bad-Key', 'ab', '1abc']) {
      const res = await admin.post('/api/roles', { key, nameZh: '坏', nameEn: 'Bad', permissions: [] });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const unknownPermission = await admin.post('/api/roles', {
      key: 'fine_key',
      nameZh: '坏',
      nameEn: 'Bad',
      permissions: ['everything'],
    });
    expect(unknownPermission.statusCode).toBe(400);
  });

  it('update: unknown role → 404 ROLE_NOT_FOUND; stale version → 409 VERSION_CONFLICT', async () => {
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const missing = await admin.patch(`/api/roles/${randomUUID()}`, { version: 1, nameEn: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ROLE_NOT_FOUND');
    const role = (
      await admin.post('/api/roles', {
        key: `r_${randomUUID().slice(0, 6)}`,
        nameZh: '版本',
        nameEn: 'Versioned',
        permissions: ['org.read'],
      })
    ).json();
    expect((await admin.patch(`/api/roles/${role.id}`, { version: 1, nameEn: 'v2' })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/roles/${role.id}`, { version: 1, nameEn: 'v3' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });
});
