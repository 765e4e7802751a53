import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ensureBaseline } from '../src/modules/org/org.seed.js';
import { ManualClock } from '../src/platform/clock.js';
import { type Database, openDatabase, queryRows } from '../src/platform/db/database.js';
import { as, cityCompany, login } from './factories.js';
import { ADMIN_PASSWORD, createTestDatabase, type TestApp, testConfig, testDriver } from './harness.js';
import { startTcpProxy } from './tcp-proxy.js';

/**
 * The database goes away under load and comes back: requests answer 503 DATABASE_UNAVAILABLE with Retry-After
 * (never 500, never hanging), /readyz answers within 2 s, the service resumes by itself, and creates retried with
 * the same Idempotency-Key make one record. PostgreSQL only (the embedded database cannot be unplugged).
 */
describe.skipIf(testDriver !== 'postgres')('database outages', () => {
  let t: Pick<TestApp, 'app' | 'clock' | 'db' | 'root'>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let proxied: Database;
  let drop: () => Promise<void>;
  let directUrl: string;

  beforeAll(async () => {
    const base = await createTestDatabase();
    drop = base.drop;
    directUrl = base.url as string;
    const url = new URL(base.url as string);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    proxied = await openDatabase(
      { kind: 'postgres', url: url.toString() },
      { poolSize: 4, connectTimeoutMs: 800, statementTimeoutMs: 5000 },
    );
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const { root } = await ensureBaseline(proxied.db, clock, { adminPassword: ADMIN_PASSWORD });
    const { app } = await buildApp({ config: testConfig(), database: proxied, clock, serveConsole: false });
    await app.ready();
    t = { app, clock, db: proxied.db, root };
  });
  afterAll(async () => {
    await t?.app.close();
    await proxied?.close();
    await proxy?.close();
    await drop?.();
  });

  it('answers 503 with Retry-After while the database is unreachable, /readyz within 2 s, and resumes by itself', async () => {
    const admin = as(t as TestApp, await login(t as TestApp, 'admin', ADMIN_PASSWORD));
    const place = await cityCompany(t as TestApp);
    expect((await admin.get('/api/customers')).statusCode).toBe(200);

    proxy.cut();
    const calls = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0
        ? admin.get('/api/tickets')
        : i % 3 === 1
          ? admin.get('/api/customers')
          : admin.post('/api/customers', {
              name: '停电',
              phones: [{ phone: `1390000${String(1000 + i)}`, isPrimary: true }],
              orgUnitId: place.project.id,
            }),
    );
    const answers = await Promise.all(calls);
    for (const res of answers) {
      expect([res.statusCode, res.json().code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
      expect(res.headers['retry-after']).toBe('5');
    }
    const started = performance.now();
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(performance.now() - started).toBeLessThan(2000);

    proxy.restore();
    expect((await admin.get('/api/customers')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('drops connections mid-load: only 201 or 503, and retries with the same key make one ticket each', async () => {
    const session = await login(t as TestApp, 'admin', ADMIN_PASSWORD);
    const place = await cityCompany(t as TestApp);
    const statuses = new Set<number>();
    const createWithRetries = async (n: number) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/tickets',
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': `outage-key-${n}` },
          payload: {
            type: 'repair',
            channel: 'hotline',
            title: `断线重试 ${n}`,
            orgUnitId: place.project.id,
            contactPhone: '13811114444',
          },
        });
        statuses.add(res.statusCode);
        if (res.statusCode === 201) return res.json().id as string;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`ticket ${n} never created`);
    };
    // eight drops of every connection, 300 ms apart, the first as the creates start; then the database stays
    let cuts = 0;
    const cut = () => {
      proxy.cut();
      cuts++;
      setTimeout(() => proxy.restore(), 30);
    };
    const chaos = setInterval(() => (cuts === 8 ? clearInterval(chaos) : cut()), 300);
    setTimeout(cut, 20);
    try {
      const ids = await Promise.all(Array.from({ length: 24 }, (_, n) => createWithRetries(n)));
      expect(new Set(ids).size).toBe(24);
    } finally {
      clearInterval(chaos);
      proxy.restore();
    }
    expect(cuts).toBeGreaterThan(0);
    expect([...statuses].sort()).toEqual([201, 503]);
    // counted on a connection of its own: the proxied pool may still hold a connection the last drop cut
    const direct = await openDatabase({ kind: 'postgres', url: directUrl }, { poolSize: 1 });
    const rows = await queryRows<{ title: string; n: number }>(
      direct.db,
      sql`select title, count(*)::int as n from tickets where title like '断线重试 %' group by title`,
    ).finally(() => direct.close());
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});
