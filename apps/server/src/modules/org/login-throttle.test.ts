import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, PASSWORD, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { users } from './org.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const attempt = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login throttling and lock-out', () => {
  it('locks after five wrong passwords in a row: 401 ×4, then 429 AUTH_LOCKED, never 500', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 4; i++) {
      const res = await attempt(u.username, 'wrong-password');
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const fifth = await attempt(u.username, 'wrong-password');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ code: 'AUTH_LOCKED' });
    // Even the right password is refused during the lock.
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(429);
    t.clock.advance(15 * 60_000 + 1);
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(200);
    const [row] = await t.db.select().from(users).where(eq(users.id, u.id));
    expect(row?.failedLoginCount).toBe(0);
    expect(row?.lockedUntil).toBeNull();
  });

  it('after a lock runs out, one wrong password does not lock again: the count starts afresh', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 5; i++) await attempt(u.username, 'wrong-password');
    t.clock.advance(15 * 60_000 + 1);
    const next = await attempt(u.username, 'wrong-password');
    expect(next.statusCode).toBe(401);
    expect(next.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    for (let i = 0; i < 3; i++) expect((await attempt(u.username, 'wrong-password')).statusCode).toBe(401);
    expect((await attempt(u.username, 'wrong-password')).statusCode).toBe(429);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await attempt('nobody.here', 'whatever-1');
    const u = await user(t, t.root, ['executive']);
    const wrong = await attempt(u.username, 'whatever-1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('an admin can unlock a locked user', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 5; i++) await attempt(u.username, 'wrong-password');
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const current = (await admin.get(`/api/users/${u.id}`)).json();
    expect(current.lockedUntil).not.toBeNull();
    const res = await admin.patch(`/api/users/${u.id}`, { version: current.version, unlock: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(200);
  });

  it('records failures and the lock in the audit log', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 5; i++) await attempt(u.username, 'wrong-password');
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const events = (await admin.get(`/api/audit-events?entityId=${u.id}`)).json().items as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(['auth.locked', ...Array(4).fill('auth.login_failed')]);
  });
});

describe('session security', () => {
  it('disabling a user ends the sessions it already has', async () => {
    const victim = await signedIn(t, t.root, ['executive']);
    expect((await victim.api.get('/api/auth/me')).statusCode).toBe(200);
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const current = (await admin.get(`/api/users/${victim.user.id}`)).json();
    expect(
      (await admin.patch(`/api/users/${victim.user.id}`, { version: current.version, status: 'disabled' })).statusCode,
    ).toBe(200);
    expect((await victim.api.get('/api/auth/me')).statusCode).toBe(401);
    expect((await attempt(victim.user.username, PASSWORD)).json().code).toBe('AUTH_USER_DISABLED');
  });

  it('refuses a cookie-authenticated write without the CSRF header, and writes nothing', async () => {
    const s = await login(t, 'admin', ADMIN_PASSWORD);
    const before = (await as(t, s).get('/api/org-units')).json().items.length;
    for (const headers of [{ cookie: s.cookie }, { cookie: s.cookie, 'x-csrf-token': 'forged' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/org-units',
        headers,
        payload: { parentId: t.root.id, type: 'region', name: '伪造区域', code: 'FORGED' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    }
    expect((await as(t, s).get('/api/org-units')).json().items.length).toBe(before);
  });

  it('refuses every non-public route without credentials, and a tampered cookie', async () => {
    for (const url of [
      '/api/auth/me',
      '/api/org-units',
      '/api/users',
      '/api/roles',
      '/api/api-tokens',
      '/api/audit-events',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('AUTH_REQUIRED');
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'anju_sid=tampered' } });
    expect(res.statusCode).toBe(401);
  });

  it('changing one’s own password ends the other sessions but keeps this one', async () => {
    const u = await user(t, t.root, ['executive']);
    const here = await login(t, u.username);
    const elsewhere = await login(t, u.username);
    const wrong = await as(t, here).post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Another-pass-2',
    });
    expect(wrong.json().code).toBe('AUTH_WRONG_PASSWORD');
    const weak = await as(t, here).post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('VALIDATION_FAILED');
    const ok = await as(t, here).post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Another-pass-2',
    });
    expect(ok.statusCode).toBe(200);
    expect((await as(t, here).get('/api/auth/me')).statusCode).toBe(200);
    expect((await as(t, elsewhere).get('/api/auth/me')).statusCode).toBe(401);
    expect((await attempt(u.username, 'Another-pass-2')).statusCode).toBe(200);
  });
});
