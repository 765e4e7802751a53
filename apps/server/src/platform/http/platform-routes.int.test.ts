import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('is OpenAPI 3 with a unique camelCase operationId on every operation, including the contract names', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    const contract = ['login', 'logout', 'getMe', 'listOrgUnits', 'createOrgUnit', 'updateOrgUnit', 'listUsers'];
    contract.push('createUser', 'updateUser', 'listRoles', 'createApiToken', 'listAuditEvents');
    expect(ids).toEqual(expect.arrayContaining(contract));
  });

  it('serves the docs UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('health, readiness and metrics', () => {
  it('answers /healthz and /readyz with migrations current', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ database: true, migrations: true });
  });

  it('exposes request durations to Prometheus', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toContain('anju_http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/healthz"');
  });
});

describe('errors', () => {
  it('has the { code, message } shape, Chinese by default and English on request', async () => {
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'x' },
    });
    expect(zh.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'admin', password: 'x' },
    });
    expect(en.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong user name or password' });
  });

  it('lists the failing fields of an invalid body and writes nothing', async () => {
    const api = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const res = await api.post('/api/users', { username: 'X', password: 'short', roleIds: [] });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const paths = (body.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password', 'body.orgUnitId']));
    expect((await api.get('/api/users?q=X')).json().items).toEqual([]);
  });

  it('answers malformed JSON with 400 and an unknown API route with 404, never 500', async () => {
    const s = await login(t, 'admin', ADMIN_PASSWORD);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      payload: '{"broken":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBeTypeOf('string');
    const missing = await as(t, s).get('/api/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
  });

  it('echoes a valid x-request-id and makes one up otherwise', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id!' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('audit', () => {
  it('is append-only at the database level', async () => {
    await login(t, 'admin', ADMIN_PASSWORD);
    await expect(t.db.execute(sql`update audit_events set action = 'tampered'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_events`)).rejects.toThrow();
  });

  it('pages newest first with a cursor, and requires audit.read', async () => {
    const s = await login(t, 'admin', ADMIN_PASSWORD);
    const api = as(t, s);
    for (let i = 0; i < 5; i++) {
      await api.post('/api/org-units', { parentId: t.root.id, type: 'region', name: `区域${i}`, code: `PG-${i}` });
    }
    const seen: string[] = [];
    let url = '/api/audit-events?action=org_unit.create&limit=2';
    for (;;) {
      const page = (await api.get(url)).json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) break;
      url = `/api/audit-events?action=org_unit.create&limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen.length).toBe(5);
    expect([...seen].sort((x, y) => Number(y) - Number(x))).toEqual(seen);
    const bad = await api.get('/api/audit-events?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    const staff = await signedIn(t, t.root, ['department_staff']);
    const denied = await staff.api.get('/api/audit-events');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FORBIDDEN');
  });
});
