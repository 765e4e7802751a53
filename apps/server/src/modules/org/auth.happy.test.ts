import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('auth — happy paths', () => {
  it('admin signs in with ANJU_ADMIN_PASSWORD and gets a session cookie, csrf token and all permissions', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'anju_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.username).toBe('admin');
    expect(me.orgUnit.type).toBe('group');
    expect(me.permissions).toContain('users.manage');
    expect(me.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('getMe returns the signed-in user; logout ends the session', async () => {
    const s = await login(t, 'admin', ADMIN_PASSWORD);
    const api = as(t, s);
    expect((await api.get('/api/auth/me')).json().username).toBe('admin');
    expect((await api.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await api.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('a session expires after the idle limit and after the absolute limit', async () => {
    const { api } = await signedIn(t, t.root, ['executive']);
    expect((await api.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await api.get('/api/auth/me')).json().code).toBe('AUTH_SESSION_EXPIRED');

    const second = await signedIn(t, t.root, ['executive']);
    for (let i = 0; i < 24; i++) {
      t.clock.advance(29 * 60_000);
      expect((await second.api.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(29 * 60_000);
    expect((await second.api.get('/api/auth/me')).statusCode).toBe(401);
  });
});
