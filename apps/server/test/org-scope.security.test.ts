import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnitRow } from '../src/modules/org/org.tables.js';
import { as, cityCompany, login, orgUnit, type Session, user } from './factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from './harness.js';

/**
 * The scope rule of the platform: a user placed in one city company never receives an org unit, user, token or
 * audit event of another, through any route. Two companies are built through the real API, so their audit
 * trails are real too.
 */
type City = {
  company: OrgUnitRow;
  project: OrgUnitRow;
  manager: Session;
  admin: Session;
  staffId: string;
  tokenId: string;
  deptId: string;
};

let t: TestApp;
let a: City;
let b: City;
let group: Session;

async function buildCity(label: string): Promise<City> {
  const { company, project } = await cityCompany(t);
  const managerRow = await user(t, company, ['cr_manager']);
  const adminRow = await user(t, company, ['system_admin']);
  const manager = await login(t, managerRow.username);
  const admin = await login(t, adminRow.username);
  const api = as(t, admin);
  const dept = await api.post('/api/org-units', {
    parentId: company.id,
    type: 'department',
    departmentKind: 'engineering',
    name: `${label} 工程部`,
    code: `ENG-${label}`,
  });
  expect(dept.statusCode).toBe(201);
  const roles = (await api.get('/api/roles')).json().items as { id: string; key: string }[];
  const staff = await api.post('/api/users', {
    username: `staff.${label.toLowerCase()}${Date.now().toString(36)}`,
    displayName: `${label}员工`,
    password: 'Staff-password-1',
    orgUnitId: project.id,
    departmentId: dept.json().id,
    roleIds: [roles.find((r) => r.key === 'department_staff')?.id],
  });
  expect(staff.statusCode).toBe(201);
  const token = await api.post('/api/api-tokens', {
    name: `${label} token`,
    permissions: ['org.read'],
    orgUnitId: company.id,
  });
  expect(token.statusCode).toBe(201);
  return {
    company,
    project,
    manager,
    admin,
    staffId: staff.json().id,
    tokenId: token.json().id,
    deptId: dept.json().id,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  a = await buildCity('A');
  b = await buildCity('B');
  group = await login(t, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

/** Every list route with the query strings that could be abused to reach the other company. */
const listRoutes = (other: City) => [
  { url: '/api/org-units', ids: (body: ListBody) => body.items.map((i) => i.id) },
  { url: '/api/org-units?includeInactive=true', ids: (body: ListBody) => body.items.map((i) => i.id) },
  {
    url: `/api/org-units?parentId=${other.company.id}`,
    ids: (body: ListBody) => body.items.map((i) => i.id),
    mayBeEmpty: true,
  },
  { url: '/api/users?limit=200', ids: (body: ListBody) => body.items.map((i) => i.id) },
  {
    url: `/api/users?orgUnitId=${other.project.id}`,
    ids: (body: ListBody) => body.items.map((i) => i.id),
    mayBeEmpty: true,
  },
  { url: '/api/users?roleKey=department_staff', ids: (body: ListBody) => body.items.map((i) => i.id) },
  { url: '/api/audit-events?limit=200', ids: (body: ListBody) => body.items.map((i) => i.entityId) },
  {
    url: `/api/audit-events?entityId=${other.staffId}`,
    ids: (body: ListBody) => body.items.map((i) => i.entityId),
    mayBeEmpty: true,
  },
];
type ListBody = { items: { id: string; entityId?: string }[] };

const foreignIds = (other: City) => [other.company.id, other.project.id, other.staffId, other.tokenId, other.deptId];

describe.each([
  ['A', () => a, () => b],
  ['B', () => b, () => a],
])('a user of city company %s', (_label, own, other) => {
  it('gets nothing of the other company from any list route, and something of its own', async () => {
    for (const session of [own().manager, own().admin]) {
      for (const route of listRoutes(other())) {
        const res = await as(t, session).get(route.url);
        expect(res.statusCode, route.url).toBe(200);
        const ids = route.ids(res.json() as ListBody);
        for (const id of foreignIds(other())) expect(ids, route.url).not.toContain(id);
        if (!route.mayBeEmpty) expect(ids.length, `${route.url} returned nothing at all`).toBeGreaterThan(0);
      }
    }
  });

  it('gets 404 for the other company’s records on every get route', async () => {
    const api = as(t, own().admin);
    for (const url of [
      `/api/org-units/${other().company.id}`,
      `/api/org-units/${other().project.id}`,
      `/api/users/${other().staffId}`,
    ]) {
      const res = await api.get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('cannot change the other company’s records, and nothing is written', async () => {
    const api = as(t, own().admin);
    const before = (await as(t, group).get(`/api/users/${other().staffId}`)).json();
    const attempts = [
      await api.patch(`/api/users/${other().staffId}`, { version: before.version, displayName: '入侵者' }),
      await api.patch(`/api/org-units/${other().project.id}`, { version: 1, name: '入侵' }),
      await api.post('/api/org-units', { parentId: other().company.id, type: 'project', name: '入侵项目', code: 'X1' }),
      await api.post('/api/users', {
        username: 'intruder.user',
        displayName: '入侵者',
        password: 'Intruder-pass-1',
        orgUnitId: other().company.id,
        roleIds: [before.roles[0].id],
      }),
      await api.post('/api/api-tokens', { name: 'x', permissions: ['org.read'], orgUnitId: other().company.id }),
      await api.delete(`/api/api-tokens/${other().tokenId}`),
    ];
    for (const res of attempts) expect(res.statusCode, res.body).toBe(404);
    const after = (await as(t, group).get(`/api/users/${other().staffId}`)).json();
    expect(after.displayName).toBe(before.displayName);
    expect(after.version).toBe(before.version);
    const tokens = (await as(t, group).get('/api/api-tokens')).json().items as {
      id: string;
      revokedAt: string | null;
    }[];
    expect(tokens.find((x) => x.id === other().tokenId)?.revokedAt).toBeNull();
  });

  it('lists only its own API tokens', async () => {
    const ids = ((await as(t, own().admin).get('/api/api-tokens')).json().items as { id: string }[]).map((x) => x.id);
    expect(ids).toContain(own().tokenId);
    expect(ids).not.toContain(other().tokenId);
  });

  it('an API token of the company sees the same subtree as its creator', async () => {
    const res = await as(t, own().admin).post('/api/api-tokens', {
      name: 'reader',
      permissions: ['org.read'],
      orgUnitId: own().company.id,
    });
    const token = res.json().token as string;
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/org-units',
      headers: { authorization: `Bearer ${token}` },
    });
    const ids = (list.json().items as { id: string }[]).map((x) => x.id);
    expect(ids).toContain(own().project.id);
    expect(ids).not.toContain(other().company.id);
  });
});

it('a group-level user sees both companies', async () => {
  const units = ((await as(t, group).get('/api/org-units')).json().items as { id: string }[]).map((x) => x.id);
  expect(units).toEqual(expect.arrayContaining([a.company.id, b.company.id, a.project.id, b.project.id]));
  const users = ((await as(t, group).get('/api/users?limit=200')).json().items as { id: string }[]).map((x) => x.id);
  expect(users).toEqual(expect.arrayContaining([a.staffId, b.staffId]));
  const events = ((await as(t, group).get('/api/audit-events?limit=200')).json().items as { entityId: string }[]).map(
    (x) => x.entityId,
  );
  expect(events).toEqual(expect.arrayContaining([a.staffId, b.staffId]));
});

it('a project-level user sees only its project, not its company siblings', async () => {
  const sibling = await orgUnit(t, a.company, 'project');
  const projectUser = await user(t, a.project, ['cr_manager']);
  const api = as(t, await login(t, projectUser.username));
  const ids = ((await api.get('/api/org-units')).json().items as { id: string }[]).map((x) => x.id);
  expect(ids).toEqual([a.project.id]);
  expect((await api.get(`/api/org-units/${sibling.id}`)).statusCode).toBe(404);
  expect((await api.get(`/api/org-units/${a.company.id}`)).statusCode).toBe(404);
});
