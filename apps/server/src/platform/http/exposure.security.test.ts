import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';

/** Headers every answer carries, and what /metrics and the API documentation show to whom. */
describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sets CSP with frame-ancestors none, nosniff and a referrer policy; no HSTS outside production', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('marks API answers no-store (they carry personal data)', async () => {
    const admin = await login(t, 'admin', ADMIN_PASSWORD);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const refused = await t.app.inject({ method: 'GET', url: '/api/customers' });
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: 'production',
      exposure: { metricsAllow: ['127.0.0.1'], metricsToken: 'metrics-token-0123456789', apiDocs: 'staff' },
    });
  });
  afterAll(() => t.close());

  it('sends HSTS', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
  });

  it('refuses /metrics to an anonymous caller from elsewhere, answers the allowed address and the token', async () => {
    const away = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect([away.statusCode, away.json().code]).toEqual([403, 'FORBIDDEN']);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.statusCode).toBe(403);
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    const token = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(token.statusCode).toBe(200);
    expect(token.body).toContain('anju_http_request_duration_seconds');
  });

  it('shows /docs and /openapi.json to signed-in staff only', async () => {
    for (const url of ['/openapi.json', '/docs/']) {
      const anonymous = await t.app.inject({ method: 'GET', url });
      expect([url, anonymous.statusCode]).toEqual([url, 401]);
    }
    const admin = await login(t, 'admin', ADMIN_PASSWORD);
    const doc = await t.app.inject({ method: 'GET', url: '/openapi.json', headers: { cookie: admin.cookie } });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
  });
});
