/**
 * Tickets on PostgreSQL, each figure with a baseline measured in the same run:
 *  1. create / get / transition through the full stack (validation, scope, clocks, events, audit, timeline, outbox)
 *     vs the bare Fastify + pg server of bare-tickets.ts doing the same essential reads and writes in ONE statement
 *     each — ops/s and the ratio, first in-process (inject) and then over HTTP on a local socket. Creates are
 *     realistic repair reports (owner, home, category, room, acknowledgement SMS) for generated owners; the ticket
 *     read has a real history (13 events: dispatch with a work order, notes, two holds); hold/resume goes round 100
 *     tickets per worker so histories stay the length of real ones (printed);
 *  2. the SLA sweep at BENCH_TICKETS tickets (default 1,000,000) with 1,000 and then 10,000 clocks due — seconds,
 *     the 10k/1k ratio (linear in due rows) and the ratio to a bare claim-and-update of the same rows;
 *  3. the queue's first page at that size, p95 through the full stack vs the raw SQL.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_tickets BENCH_TICKETS=1000000 npm run bench:tickets
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
import { bareTicketServer } from './bare-tickets.js';
import { inProcess, ok, overHttp } from './http.js';
import { freshDatabase, generateTickets, makeClocksDue, percentile } from './support.js';
import { type Home, measureTicketOps } from './ticket-ops.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_tickets';
const total = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const HOMES = 5_000;

async function p95(fn: () => Promise<unknown>, n = 200) {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return percentile(samples, 0.95);
}

async function main() {
  await freshDatabase(url);
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    jobsEnabled: false,
  };
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 8 });
  await migrateDatabase(database);
  await seed(database.db, systemClock, {
    demo: true,
    crypto: new FieldCrypto(config.encryptionKey),
    adminPassword: 'Bench-admin-1',
  });
  const { app, services } = await buildApp({ config, database, serveConsole: false });
  await app.ready();
  const signIn = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const body = ok(res, `login ${username}`);
    return { cookie: `anju_sid=${res.cookies.find((c) => c.name === 'anju_sid')?.value}`, csrf: body.csrfToken };
  };
  const manager = await signIn('zhang.wei', DEMO_PASSWORD);
  const admin = await signIn('admin', 'Bench-admin-1');
  const call = (s: typeof manager, method: 'GET' | 'POST', path: string, payload?: object) =>
    app.inject({ method, url: path, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload });
  const [project] = await queryRows<{ id: string; path: string; company: string }>(
    database.db,
    sql`select p.id, p.path, c.id as company from org_units p join org_units c on c.id = p.parent_id
         join users u on u.username = 'zhang.wei' where p.type = 'project' and p.path like (select path from org_units where id = u.org_unit_id) || '%' limit 1`,
  );
  if (!project) throw new Error('no demo project');

  // 1. create / get / transition: full stack vs bare Fastify + pg, in-process and over HTTP.
  await seedScale(database.db, systemClock, HOMES, () => undefined);
  const homes = await queryRows<Home>(
    database.db,
    sql`select o.customer_id as "customerId", o.unit_id as "unitId", p.phone
          from ownerships o join customer_phones p on p.customer_id = o.customer_id and p.is_primary
          join units u on u.id = o.unit_id join org_units g on g.id = u.project_id
         where g.code like 'SCALE-%' order by o.id limit ${HOMES}`,
  );
  const [engineering] = await queryRows<{ id: string }>(
    database.db,
    sql`select id from org_units where type = 'department' and department_kind = 'engineering' limit 1`,
  );
  if (!engineering) throw new Error('no engineering department in the demo data');
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const bare = await bareTicketServer(pool);
  const ops = { session: admin, homes, engineering: engineering.id, seconds };
  const inside = await measureTicketOps({ ...ops, full: inProcess(app), bare: inProcess(bare) });
  const overTheWire = await measureTicketOps({
    ...ops,
    full: await overHttp(app, 4),
    bare: await overHttp(bare, 4),
  });
  const mine = [...inside.tickets, ...overTheWire.tickets];
  const [history] = await queryRows<{ events: number }>(
    database.db,
    sql`select (count(*)::float / ${mine.length}) as events from ticket_events
         where ticket_id in (select (json_array_elements_text(${JSON.stringify(mine)}::json))::uuid)`,
  );

  // 2. the sweep: `total` tickets, each with a clock; most not due for a day.
  console.log(`generating ${total} tickets and clocks …`);
  const t0 = performance.now();
  await generateTickets(pool, project, total);
  console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const makeDue = (n: number) => makeClocksDue(pool, n);
  const sweep = async (n: number) => {
    await makeDue(n);
    const s0 = performance.now();
    const result = await services.sla.sweep.run();
    return { seconds: (performance.now() - s0) / 1000, ...result };
  };
  const small = await sweep(1_000);
  const large = await sweep(10_000);
  await makeDue(10_000);
  const r0 = performance.now();
  await pool.query(
    `update sla_clocks set warned_at = now(), breached_at = now(), escalation_level = 1, next_check_at = null
      where id in (select id from sla_clocks where next_check_at <= now() order by next_check_at limit 10000 for update skip locked)`,
  );
  const rawSweep = (performance.now() - r0) / 1000;

  // 3. the queue's first page.
  const queueCases: [string, typeof manager, string, string, unknown[]][] = [
    [
      'newest, city company',
      manager,
      '/api/tickets?limit=50',
      `select * from tickets where org_path like $1 and company_id = $2
        order by created_at desc nulls last, id desc nulls last limit 51`,
      [`${project.path.split('/').slice(0, -2).join('/')}/%`, project.company],
    ],
    [
      'open by due time, city company',
      manager,
      '/api/tickets?limit=50&sort=due',
      `select * from tickets where org_path like $1 and company_id = $2 and next_due_at is not null
        order by next_due_at asc nulls last, id limit 51`,
      [`${project.path.split('/').slice(0, -2).join('/')}/%`, project.company],
    ],
    [
      'newest, group',
      admin,
      '/api/tickets?limit=50',
      'select * from tickets order by created_at desc nulls last, id desc nulls last limit 51',
      [],
    ],
  ];
  const queue = [];
  for (const [name, who, path, rawSql, params] of queueCases) {
    const full = await p95(async () => ok(await call(who, 'GET', path), name));
    const raw = await p95(() => pool.query(rawSql, params));
    queue.push({ name, full, raw });
  }

  const row = (name: string, full: number, base: number) =>
    console.log(
      `${name.padEnd(34)} ${full.toFixed(0).padStart(7)} ops/s  bare ${base.toFixed(0).padStart(7)} ops/s  ratio ${(full / base).toFixed(2)}×`,
    );
  console.log('\n1. full stack vs bare Fastify + pg (goal ≥ 0.5×)');
  for (const [transport, r] of [
    ['in-process', inside],
    ['HTTP', overTheWire],
  ] as const) {
    console.log(`   ${transport}`);
    row('createTicket (owner, home, SMS)', r.create.full, r.create.bare);
    row(`getTicket (${r.events} events)`, r.get.full, r.get.bare);
    row('transitionTicket (hold/resume)', r.transition.full, r.transition.bare);
  }
  console.log(
    `   (hold/resume went round ${mine.length} tickets; they end with ${history?.events.toFixed(0)} events each on average)`,
  );
  console.log(`\n2. SLA sweep over ${total} tickets (goal ≤ 5 s for 10,000 due)`);
  console.log(`   1,000 due:  ${small.seconds.toFixed(2)} s (${small.clocks} clocks, ${small.steps} steps)`);
  console.log(`   10,000 due: ${large.seconds.toFixed(2)} s (${large.clocks} clocks, ${large.steps} steps)`);
  console.log(
    `   10k/1k time ratio ${(large.seconds / small.seconds).toFixed(1)} (≈10 = grows with due rows, not all rows)`,
  );
  console.log(
    `   bare claim-and-update of 10,000 rows: ${rawSweep.toFixed(2)} s; ratio sweep/bare ${(large.seconds / rawSweep).toFixed(1)}×`,
  );
  console.log(`\n3. queue first page at ${total} tickets, p95 (goal ≤ 30 ms)`);
  for (const q of queue) {
    console.log(
      `   ${q.name.padEnd(32)} ${q.full.toFixed(2)} ms   raw SQL ${q.raw.toFixed(2)} ms   ratio ${(q.full / q.raw).toFixed(1)}×`,
    );
  }
  await pool.end();
  await bare.close();
  await app.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
