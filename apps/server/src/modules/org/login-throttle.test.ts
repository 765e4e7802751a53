import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, PASSWORD, signedIn, user } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const attempt = (username: string, password: string, from = '127.0.0.1', cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: from,
    ...(cookie ? { headers: { cookie } } : {}),
  });
const deviceCookie = (res: Awaited<ReturnType<typeof attempt>>) =>
  `anju_device=${res.cookies.find((c) => c.name === 'anju_device')?.value}`;

describe('lock-out an attacker cannot aim', () => {
  it('five wrong passwords from one address slow that address down; the real user signs in from another', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 4; i++) {
      const res = await attempt(u.username, 'wrong-password', '198.51.100.7');
      expect([res.statusCode, res.json().code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    }
    const fifth = await attempt(u.username, 'wrong-password', '198.51.100.7');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ code: 'AUTH_LOCKED', details: { retryAfterSeconds: 30 } });
    // the attacker's address is refused even the right password while blocked …
    expect((await attempt(u.username, PASSWORD, '198.51.100.7')).statusCode).toBe(429);
    // … the user, elsewhere, is not
    expect((await attempt(u.username, PASSWORD, '203.0.113.20')).statusCode).toBe(200);
  });

  it('backs off exponentially with each further failure, up to LOGIN_LOCK_MINUTES', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 4; i++) await attempt(u.username, 'wrong-password', '198.51.100.8');
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await attempt(u.username, 'wrong-password', '198.51.100.8');
      expect(res.statusCode).toBe(429);
      const wait = res.json().details.retryAfterSeconds as number;
      waits.push(wait);
      t.clock.advance(wait * 1000);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    t.clock.advance(1000);
    expect((await attempt(u.username, PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  });

  it('answers an unknown user name exactly like a known one at every step', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 7; i++) {
      const known = await attempt(u.username, 'wrong-password', '198.51.100.9');
      const unknown = await attempt('nobody.here', 'wrong-password', '198.51.100.9');
      expect([i, unknown.statusCode, unknown.body]).toEqual([i, known.statusCode, known.body]);
    }
  });

  it('many addresses guessing one name block browsers the user never used, not the user’s own', async () => {
    const u = await user(t, t.root, ['executive']);
    const own = deviceCookie(await attempt(u.username, PASSWORD, '203.0.113.30'));
    for (let i = 0; i < 20; i++) await attempt(u.username, 'wrong-password', `192.0.2.${i + 1}`);
    const stranger = await attempt(u.username, PASSWORD, '203.0.113.31');
    expect([stranger.statusCode, stranger.json().code]).toEqual([429, 'AUTH_LOCKED']);
    expect((await attempt(u.username, PASSWORD, '203.0.113.31', own)).statusCode).toBe(200);
  });

  it('an admin sees the account-wide block and lifts it', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 20; i++) await attempt(u.username, 'wrong-password', `192.0.2.${i + 100}`);
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const current = (await admin.get(`/api/users/${u.id}`)).json();
    expect(current.lockedUntil).not.toBeNull();
    const res = await admin.patch(`/api/users/${u.id}`, { version: current.version, unlock: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    expect((await attempt(u.username, PASSWORD, '203.0.113.40')).statusCode).toBe(200);
  });

  it('records failures and the block in the audit log', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 5; i++) await attempt(u.username, 'wrong-password', '198.51.100.10');
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
