/**
 * A surge of realistic repair reports (issue 11 item 17): BENCH_SURGE (default 11,500) creates over HTTP at
 * concurrency 20, each for a generated owner's home with category and room, each writing an acknowledgement SMS,
 * while the job runner works (SMS delivery, the minutely SLA sweep with 10,000 clocks due over BENCH_TICKETS
 * generated tickets, default 100,000). Prints creates/s and latency percentiles against the bare one-statement
 * create of bare-tickets.ts driven the same way in the same run (goal: p99 ≤ 200 ms), and how late each sweep slot
 * of the surge ran.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_surge npm run bench:surge
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { SLA_SWEEP_JOB } from '../apps/server/src/modules/sla/clock-sweep.job.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { bareTicketServer } from './bare-tickets.js';
import { ok, overHttp } from './http.js';
import { drive, freshDatabase, generateTickets, makeClocksDue, percentile } from './support.js';
import { type Home, repairBody } from './ticket-ops.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_surge';
const surge = Number(process.env.BENCH_SURGE ?? 11_500);
const total = Number(process.env.BENCH_TICKETS ?? 100_000);
const CONCURRENCY = 20;
const DUE = 10_000;

async function main() {
  await freshDatabase(url);
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: config.pool?.size });
  await migrateDatabase(database);
  await seed(database.db, systemClock, {
    demo: true,
    crypto: new FieldCrypto(config.encryptionKey),
    adminPassword: 'Bench-admin-1',
  });
  console.log(`generating ${surge} owners with homes and ${total} tickets …`);
  await seedScale(database.db, systemClock, surge, () => undefined);
  const homes = await queryRows<Home>(
    database.db,
    sql`select o.customer_id as "customerId", o.unit_id as "unitId", p.phone
          from ownerships o join customer_phones p on p.customer_id = o.customer_id and p.is_primary
          join units u on u.id = o.unit_id join org_units g on g.id = u.project_id
         where g.code like 'SCALE-%' order by o.id`,
  );
  const [project] = await queryRows<{ id: string; path: string; company: string }>(
    database.db,
    sql`select id, path, parent_id as company from org_units where code like 'SCALE-%' limit 1`,
  );
  if (!project || homes.length < surge) throw new Error('scale data missing');
  console.log('  owners and homes ready');
  const pool = new pg.Pool({ connectionString: url, max: config.pool?.size ?? 10 });
  await generateTickets(pool, project, total);
  console.log('  tickets ready');

  const { app, services } = await buildApp({ config: { ...config, jobsEnabled: true }, database, serveConsole: false });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'Bench-admin-1' },
  });
  const headers = {
    cookie: `anju_sid=${login.cookies.find((c) => c.name === 'anju_sid')?.value}`,
    'x-csrf-token': ok(login, 'login').csrfToken as string,
  };
  const call = await overHttp(app, CONCURRENCY);
  const bare = await overHttp(await bareTicketServer(pool), CONCURRENCY);

  // The bare create first (nothing else running), then the surge with the job runner and 10,000 clocks due.
  const baseline = await drive(surge, CONCURRENCY, async (i) => {
    ok(await bare('POST', '/bare/tickets', { body: homes[i] }), 'bare create');
  });
  await makeClocksDue(pool, DUE);
  services.jobs.start();
  const started = new Date();
  const full = await drive(surge, CONCURRENCY, async (i) => {
    ok(await call('POST', '/api/tickets', { headers, body: repairBody(homes[i] as Home) }), 'create');
  });
  const ended = new Date();
  await services.jobs.stop();

  // timestamps arrive as text through this raw query on some drivers
  const slots = await queryRows<{ runAt: string; finishedAt: string | null; status: string }>(
    database.db,
    sql`select run_at as "runAt", finished_at as "finishedAt", status from jobs
         where name = ${SLA_SWEEP_JOB} and run_at > ${new Date(started.getTime() - 60_000)} and run_at <= ${ended}
         order by run_at`,
  );
  const minutes = ((ended.getTime() - started.getTime()) / 60_000).toFixed(1);
  const [left] = await queryRows<{ due: number; sms: number; queued: number }>(
    database.db,
    sql`select (select count(*)::int from sla_clocks where next_check_at <= ${ended}) as due,
               (select count(*)::int from outbox_messages where template = 'ticket.received') as sms,
               (select count(*)::int from jobs where status = 'queued' and name <> 'bare.deliver') as queued`,
  );

  const line = (name: string, r: { latencies: number[]; seconds: number }) =>
    console.log(
      `${name.padEnd(26)} ${(r.latencies.length / r.seconds).toFixed(0).padStart(5)}/s  p50 ${percentile(r.latencies, 0.5).toFixed(0).padStart(4)} ms  p95 ${percentile(r.latencies, 0.95).toFixed(0).padStart(4)} ms  p99 ${percentile(r.latencies, 0.99).toFixed(0).padStart(4)} ms  max ${Math.max(...r.latencies).toFixed(0)} ms`,
    );
  console.log(`\n${surge} repair reports over HTTP at concurrency ${CONCURRENCY} (goal p99 ≤ 200 ms)`);
  line('createTicket (full stack)', full);
  line('bare one-statement create', baseline);
  console.log(
    `   ratio full/bare: ${(full.latencies.length / full.seconds / (baseline.latencies.length / baseline.seconds)).toFixed(2)}× throughput, ${(percentile(full.latencies, 0.99) / percentile(baseline.latencies, 0.99)).toFixed(1)}× p99`,
  );
  console.log(`\nSLA sweep during the surge (${minutes} minutes, ${DUE} clocks due at the start)`);
  for (const s of slots) {
    const late = s.finishedAt
      ? `${((new Date(s.finishedAt).getTime() - new Date(s.runAt).getTime()) / 1000).toFixed(1)} s after its slot`
      : s.status;
    console.log(`   slot ${new Date(s.runAt).toISOString().slice(11, 19)}: finished ${late}`);
  }
  if (slots.length === 0) console.log('   no slot of the surge was enqueued');
  console.log(
    `   clocks still due at the end: ${left?.due}; jobs still queued: ${left?.queued}; SMS written: ${left?.sms}`,
  );
  await pool.end();
  await app.close();
  await database.close();
  console.log(`\n(done in ${(performance.now() / 1000).toFixed(0)} s)`);
  // the bare server and the HTTP agents keep sockets open
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
