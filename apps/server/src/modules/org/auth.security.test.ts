import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, orgUnit, PASSWORD, type Session, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { sessions } from '../../platform/auth/session.tables.js';
import { apiTokens, orgUnits, users } from './org.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const attempt = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const sessionCount = async (userId: string) =>
  (await t.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).length;
const admin = async () => as(t, await login(t, 'admin', ADMIN_PASSWORD));

/** Routes anyone may call without signing in. Adding a public route means adding it here, on purpose. */
const PUBLIC_OPERATIONS = new Set([
  'login',
  'getCallbackLink',
  'answerCallbackLink',
  'showSurveyLink',
  'answerSurveyLink',
  'requestLoginCode',
  'verifyLoginCode',
  'ownerLogout',
  // the club's public join (decisions §45): the places to choose, the SMS code, the join itself
  'listClubJoinPlaces',
  'requestClubJoinCode',
  'joinClubPublic',
]);

describe('sessions end when the account changes', () => {
  it('disabling a user ends every session it already has, at once', async () => {
    const u = await user(t, t.root, ['executive']);
    const first = as(t, await login(t, u.username));
    const second = as(t, await login(t, u.username));
    expect(await sessionCount(u.id)).toBe(2);
    const api = await admin();
    const { version } = (await api.get(`/api/users/${u.id}`)).json();
    const res = await api.patch(`/api/users/${u.id}`, { version, status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect(await sessionCount(u.id)).toBe(0);
    for (const s of [first, second]) {
      const me = await s.get('/api/auth/me');
      expect(me.statusCode).toBe(401);
      expect(me.json().code).toBe('AUTH_SESSION_EXPIRED');
    }
    const events = (await api.get(`/api/audit-events?entityId=${u.id}&action=user.disable`)).json().items;
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ status: 'disabled', endedSessions: 2 });
  });

  it('an admin password reset ends the user’s sessions; the new password works and the old does not', async () => {
    const { user: u, api: victim } = await signedIn(t, t.root, ['executive']);
    const api = await admin();
    const { version } = (await api.get(`/api/users/${u.id}`)).json();
    const res = await api.patch(`/api/users/${u.id}`, { version, password: 'Reset-by-admin-7' });
    expect(res.statusCode).toBe(200);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    expect(await sessionCount(u.id)).toBe(0);
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(401);
    expect((await attempt(u.username, 'Reset-by-admin-7')).statusCode).toBe(200);
  });

  it('changing one’s own password ends the OTHER sessions of the user but keeps the current one', async () => {
    const u = await user(t, t.root, ['executive']);
    const here = await login(t, u.username);
    const elsewhere = await login(t, u.username);
    const bystander = await signedIn(t, t.root, ['executive']);
    const res = await as(t, here).post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Changed-myself-3',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await as(t, here).get('/api/auth/me')).statusCode).toBe(200);
    expect((await as(t, elsewhere).get('/api/auth/me')).statusCode).toBe(401);
    expect((await bystander.api.get('/api/auth/me')).statusCode).toBe(200);
    expect(await sessionCount(u.id)).toBe(1);
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(401);
    expect((await attempt(u.username, 'Changed-myself-3')).statusCode).toBe(200);
    const events = (await (await admin()).get(`/api/audit-events?entityId=${u.id}&action=user.password_change`)).json();
    expect(events.items).toHaveLength(1);
    expect(events.items[0].after).toEqual({ endedSessions: 1 });
    expect(events.items[0].actorId).toBe(u.id);
  });
});

describe('CSRF', () => {
  type Write = { name: string; method: 'POST' | 'PATCH' | 'DELETE'; url: () => string; payload?: object };
  let s: Session;
  let target: { id: string; version: number; displayName: string };
  let tokenId: string;
  let unitCode: string;

  beforeAll(async () => {
    s = await login(t, 'admin', ADMIN_PASSWORD);
    const u = await user(t, t.root, ['executive']);
    target = (await as(t, s).get(`/api/users/${u.id}`)).json();
    const token = await as(t, s).post('/api/api-tokens', {
      name: 'csrf probe',
      permissions: ['org.read'],
      orgUnitId: t.root.id,
    });
    tokenId = token.json().id;
    unitCode = `CSRF-${randomUUID().slice(0, 8)}`;
  });

  const writes: Write[] = [
    {
      name: 'create org unit',
      method: 'POST',
      url: () => '/api/org-units',
      payload: { parentId: '', type: 'region', name: '伪造区域', code: '' },
    },
    { name: 'update user', method: 'PATCH', url: () => `/api/users/${target.id}`, payload: {} },
    { name: 'revoke token', method: 'DELETE', url: () => `/api/api-tokens/${tokenId}` },
    {
      name: 'change password',
      method: 'POST',
      url: () => '/api/auth/password',
      payload: { currentPassword: ADMIN_PASSWORD, newPassword: 'Forged-password-1' },
    },
    { name: 'logout', method: 'POST', url: () => '/api/auth/logout', payload: {} },
  ];
  const payloadOf = (w: Write) => {
    if (w.name === 'create org unit') return { ...w.payload, parentId: t.root.id, code: unitCode };
    if (w.name === 'update user') return { version: target.version, displayName: '被篡改' };
    return w.payload;
  };

  it.each(writes)('refuses "$name" with no, a wrong or another session’s x-csrf-token: 403', async (w) => {
    const other = await login(t, 'admin', ADMIN_PASSWORD);
    const variants: Record<string, string>[] = [
      { cookie: s.cookie },
      { cookie: s.cookie, 'x-csrf-token': 'forged' },
      { cookie: s.cookie, 'x-csrf-token': '' },
      { cookie: s.cookie, 'x-csrf-token': other.csrf },
      { cookie: s.cookie, 'x-csrf-token': `${s.csrf}x` },
    ];
    for (const headers of variants) {
      const payload = payloadOf(w);
      const res = await t.app.inject({
        method: w.method,
        url: w.url(),
        headers,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    }
    // Nothing was written: no unit, no user change, the token lives, the password and the session stand.
    expect(await t.db.select().from(orgUnits).where(eq(orgUnits.code, unitCode))).toEqual([]);
    const [row] = await t.db.select().from(users).where(eq(users.id, target.id));
    expect(row?.displayName).toBe(target.displayName);
    expect(row?.version).toBe(target.version);
    const [token] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(token?.revokedAt).toBeNull();
    expect((await as(t, s).get('/api/auth/me')).statusCode).toBe(200);
    expect((await attempt('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('the right x-csrf-token lets the same write through', async () => {
    const res = await as(t, s).post('/api/org-units', {
      parentId: t.root.id,
      type: 'region',
      name: '合法区域',
      code: `OK-${randomUUID().slice(0, 8)}`,
    });
    expect(res.statusCode).toBe(201);
  });

  it('GET needs no CSRF header', async () => {
    for (const url of ['/api/auth/me', '/api/org-units', '/api/users', '/api/roles', '/api/audit-events']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
      expect(res.statusCode, url).toBe(200);
    }
  });
});

describe('authentication is required', () => {
  it('every non-public /api route in the OpenAPI document answers 401 without credentials (owner routes: OWNER_AUTH_REQUIRED)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op: op.operationId })))
      .filter((r) => !PUBLIC_OPERATIONS.has(r.op));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const r of routes) {
      const url = r.path.replace(/\{[^}]+\}/g, randomUUID());
      const method = r.method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
      const res = await t.app.inject({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      const expected = r.path.startsWith('/api/portal/') ? 'OWNER_AUTH_REQUIRED' : 'AUTH_REQUIRED';
      expect(res.json().code, `${method} ${url}`).toBe(expected);
    }
  });

  it('an unknown /api path without credentials answers 401 too, so route names are not revealed', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.app.inject({ method, url: '/api/does-not-exist' });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_REQUIRED');
    }
  });

  it('a tampered, unknown or logged-out session cookie answers 401 and writes nothing', async () => {
    const s = await login(t, 'admin', ADMIN_PASSWORD);
    const value = s.cookie.slice('anju_sid='.length);
    const flipped = `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;
    const ended = await login(t, 'admin', ADMIN_PASSWORD);
    await as(t, ended).post('/api/auth/logout');
    for (const cookie of [`anju_sid=${flipped}`, 'anju_sid=tampered', `anju_sid=${value}${value}`, ended.cookie]) {
      const get = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(get.statusCode, cookie).toBe(401);
      expect(get.json().code).toBe('AUTH_SESSION_EXPIRED');
      const code = `TAMP-${randomUUID().slice(0, 8)}`;
      const post = await t.app.inject({
        method: 'POST',
        url: '/api/org-units',
        headers: { cookie, 'x-csrf-token': s.csrf },
        payload: { parentId: t.root.id, type: 'region', name: '篡改', code },
      });
      expect(post.statusCode).toBe(401);
      expect(await t.db.select().from(orgUnits).where(eq(orgUnits.code, code))).toEqual([]);
    }
  });

  it('an unknown bearer token answers 401 AUTH_TOKEN_INVALID', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer anju_not-a-real-token' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_TOKEN_INVALID');
  });
});

describe('sign-in audit trail', () => {
  it('writes auth.login, auth.login_failed and auth.locked, never with the password tried', async () => {
    const region = await orgUnit(t, t.root, 'region');
    const u = await user(t, region, ['executive']);
    await login(t, u.username);
    for (let i = 0; i < 5; i++) await attempt(u.username, `Secret-guess-${i}`);
    const api = await admin();
    const events = (await api.get(`/api/audit-events?entityId=${u.id}`)).json().items as {
      action: string;
      actorId: string | null;
      entityType: string;
      after: { username: string; failures?: number };
    }[];
    expect(events.map((e) => e.action)).toEqual([
      'auth.locked',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login',
    ]);
    expect(events.map((e) => e.after.failures)).toEqual([5, 4, 3, 2, 1, undefined]);
    for (const e of events) {
      expect(e.entityType).toBe('user');
      expect(e.actorId).toBeNull();
      expect(e.after.username).toBe(u.username);
    }
    expect(JSON.stringify(events)).not.toContain('Secret-guess');
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    // The events about a user are in that user's subtree: a reader placed in the region sees them too.
    const reader = await signedIn(t, region, ['executive']);
    const seen = (await reader.api.get(`/api/audit-events?entityId=${u.id}`)).json().items;
    expect(seen).toHaveLength(6);
  });

  it('records a failed sign-in for an unknown user name at group level, without the password', async () => {
    const name = `ghost.${randomUUID().slice(0, 8)}`;
    await attempt(name, 'Ghost-password-1');
    const api = await admin();
    const events = (await api.get('/api/audit-events?action=auth.login_failed&limit=200')).json().items as {
      entityId: string | null;
      after: { username: string; reason?: string };
    }[];
    const mine = events.filter((e) => e.after.username === name);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entityId: null, after: { reason: 'unknown user' } });
    expect(JSON.stringify(mine)).not.toContain('Ghost-password-1');
  });
});
