import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, customRoleUser, login, orgUnit, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: ReturnType<typeof as>;
beforeAll(async () => {
  t = await createTestApp();
  admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
});
afterAll(() => t.close());

// Session principals are cached for a few seconds (decisions.md §18); writes in this process must show at once.
describe('a live session sees changes to what it may do at once', () => {
  it('a role taken away from the user', async () => {
    const { user: u, api } = await signedIn(t, t.root, ['repair_coordinator', 'club_staff']);
    expect((await api.get('/api/tickets')).statusCode).toBe(200);
    const { version } = (await admin.get(`/api/users/${u.id}`)).json();
    const club = (await admin.get('/api/roles')).json().items.find((r: { key: string }) => r.key === 'club_staff');
    expect((await admin.patch(`/api/users/${u.id}`, { version, roleIds: [club.id] })).statusCode).toBe(200);
    expect((await api.get('/api/tickets')).json().code).toBe('FORBIDDEN');
  });

  it('a permission taken out of a role the user holds', async () => {
    const { role, api } = await customRoleUser(t, admin, {
      key: `reader_${randomUUID().slice(0, 6)}`,
      nameZh: '组织查看',
      nameEn: 'Org reader',
      permissions: ['org.read', 'users.read'],
    });
    expect((await api.get('/api/users')).statusCode).toBe(200);
    const res = await admin.patch(`/api/roles/${role.id}`, { version: role.version, permissions: ['org.read'] });
    expect(res.statusCode).toBe(200);
    expect((await api.get('/api/users')).json().code).toBe('FORBIDDEN');
    expect((await api.get('/api/auth/me')).json().permissions).toEqual(['org.read']);
  });

  it('the user moved to another node, and that node renamed', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const other = await orgUnit(t, t.root, 'region');
    const { user: u, api } = await signedIn(t, region, ['executive']);
    expect((await api.get('/api/auth/me')).json().orgUnit.id).toBe(region.id);
    const { version } = (await admin.get(`/api/users/${u.id}`)).json();
    expect((await admin.patch(`/api/users/${u.id}`, { version, orgUnitId: other.id })).statusCode).toBe(200);
    expect((await api.get('/api/auth/me')).json().orgUnit.id).toBe(other.id);
    expect((await admin.patch(`/api/org-units/${other.id}`, { version: 1, name: '新名称' })).statusCode).toBe(200);
    expect((await api.get('/api/auth/me')).json().orgUnit.name).toBe('新名称');
  });
});
