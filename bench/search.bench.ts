/**
 * Customer search at scale: p50/p95 of searchCustomers through the full stack (Fastify routing, session auth,
 * scope, serialisation) against the raw SQL of the same query, in the same run.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench BENCH_CUSTOMERS=2000000 npm run bench:search
 *
 * The database is created and filled on first use (anju seed --demo, then --scale) and kept for re-runs.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { DEMO_PASSWORD } from '../apps/server/src/seed/demo-org.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { ensureDatabase, percentile } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench';
const target = Number(process.env.BENCH_CUSTOMERS ?? 2_000_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

async function main() {
  await ensureDatabase(url);
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    jobsEnabled: false,
  };
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 4 });
  await migrateDatabase(database);
  await seed(database.db, systemClock, {
    demo: true,
    crypto: new FieldCrypto(config.encryptionKey),
    adminPassword: 'Bench-admin-1',
  });
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from customers`);
  if (n < target) {
    console.log(`generating ${target - n} customers …`);
    await seedScale(database.db, systemClock, target - n, (line) => console.log(`  ${line}`));
  }
  const { app } = await buildApp({ config, database, serveConsole: false });
  await app.ready();
  const login = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
    return `anju_sid=${res.cookies.find((c) => c.name === 'anju_sid')?.value}`;
  };
  const group = await login('admin', 'Bench-admin-1');
  const city = await login('zhang.wei', DEMO_PASSWORD);
  const [sample] = await queryRows<{ phone: string; name: string; initials: string; code: string; path: string }>(
    database.db,
    sql`select p.phone, c.name, c.name_initials as initials, u.code, s.org_path as path
          from customers c join customer_phones p on p.customer_id = c.id
          join ownerships o on o.customer_id = c.id join units u on u.id = o.unit_id
          join customer_scopes s on s.customer_id = c.id
         where c.name_initials <> '' order by c.created_at desc limit 1`,
  );
  if (!sample) throw new Error('no data');
  const [zhang] = await queryRows<{ path: string }>(
    database.db,
    sql`select o.path from users u join org_units o on o.id = u.org_unit_id where u.username = 'zhang.wei'`,
  );
  const raw = new pg.Pool({ connectionString: url, max: 1 });
  const scope = `${zhang?.path}%`;
  const visible = `exists (select 1 from customer_scopes s where s.customer_id = c.id and s.org_path like $2)`;
  const cases: [string, string, string, unknown[]][] = [
    [
      'full mobile',
      sample.phone,
      `select c.* from customer_phones p join customers c on c.id = p.customer_id where p.phone = $1 and c.merged_into is null and ${visible} order by p.customer_id limit 20`,
      [sample.phone, scope],
    ],
    [
      'last 4 digits',
      sample.phone.slice(-4),
      `select c.* from customer_phones p join customers c on c.id = p.customer_id where p.last4 = $1 and c.merged_into is null and ${visible} order by p.customer_id limit 20`,
      [sample.phone.slice(-4), scope],
    ],
    [
      'pinyin initials',
      sample.initials,
      `select c.* from customers c where c.name_initials like $1 and c.merged_into is null and ${visible} order by c.name_initials using ~<~, c.id limit 20`,
      [`${sample.initials}%`, scope],
    ],
    [
      'name prefix',
      sample.name.slice(0, 2),
      `select c.* from customers c where c.name like $1 and c.merged_into is null and ${visible} order by c.name using ~<~, c.id limit 20`,
      [`${sample.name.slice(0, 2)}%`, scope],
    ],
    [
      'unit code',
      sample.code,
      `select c.* from units u join org_units p on p.id = u.project_id join ownerships o on o.unit_id = u.id join customers c on c.id = o.customer_id where u.code = $1 and p.path like $2 and c.merged_into is null limit 20`,
      [sample.code, scope],
    ],
  ];
  console.log(`\ncustomers: ${Math.max(n, target).toLocaleString()}, iterations: ${iterations}, PostgreSQL\n`);
  console.log('query            | who   | full stack p50 / p95 (ms) | raw SQL p50 / p95 (ms) | ratio p95');
  for (const [label, q, text, params] of cases) {
    for (const [who, cookie, rawParams] of [
      ['group', group, [params[0], '/%']],
      ['city', city, params],
    ] as const) {
      const stack = await time(() =>
        app.inject({ method: 'GET', url: `/api/customers/search?q=${encodeURIComponent(q)}`, headers: { cookie } }),
      );
      const direct = await time(() => raw.query(text, rawParams as unknown[]));
      console.log(
        `${label.padEnd(16)} | ${who.padEnd(5)} | ${stack.p50.toFixed(2).padStart(8)} / ${stack.p95.toFixed(2).padStart(8)}     | ${direct.p50.toFixed(2).padStart(7)} / ${direct.p95.toFixed(2).padStart(7)}    | ${(stack.p95 / direct.p95).toFixed(2)}×`,
      );
    }
  }
  await raw.end();
  await app.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
