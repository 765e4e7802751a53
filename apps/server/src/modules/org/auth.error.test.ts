import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signedIn, user } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { sessions } from '../../platform/auth/session.tables.js';
import { users } from './org.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const attempt = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

const userRow = async (id: string) => {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('user vanished');
  return row;
};

const sessionCount = async (userId: string) =>
  (await t.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).length;

describe('login — errors', () => {
  it('a wrong password answers 401 AUTH_INVALID_CREDENTIALS with no details and no cookie', async () => {
    const u = await user(t, t.root, ['executive']);
    const res = await attempt(u.username, 'Wrong-password-1');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(res.cookies.find((c) => c.name === 'anju_sid')).toBeUndefined();
    expect(await sessionCount(u.id)).toBe(0);
  });

  it('an unknown user gets the same status and the very same body as a wrong password', async () => {
    const u = await user(t, t.root, ['executive']);
    const wrong = await attempt(u.username, 'Wrong-password-1');
    const unknown = await attempt('no.such.user', 'Wrong-password-1');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.statusCode).toBe(401);
  });

  it('rejects a malformed login body with 400 VALIDATION_FAILED', async () => {
    for (const payload of [{ username: '', password: 'x' }, { username: 'admin' }, { password: 'x' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('five wrong passwords in a row from one address: four 401s, then 429 AUTH_LOCKED with when to retry', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 4; i++) {
      const res = await attempt(u.username, `Wrong-password-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const fifth = await attempt(u.username, 'Wrong-password-5');
    expect(fifth.statusCode).toBe(429);
    const lockedUntil = new Date(t.clock.now().getTime() + 30_000).toISOString();
    expect(fifth.json()).toEqual({
      code: 'AUTH_LOCKED',
      message: expect.any(String),
      details: { lockedUntil, retryAfterSeconds: 30 },
    });

    const right = await attempt(u.username, PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.cookies.find((c) => c.name === 'anju_sid')).toBeUndefined();
    expect(await sessionCount(u.id)).toBe(0);

    // one second before the block ends it still holds; then the right password works and the count starts afresh
    t.clock.advance(29_000);
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(429);
    t.clock.advance(1000);
    const ok = await attempt(u.username, PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect((await userRow(u.id)).lastLoginAt?.toISOString()).toBe(t.clock.now().toISOString());
    for (let i = 0; i < 4; i++) expect((await attempt(u.username, 'Wrong-password-1')).statusCode).toBe(401);
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(200);
  });

  it('a successful login in between resets the count, so failures must be in a row', async () => {
    const u = await user(t, t.root, ['executive']);
    for (let i = 0; i < 4; i++) await attempt(u.username, 'Wrong-password-1');
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(u.username, 'Wrong-password-1')).statusCode).toBe(401);
  });

  it('parallel wrong passwords never answer 500: only 401 or 429, and the account ends up locked', async () => {
    const u = await user(t, t.root, ['executive']);
    const results = await Promise.all(Array.from({ length: 7 }, () => attempt(u.username, 'Wrong-password-1')));
    const codes = results.map((r) => `${r.statusCode} ${r.json().code}`);
    for (const c of codes) expect(['401 AUTH_INVALID_CREDENTIALS', '429 AUTH_LOCKED']).toContain(c);
    expect(codes.filter((c) => c.startsWith('401'))).toHaveLength(4);
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(429);
  });

  it('a disabled user cannot log in, even with the right password, and gets no session', async () => {
    const u = await user(t, t.root, ['executive'], { status: 'disabled' });
    const res = await attempt(u.username, PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH_USER_DISABLED');
    expect(res.cookies.find((c) => c.name === 'anju_sid')).toBeUndefined();
    expect(await sessionCount(u.id)).toBe(0);
    // A wrong password still answers like any wrong password.
    expect((await attempt(u.username, 'Wrong-password-1')).json().code).toBe('AUTH_INVALID_CREDENTIALS');
  });
});

describe('change own password — errors', () => {
  it('rejects a wrong current password with 400 AUTH_WRONG_PASSWORD and keeps the old password', async () => {
    const { user: u, api } = await signedIn(t, t.root, ['executive']);
    const res = await api.post('/api/auth/password', {
      currentPassword: 'Not-my-password-1',
      newPassword: 'Brand-new-pass-9',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('AUTH_WRONG_PASSWORD');
    expect((await attempt(u.username, 'Brand-new-pass-9')).statusCode).toBe(401);
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(200);
  });

  it('rejects a weak new password with 400 VALIDATION_FAILED naming the field', async () => {
    const { user: u, api } = await signedIn(t, t.root, ['executive']);
    for (const newPassword of ['short1', 'no-digits-at-all', '1234567890123', 'x'.repeat(129)]) {
      const res = await api.post('/api/auth/password', { currentPassword: PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().details)).toContain('newPassword');
    }
    expect((await attempt(u.username, PASSWORD)).statusCode).toBe(200);
  });
});
