import { randomUUID } from 'node:crypto';
import { BUILTIN_ROLES } from '@anju/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, as, cityCompany, login, orgUnit, roleId, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const uname = (prefix = 'user') => `${prefix}.${randomUUID().slice(0, 8)}`;
type UserBody = { id: string; username: string; version: number; roles: { key: string }[] } & Record<string, unknown>;

describe('users — create, get, update', () => {
  it('a city manager creates a user in its subtree; the response is the presented user with a masked phone', async () => {
    const { company, project } = await cityCompany(t);
    const dept = await orgUnit(t, company, 'department', { departmentKind: 'customer_relations' });
    const { api } = await signedIn(t, company, ['cr_manager']);
    const username = uname('li.si');
    const res = await api.post('/api/users', {
      username,
      displayName: '李四',
      password: 'Good-password-1',
      orgUnitId: project.id,
      departmentId: dept.id,
      email: 'li.si@example.com',
      phone: '+86 138-1234-5678',
      roleIds: [await roleId(t, 'cr_specialist'), await roleId(t, 'hotline_agent')],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      username,
      displayName: '李四',
      orgUnitId: project.id,
      orgUnitName: project.name,
      departmentId: dept.id,
      departmentName: dept.name,
      email: 'li.si@example.com',
      phoneMasked: '138****5678',
      status: 'active',
      roles: [expect.objectContaining({ key: 'cr_specialist' }), expect.objectContaining({ key: 'hotline_agent' })],
      lockedUntil: null,
      lastLoginAt: null,
      version: 1,
      createdAt: t.clock.now().toISOString(),
      updatedAt: t.clock.now().toISOString(),
    });
    expect((await api.get(`/api/users/${created.id}`)).json()).toEqual(created);
    // The new user can sign in with the password it was given.
    const me = (await as(t, await login(t, username, 'Good-password-1')).get('/api/auth/me')).json();
    expect(me.orgUnit.id).toBe(project.id);
    expect(me.permissions).toContain('customers.manage');
  });

  it('a user may take a department of the group as well as of its own company', async () => {
    const { project } = await cityCompany(t);
    const groupDept = await orgUnit(t, t.root, 'department', { departmentKind: 'design' });
    const api = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const res = await api.post('/api/users', {
      username: uname(),
      displayName: '王五',
      password: 'Good-password-1',
      orgUnitId: project.id,
      departmentId: groupDept.id,
      roleIds: [await roleId(t, 'department_staff')],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().departmentName).toBe(groupDept.name);
  });

  it('updates display name, contact, roles, placement and status; the version goes up by one each time', async () => {
    const { company, project } = await cityCompany(t);
    const { api } = await signedIn(t, company, ['cr_manager']);
    const target = await user(t, company, ['hotline_agent']);
    let current = (await api.get(`/api/users/${target.id}`)).json() as UserBody;
    expect(current.version).toBe(1);
    const steps: Record<string, unknown>[] = [
      { displayName: '赵六' },
      { email: 'zhao@example.com', phone: '13912345678' },
      { roleIds: [await roleId(t, 'cr_specialist')] },
      { orgUnitId: project.id },
      { status: 'disabled' },
      { status: 'active', email: null, phone: null },
    ];
    for (const step of steps) {
      t.clock.advance(1000);
      const res = await api.patch(`/api/users/${target.id}`, { version: current.version, ...step });
      expect(res.statusCode, JSON.stringify(step)).toBe(200);
      const next = res.json() as UserBody;
      expect(next.version).toBe(current.version + 1);
      expect(next.updatedAt).toBe(t.clock.now().toISOString());
      current = next;
    }
    expect(current).toMatchObject({
      displayName: '赵六',
      email: null,
      phoneMasked: null,
      orgUnitId: project.id,
      status: 'active',
      roles: [expect.objectContaining({ key: 'cr_specialist' })],
    });
    expect((await api.get(`/api/users/${target.id}`)).json()).toEqual(current);
  });

  it('an admin unlocks a locked user and resets its password in one edit', async () => {
    const target = await user(t, t.root, ['executive']);
    // guesses from many addresses block the account for browsers it never signed in from
    for (let i = 0; i < 20; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: target.username, password: 'Wrong-password-1' },
        remoteAddress: `192.0.2.${i + 1}`,
      });
    }
    const api = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const locked = (await api.get(`/api/users/${target.id}`)).json();
    expect(locked.lockedUntil).not.toBeNull();
    const res = await api.patch(`/api/users/${target.id}`, {
      version: locked.version,
      unlock: true,
      password: 'Fresh-password-2',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    await login(t, target.username, 'Fresh-password-2');
  });
});

describe('users — listing', () => {
  it('walks every user of a subtree with limit 3: sorted, no duplicates, no gaps, and nothing from outside', async () => {
    const { company, project } = await cityCompany(t);
    const outsider = await user(t, (await cityCompany(t)).company, ['executive']);
    const { user: manager, api } = await signedIn(t, company, ['cr_manager']);
    const made = [manager];
    for (let i = 0; i < 7; i++) made.push(await user(t, i % 2 ? company : project, ['hotline_agent']));
    const expected = made.map((u) => u.username).sort();

    const { items, pages } = await allPages<UserBody>(api, '/api/users?limit=3');
    const names = items.map((u) => u.username);
    expect(pages).toEqual([3, 3, 2]);
    expect(names).toEqual(expected);
    expect(new Set(items.map((u) => u.id)).size).toBe(items.length);
    expect(items.map((u) => u.id)).not.toContain(outsider.id);

    // Every page size walks the same set.
    for (const limit of [1, 2, 7, 8, 200]) {
      expect((await allPages<UserBody>(api, `/api/users?limit=${limit}`)).items.map((u) => u.username)).toEqual(
        expected,
      );
    }
  });

  it('a page ending exactly at the last user has no next cursor', async () => {
    const { company } = await cityCompany(t);
    const { api } = await signedIn(t, company, ['cr_manager']);
    await user(t, company, ['hotline_agent']);
    const res = (await api.get('/api/users?limit=2')).json();
    expect(res.items).toHaveLength(2);
    expect(res.nextCursor).toBeNull();
  });

  it('filters by q (user name or display name), roleKey, status and orgUnitId, and combines them', async () => {
    const { company, project } = await cityCompany(t);
    const { user: manager, api } = await signedIn(t, company, ['cr_manager']);
    const tag = randomUUID().slice(0, 6);
    const agent = await user(t, project, ['hotline_agent'], { username: `agent.${tag}` });
    const disabled = await user(t, project, ['hotline_agent'], { status: 'disabled' });
    const specialist = await user(t, company, ['cr_specialist']);
    const ids = async (query: string) =>
      ((await allPages<UserBody>(api, `/api/users?${query}`)).items.map((u) => u.id) as string[]).sort();
    const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();

    expect(await ids(`q=${tag}`)).toEqual([agent.id]);
    expect(await ids(`q=${tag.toUpperCase()}`)).toEqual([agent.id]);
    expect(await ids(`q=${encodeURIComponent('测试用户')}`)).toEqual(sorted(manager, agent, disabled, specialist));
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids('roleKey=hotline_agent')).toEqual(sorted(agent, disabled));
    expect(await ids('roleKey=cr_manager')).toEqual([manager.id]);
    expect(await ids('roleKey=no_such_role')).toEqual([]);
    expect(await ids('status=disabled')).toEqual([disabled.id]);
    expect(await ids('status=active')).toEqual(sorted(manager, agent, specialist));
    expect(await ids(`orgUnitId=${project.id}`)).toEqual(sorted(agent, disabled));
    expect(await ids(`orgUnitId=${company.id}`)).toEqual(sorted(manager, specialist));
    expect(await ids(`orgUnitId=${project.id}&status=active&roleKey=hotline_agent`)).toEqual([agent.id]);
  });
});

describe('users — audit', () => {
  it('create and update write user.create / user.update with before and after, and never a password or hash', async () => {
    const { company } = await cityCompany(t);
    const { api, user: manager } = await signedIn(t, company, ['cr_manager']);
    const created = (
      await api.post('/api/users', {
        username: uname(),
        displayName: '审计',
        password: 'Audit-password-1',
        orgUnitId: company.id,
        phone: '13712345678',
        roleIds: [await roleId(t, 'hotline_agent')],
      })
    ).json();
    const updated = await api.patch(`/api/users/${created.id}`, {
      version: created.version,
      displayName: '审计二',
      password: 'Audit-password-2',
    });
    expect(updated.statusCode).toBe(200);
    const events = (await api.get(`/api/audit-events?entityId=${created.id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['user.update', 'user.create']);
    const [update, create] = events;
    expect(create).toMatchObject({
      actorId: manager.id,
      entityType: 'user',
      before: null,
      after: { username: created.username, displayName: '审计', phone: '137****5678', roles: ['hotline_agent'] },
    });
    expect(update.before).toMatchObject({ displayName: '审计' });
    expect(update.after).toMatchObject({ displayName: '审计二', passwordReset: true, endedSessions: 0 });
    const text = JSON.stringify(events);
    for (const secret of ['Audit-password-1', 'Audit-password-2', '$argon2', '13712345678']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('roles', () => {
  it('lists every built-in role with its permissions', async () => {
    const { api } = await signedIn(t, (await cityCompany(t)).company, ['cr_manager']);
    const res = await api.get('/api/roles');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { key: string; builtin: boolean; permissions: string[] }[];
    expect(items.filter((r) => r.builtin).map((r) => r.key)).toEqual(expect.arrayContaining([...BUILTIN_ROLES]));
    expect(items.find((r) => r.key === 'cr_manager')?.permissions).toContain('users.manage');
  });

  it('a group-level admin creates and updates a role; both are audited', async () => {
    const api = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const key = `auditor_${randomUUID().slice(0, 6)}`;
    const res = await api.post('/api/roles', {
      key,
      nameZh: '审计员',
      nameEn: 'Auditor',
      permissions: ['audit.read', 'org.read', 'audit.read'],
    });
    expect(res.statusCode).toBe(201);
    const role = res.json();
    expect(role).toEqual({
      id: expect.any(String),
      key,
      nameZh: '审计员',
      nameEn: 'Auditor',
      builtin: false,
      permissions: ['audit.read', 'org.read'],
      version: 1,
    });
    const upd = await api.patch(`/api/roles/${role.id}`, {
      version: 1,
      nameEn: 'Auditor II',
      permissions: ['org.read'],
    });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ key, nameEn: 'Auditor II', permissions: ['org.read'], version: 2 });
    const listed = (await api.get('/api/roles')).json().items.find((r: { id: string }) => r.id === role.id);
    expect(listed).toEqual(upd.json());
    const events = (await api.get(`/api/audit-events?entityId=${role.id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['role.update', 'role.create']);
    expect(events[0].before).toMatchObject({ nameEn: 'Auditor' });
    expect(events[0].after).toMatchObject({ nameEn: 'Auditor II' });
  });

  it('a user given a new role gets exactly its permissions on the next request', async () => {
    const api = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const role = (
      await api.post('/api/roles', {
        key: `reader_${randomUUID().slice(0, 6)}`,
        nameZh: '只读',
        nameEn: 'Reader',
        permissions: ['org.read'],
      })
    ).json();
    const target = await user(t, t.root, ['executive']);
    const session = as(t, await login(t, target.username));
    const { version } = (await api.get(`/api/users/${target.id}`)).json();
    expect((await api.patch(`/api/users/${target.id}`, { version, roleIds: [role.id] })).statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).json().permissions).toEqual(['org.read']);
    expect((await session.get('/api/users')).statusCode).toBe(403);
  });
});
