import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, PASSWORD, roleId, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { type OrgUnitRow, users } from './org.tables.js';

let t: TestApp;
let company: OrgUnitRow;
let project: OrgUnitRow;
let manager: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  ({ company, project } = await cityCompany(t));
  manager = await signedIn(t, company, ['cr_manager']);
});
afterAll(() => t.close());

const uname = () => `sec.${randomUUID().slice(0, 8)}`;
const rowOf = async (id: string) => {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no row');
  return row;
};

describe('permission escalation (403 PERMISSION_ESCALATION)', () => {
  it('a city cr_manager cannot create a user holding system_admin (alone or alongside a lesser role)', async () => {
    const admin = await roleId(t, 'system_admin');
    for (const roleIds of [[admin], [await roleId(t, 'hotline_agent'), admin]]) {
      const username = uname();
      const res = await manager.api.post('/api/users', {
        username,
        displayName: '提权',
        password: 'Good-password-1',
        orgUnitId: project.id,
        roleIds,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('PERMISSION_ESCALATION');
      expect(res.json().details.permissions).toEqual(expect.arrayContaining(['roles.manage', 'tokens.manage']));
      expect(await t.db.select().from(users).where(eq(users.username, username))).toEqual([]);
    }
  });

  it('a city cr_manager cannot give an existing user (or itself) the system_admin role', async () => {
    const target = await user(t, project, ['hotline_agent']);
    const roleIds = [await roleId(t, 'system_admin')];
    for (const id of [target.id, manager.user.id]) {
      const { version } = await rowOf(id);
      const res = await manager.api.patch(`/api/users/${id}`, { version, roleIds });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('PERMISSION_ESCALATION');
      expect((await rowOf(id)).version).toBe(version);
    }
    expect((await manager.api.get('/api/auth/me')).json().roles.map((r: { key: string }) => r.key)).toEqual([
      'cr_manager',
    ]);
  });

  it('a city cr_manager cannot edit, disable or reset the password of a system_admin placed in its subtree', async () => {
    const boss = await user(t, project, ['system_admin']);
    const bossSession = as(t, await login(t, boss.username));
    const patches = [
      { displayName: '被改名' },
      { status: 'disabled' },
      { password: 'Taken-over-pass-1' },
      { roleIds: [await roleId(t, 'hotline_agent')] },
      { unlock: true },
    ];
    for (const patch of patches) {
      const res = await manager.api.patch(`/api/users/${boss.id}`, { version: 1, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(403);
      expect(res.json().code).toBe('PERMISSION_ESCALATION');
    }
    const row = await rowOf(boss.id);
    expect(row).toMatchObject({ version: 1, status: 'active', displayName: boss.displayName });
    expect((await bossSession.get('/api/auth/me')).statusCode).toBe(200);
    await login(t, boss.username, PASSWORD);
    // Reading the admin is fine; only changing it is refused.
    expect((await manager.api.get(`/api/users/${boss.id}`)).statusCode).toBe(200);
  });

  it('a cr_manager may hand out roles it fully holds, including its own', async () => {
    const res = await manager.api.post('/api/users', {
      username: uname(),
      displayName: '同级',
      password: 'Good-password-1',
      orgUnitId: project.id,
      roleIds: [await roleId(t, 'cr_manager'), await roleId(t, 'cr_specialist')],
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('permissions and self-protection', () => {
  it('a user cannot disable itself: 422 CANNOT_DISABLE_SELF, for a manager and for the group admin', async () => {
    const adminSession = await login(t, 'admin', ADMIN_PASSWORD);
    for (const s of [manager.session, adminSession]) {
      const { version } = await rowOf(s.userId);
      const res = await as(t, s).patch(`/api/users/${s.userId}`, { version, status: 'disabled' });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('CANNOT_DISABLE_SELF');
      expect((await rowOf(s.userId)).status).toBe('active');
      expect((await as(t, s).get('/api/auth/me')).statusCode).toBe(200);
    }
  });

  it('users.read without users.manage may list and read, but not create or update: 403 FORBIDDEN', async () => {
    const { api } = await signedIn(t, company, ['executive']);
    const target = await user(t, project, ['hotline_agent']);
    expect((await api.get('/api/users')).statusCode).toBe(200);
    const create = await api.post('/api/users', {
      username: uname(),
      displayName: '只读',
      password: 'Good-password-1',
      orgUnitId: project.id,
      roleIds: [await roleId(t, 'hotline_agent')],
    });
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ code: 'FORBIDDEN', details: { missing: ['users.manage'] } });
    const update = await api.patch(`/api/users/${target.id}`, { version: 1, displayName: '只读改' });
    expect(update.statusCode).toBe(403);
    expect(update.json().code).toBe('FORBIDDEN');
    expect((await rowOf(target.id)).version).toBe(1);
  });

  it('without users.read, listing and reading users is 403 FORBIDDEN', async () => {
    const { api } = await signedIn(t, company, ['hotline_agent']);
    const target = await user(t, project, ['hotline_agent']);
    for (const url of ['/api/users', `/api/users/${target.id}`]) {
      const res = await api.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', details: { missing: ['users.read'] } });
    }
  });
});

describe('phones and secrets never leak', () => {
  it('phones are masked (138****5678) in create, get, list and update responses; no hash anywhere', async () => {
    const created = await manager.api.post('/api/users', {
      username: uname(),
      displayName: '电话',
      password: 'Good-password-1',
      orgUnitId: project.id,
      phone: '13812345678',
      roleIds: [await roleId(t, 'hotline_agent')],
    });
    const id = created.json().id;
    const updated = await manager.api.patch(`/api/users/${id}`, { version: 1, phone: '+8615987654321' });
    const list = await manager.api.get(`/api/users?orgUnitId=${project.id}&limit=200`);
    const get = await manager.api.get(`/api/users/${id}`);
    expect(created.json().phoneMasked).toBe('138****5678');
    expect(updated.json().phoneMasked).toBe('159****4321');
    expect(get.json().phoneMasked).toBe('159****4321');
    expect(list.json().items.find((u: { id: string }) => u.id === id).phoneMasked).toBe('159****4321');
    for (const res of [created, updated, list, get]) {
      for (const secret of ['13812345678', '15987654321', 'passwordHash', '$argon2', 'Good-password-1']) {
        expect(res.body).not.toContain(secret);
      }
      expect(res.body).not.toMatch(/"phone"\s*:/);
    }
    expect((await rowOf(id)).phone).toBe('15987654321');
  });

  it('audit events of create, update, disable and password reset hold masked phones and no password or hash', async () => {
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const created = (
      await admin.post('/api/users', {
        username: uname(),
        displayName: '审计对象',
        password: 'First-password-1',
        orgUnitId: project.id,
        phone: '13612345678',
        roleIds: [await roleId(t, 'hotline_agent')],
      })
    ).json();
    const patches = [
      { displayName: '改名' },
      { password: 'Second-password-2' },
      { status: 'disabled' },
      { status: 'active', phone: '13512345678' },
    ];
    let version = created.version;
    for (const patch of patches) {
      const res = await admin.patch(`/api/users/${created.id}`, { version, ...patch });
      expect(res.statusCode).toBe(200);
      version = res.json().version;
    }
    const events = (await admin.get(`/api/audit-events?entityId=${created.id}`)).json().items as {
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      actorId: string;
      requestId: string | null;
    }[];
    expect(events.map((e) => e.action)).toEqual([
      'user.update',
      'user.disable',
      'user.update',
      'user.update',
      'user.create',
    ]);
    for (const e of events) {
      expect(e.after).not.toBeNull();
      expect(e.requestId).toEqual(expect.any(String));
      if (e.action !== 'user.create') expect(e.before).not.toBeNull();
    }
    expect(events[0]?.before).toMatchObject({ status: 'disabled', phone: '136****5678' });
    expect(events[0]?.after).toMatchObject({ status: 'active', phone: '135****5678' });
    const text = JSON.stringify(events);
    for (const secret of ['First-password-1', 'Second-password-2', '$argon2', '13612345678', '13512345678']) {
      expect(text).not.toContain(secret);
    }
    const hash = (await rowOf(created.id)).passwordHash;
    expect(text).not.toContain(hash);
  });
});

describe('roles are group-wide', () => {
  const roleBody = () => ({ key: `r_${randomUUID().slice(0, 8)}`, nameZh: '角色', nameEn: 'Role', permissions: [] });

  it('a city system_admin (holds roles.manage) may not create or edit roles: 403 OUT_OF_SCOPE', async () => {
    const cityAdmin = await signedIn(t, company, ['system_admin']);
    const create = await cityAdmin.api.post('/api/roles', roleBody());
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('OUT_OF_SCOPE');
    const target = (await cityAdmin.api.get('/api/roles'))
      .json()
      .items.find((r: { key: string }) => r.key === 'hotline_agent');
    const update = await cityAdmin.api.patch(`/api/roles/${target.id}`, {
      version: target.version,
      permissions: [...target.permissions, 'tokens.manage'],
    });
    expect(update.statusCode).toBe(403);
    expect(update.json().code).toBe('OUT_OF_SCOPE');
    const after = (await cityAdmin.api.get('/api/roles')).json().items.find((r: { id: string }) => r.id === target.id);
    expect(after).toEqual(target);
  });

  it('a city cr_manager (no roles.manage) gets 403 FORBIDDEN on role writes', async () => {
    const create = await manager.api.post('/api/roles', roleBody());
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('FORBIDDEN');
    const roleRow = (await manager.api.get('/api/roles')).json().items[0];
    const update = await manager.api.patch(`/api/roles/${roleRow.id}`, { version: roleRow.version, nameEn: 'x' });
    expect(update.statusCode).toBe(403);
    expect(update.json().code).toBe('FORBIDDEN');
  });

  it('a group-level role manager cannot put permissions it lacks into a role', async () => {
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const managerRole = (
      await admin.post('/api/roles', { ...roleBody(), permissions: ['roles.read', 'roles.manage', 'org.read'] })
    ).json();
    const u = await user(t, t.root, []);
    const { version } = await rowOf(u.id);
    await admin.patch(`/api/users/${u.id}`, { version, roleIds: [managerRole.id] });
    const api = as(t, await login(t, u.username));
    const create = await api.post('/api/roles', { ...roleBody(), permissions: ['org.read', 'tokens.manage'] });
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ code: 'PERMISSION_ESCALATION', details: { permissions: ['tokens.manage'] } });
    const own = await api.patch(`/api/roles/${managerRole.id}`, {
      version: managerRole.version,
      permissions: ['roles.read', 'roles.manage', 'org.read', 'users.manage'],
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('PERMISSION_ESCALATION');
    expect((await api.post('/api/roles', { ...roleBody(), permissions: ['org.read'] })).statusCode).toBe(201);
  });
});
