import { randomUUID } from 'node:crypto';
import { API_TOKEN_PREFIX } from '@anju/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  cityCompany,
  customRoleUser,
  login,
  orgUnit,
  roleId,
  signedIn,
  user,
  withToken,
} from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { keyedHash } from '../../platform/auth/secrets.js';
import { apiTokens, orgUnits, users } from './org.tables.js';

let t: TestApp;
let admin: ReturnType<typeof as>;
beforeAll(async () => {
  t = await createTestApp();
  admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
});
afterAll(() => t.close());

type Created = { id: string; token: string; prefix: string; permissions: string[]; expiresAt: string | null };
async function mint(api: ReturnType<typeof as>, body: Record<string, unknown>): Promise<Created> {
  const res = await api.post('/api/api-tokens', { name: 'integration', ...body });
  if (res.statusCode !== 201) throw new Error(`mint: ${res.statusCode} ${res.body}`);
  return res.json();
}
const tokenRow = async (id: string) => {
  const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
  if (!row) throw new Error('no token row');
  return row;
};

describe('creating and listing', () => {
  it('returns the secret once (anju_…); lists never show it; the database holds only a keyed hash', async () => {
    const { company } = await cityCompany(t);
    const res = await admin.post('/api/api-tokens', {
      name: 'CRM 同步',
      permissions: ['org.read', 'users.read', 'org.read'],
      orgUnitId: company.id,
      expiresInDays: 30,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      name: 'CRM 同步',
      prefix: created.token.slice(0, API_TOKEN_PREFIX.length + 6),
      permissions: ['org.read', 'users.read'],
      orgUnitId: company.id,
      orgUnitName: company.name,
      createdBy: 'admin',
      expiresAt: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
      createdAt: t.clock.now().toISOString(),
      token: expect.stringMatching(/^anju_[\w-]{30,}$/),
    });

    const list = await admin.get('/api/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token);
    const listed = list.json().items.find((x: { id: string }) => x.id === created.id);
    const { token: _secret, ...withoutSecret } = created;
    expect(listed).toEqual(withoutSecret);
    expect(listed).not.toHaveProperty('token');

    const row = await tokenRow(created.id);
    expect(row.tokenHash).not.toBe(created.token);
    expect(row.tokenHash).not.toContain(created.token.slice(API_TOKEN_PREFIX.length));
    expect(row.tokenHash).toBe(keyedHash(t.config.sessionSecret, created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const events = (await admin.get(`/api/audit-events?entityId=${created.id}`)).json();
    expect(events.items).toMatchObject([{ action: 'api_token.create', after: { prefix: created.prefix } }]);
    expect(JSON.stringify(events)).not.toContain(created.token);
  });

  it('two tokens never share a secret', async () => {
    const a = await mint(admin, { permissions: ['org.read'], orgUnitId: t.root.id });
    const b = await mint(admin, { permissions: ['org.read'], orgUnitId: t.root.id });
    expect(a.token).not.toBe(b.token);
  });

  it('validation: no permissions, unknown permission or a bad expiry → 400 VALIDATION_FAILED', async () => {
    for (const body of [
      { permissions: [], orgUnitId: t.root.id },
      { permissions: ['everything'], orgUnitId: t.root.id },
      { permissions: ['org.read'], orgUnitId: t.root.id, expiresInDays: 0 },
      { permissions: ['org.read'], orgUnitId: 'root' },
    ]) {
      const res = await admin.post('/api/api-tokens', { name: 'x', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('using a token', () => {
  it('authenticates as a Bearer token (authenticatedBy "token") and needs no CSRF header for writes', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const { id, token } = await mint(admin, { permissions: ['org.read', 'org.manage'], orgUnitId: region.id });
    const api = withToken(t, token);
    const me = await api.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'admin', authenticatedBy: 'token', csrfToken: null });
    expect(me.json().permissions).toEqual(['org.manage', 'org.read']);
    const created = await api.post('/api/org-units', {
      parentId: region.id,
      type: 'city_company',
      name: '令牌公司',
      code: 'TOK',
    });
    expect(created.statusCode).toBe(201);
    const [event] = (await admin.get(`/api/audit-events?entityId=${created.json().id}`)).json().items;
    expect(event.actorName).toContain('admin');
    expect((await tokenRow(id)).lastUsedAt?.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('can do only what its permissions allow: 403 FORBIDDEN outside them, nothing written', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const target = await user(t, region, ['hotline_agent']);
    const api = withToken(t, (await mint(admin, { permissions: ['org.read'], orgUnitId: region.id })).token);
    expect((await api.get('/api/org-units')).statusCode).toBe(200);
    const attempts = [
      await api.get('/api/users'),
      await api.get('/api/audit-events'),
      await api.get('/api/api-tokens'),
      await api.post('/api/org-units', { parentId: region.id, type: 'city_company', name: '不许', code: 'NOPE' }),
      await api.patch(`/api/users/${target.id}`, { version: 1, displayName: '不许' }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect(await t.db.select().from(orgUnits).where(eq(orgUnits.code, 'NOPE'))).toEqual([]);
    const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
    expect(row?.version).toBe(1);
  });

  it('cannot mint tokens or change a password, even holding tokens.manage', async () => {
    const api = withToken(
      t,
      (await mint(admin, { permissions: ['tokens.manage', 'org.read'], orgUnitId: t.root.id })).token,
    );
    expect((await api.get('/api/api-tokens')).statusCode).toBe(200);
    const res = await api.post('/api/api-tokens', { name: 'child', permissions: ['org.read'], orgUnitId: t.root.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const pw = await api.post('/api/auth/password', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'Hijacked-pass-1',
    });
    expect(pw.statusCode).toBe(403);
    await login(t, 'admin', ADMIN_PASSWORD);
  });

  it('its scope is its org node, not its creator’s: it lists only that subtree', async () => {
    const a = await cityCompany(t);
    const b = await cityCompany(t);
    const staffA = await user(t, a.project, ['hotline_agent']);
    const staffB = await user(t, b.project, ['hotline_agent']);
    const api = withToken(
      t,
      (await mint(admin, { permissions: ['org.read', 'users.read'], orgUnitId: a.company.id })).token,
    );
    const units = (await api.get('/api/org-units')).json().items.map((u: { id: string }) => u.id);
    expect(units.sort()).toEqual([a.company.id, a.project.id].sort());
    const seen = (await api.get('/api/users?limit=200')).json().items.map((u: { id: string }) => u.id);
    expect(seen).toEqual([staffA.id]);
    for (const url of [`/api/users/${staffB.id}`, `/api/org-units/${b.company.id}`, `/api/org-units/${a.region.id}`]) {
      expect((await api.get(url)).statusCode, url).toBe(404);
    }
  });
});

describe('tokens stop working', () => {
  it('when revoked (DELETE): 401 AUTH_TOKEN_INVALID; revoking twice is harmless; an unknown id is 404', async () => {
    const created = await mint(admin, { permissions: ['org.read'], orgUnitId: t.root.id });
    const api = withToken(t, created.token);
    expect((await api.get('/api/org-units')).statusCode).toBe(200);
    const res = await admin.delete(`/api/api-tokens/${created.id}`);
    expect(res.statusCode).toBe(200);
    const after = await api.get('/api/org-units');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('AUTH_TOKEN_INVALID');
    expect((await admin.delete(`/api/api-tokens/${created.id}`)).statusCode).toBe(200);
    const listed = (await admin.get('/api/api-tokens')).json().items.find((x: { id: string }) => x.id === created.id);
    expect(listed.revokedAt).toBe(t.clock.now().toISOString());
    const events = (await admin.get(`/api/audit-events?entityId=${created.id}&action=api_token.revoke`)).json().items;
    expect(events).toHaveLength(1);
    const missing = await admin.delete(`/api/api-tokens/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('API_TOKEN_NOT_FOUND');
  });

  it('when expired (the clock passes expiresAt): 401 AUTH_TOKEN_INVALID', async () => {
    const created = await mint(admin, { permissions: ['org.read'], orgUnitId: t.root.id, expiresInDays: 1 });
    const forever = await mint(admin, { permissions: ['org.read'], orgUnitId: t.root.id, expiresInDays: null });
    expect(forever.expiresAt).toBeNull();
    const api = withToken(t, created.token);
    t.clock.advance(86_400_000 - 1000);
    expect((await api.get('/api/org-units')).statusCode).toBe(200);
    t.clock.advance(1000);
    const res = await api.get('/api/org-units');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_TOKEN_INVALID');
    t.clock.advance(3650 * 86_400_000);
    expect((await withToken(t, forever.token).get('/api/org-units')).statusCode).toBe(200);
    admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
  });

  it('when its creator is disabled, or loses the permission the token uses', async () => {
    const company = await orgUnit(t, await orgUnit(t, t.root, 'region'), 'city_company');
    const owner = await signedIn(t, company, ['system_admin']);
    const created = await mint(owner.api, { permissions: ['org.read', 'users.read'], orgUnitId: company.id });
    const api = withToken(t, created.token);
    expect((await api.get('/api/users')).statusCode).toBe(200);

    await admin.patch(`/api/users/${owner.user.id}`, { version: 1, roleIds: [await roleId(t, 'department_staff')] });
    expect((await api.get('/api/org-units')).statusCode).toBe(200);
    expect((await api.get('/api/users')).statusCode).toBe(403);

    await admin.patch(`/api/users/${owner.user.id}`, { version: 2, status: 'disabled' });
    const res = await api.get('/api/org-units');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_TOKEN_INVALID');
  });
});

describe('creating — refusals', () => {
  it('cannot grant permissions its creator lacks: 403 PERMISSION_ESCALATION, nothing written', async () => {
    const { api } = await customRoleUser(t, admin, {
      key: `minter_${randomUUID().slice(0, 6)}`,
      nameZh: '令牌管理',
      nameEn: 'Token minter',
      permissions: ['tokens.manage', 'org.read'],
    });
    const before = (await api.get('/api/api-tokens')).json().items.length;
    const res = await api.post('/api/api-tokens', {
      name: 'too much',
      permissions: ['org.read', 'users.manage'],
      orgUnitId: t.root.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'PERMISSION_ESCALATION', details: { permissions: ['users.manage'] } });
    expect((await api.get('/api/api-tokens')).json().items.length).toBe(before);
    expect(
      (await api.post('/api/api-tokens', { name: 'ok', permissions: ['org.read'], orgUnitId: t.root.id })).statusCode,
    ).toBe(201);
  });

  it('cannot create a token for a node outside its scope (404 ORG_UNIT_NOT_FOUND); needs tokens.manage (403)', async () => {
    const a = await cityCompany(t);
    const b = await cityCompany(t);
    const cityAdmin = await signedIn(t, a.company, ['system_admin']);
    for (const orgUnitId of [b.company.id, a.region.id, t.root.id, randomUUID()]) {
      const res = await cityAdmin.api.post('/api/api-tokens', { name: 'x', permissions: ['org.read'], orgUnitId });
      expect(res.statusCode, orgUnitId).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ORG_UNIT_NOT_FOUND', details: { field: 'orgUnitId' } });
    }
    expect((await cityAdmin.api.get('/api/api-tokens')).json().items).toEqual([]);
    const manager = await signedIn(t, a.company, ['cr_manager']);
    for (const res of [
      await manager.api.get('/api/api-tokens'),
      await manager.api.post('/api/api-tokens', { name: 'x', permissions: ['org.read'], orgUnitId: a.company.id }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });
});
