/**
 * The owners' club on PostgreSQL at CLUB_BENCH_MEMBERS members (default 1,000,000) with CLUB_BENCH_ENTRIES_PER_MEMBER
 * ledger entries each (default 20: 20,000,000 entries), each figure with a raw SQL baseline measured in the same run:
 *  1. a member's balance and last 20 entries through the full stack (`getPointsStatement`: routing, session, scope,
 *     service, repository, serialisation) against the two raw queries: p50/p95 (goal p95 ≤ 10 ms);
 *  2. points for CLUB_BENCH_BATCH event attendances (default 10,000) in one batch through `points.earnMany` against a
 *     bare `insert … select` of the same entries and the balance update, rolled back (goal ≤ 5 s);
 *  3. an event's check-in: CLUB_BENCH_ATTENDEES registrations (default 1,000) scanned by CLUB_BENCH_PHONES phones
 *     (default 4) over real HTTP (`checkInEvent`, the attendance points posted by the listener), p50/p95/p99 (goal
 *     p99 ≤ 200 ms; the issue's pace is 1,000 in 10 minutes, the phones here scan flat out).
 * Members and entries are generated set-based (generate_series) into the benchmark's own database, which is kept
 * between runs (only what is missing is generated).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_club CLUB_BENCH_MEMBERS=1000000 npm run bench:club
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/club/points.service.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { ok, overHttp } from './http.js';
import { drive, ensureDatabase, percentile } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_club';
const MEMBERS = Number(process.env.CLUB_BENCH_MEMBERS ?? 1_000_000);
const PER_MEMBER = Number(process.env.CLUB_BENCH_ENTRIES_PER_MEMBER ?? 20);
const BATCH = Number(process.env.CLUB_BENCH_BATCH ?? 10_000);
const ATTENDEES = Number(process.env.CLUB_BENCH_ATTENDEES ?? 1_000);
const PHONES = Number(process.env.CLUB_BENCH_PHONES ?? 4);
const ITERATIONS = Number(process.env.CLUB_BENCH_ITERATIONS ?? 500);
const CHUNK = 50_000;

const ms = (xs: number[]) => ({ p50: percentile(xs, 0.5), p95: percentile(xs, 0.95), p99: percentile(xs, 0.99) });
const f = (x: number) => x.toFixed(2);

async function sample(n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn(i);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    xs.push(performance.now() - t0);
  }
  return ms(xs);
}

/**
 * Generated members (channel `bench`, card `B` and eight digits, each with a customer row) at the demo project,
 * each with PER_MEMBER earn entries of 10 points, the balance and lifetime points they add up to, and their tier.
 */
async function generate(pool: pg.Pool, project: { id: string; path: string }) {
  const [{ n: have }] = (await pool.query(`select count(*)::int as n from club_members where channel = 'bench'`)).rows;
  if (have >= MEMBERS) return have as number;
  console.log(`generating ${(MEMBERS - have).toLocaleString()} members with ${PER_MEMBER} entries each…`);
  // the tier the club's rules give an owner member with these points (so the batch below changes tiers only as it would)
  const [{ id: tierId } = { id: null }] = (
    await pool.query<{ id: string }>(
      `select id from club_tiers where active and (classes = '{}' or 'owner_family' = any(classes))
          and (min_points is null or min_points <= 10 * $1::int) order by rank desc, code limit 1`,
      [PER_MEMBER],
    )
  ).rows;
  const t0 = performance.now();
  for (let from = have + 1; from <= MEMBERS; from += CHUNK) {
    const to = Math.min(MEMBERS, from + CHUNK - 1);
    await pool.query(
      `insert into customers (id, name, declared_kinds, kinds)
       select md5('bench-customer-' || i)::uuid, '会员' || i, '{owner}', '{owner}' from generate_series($1::int, $2::int) i`,
      [from, to],
    );
    await pool.query(
      `insert into club_members (customer_id, card_no, class, tier_id, balance, lifetime_points, org_path, project_id,
                                 channel, joined_at, updated_at)
       select md5('bench-customer-' || i)::uuid, 'B' || lpad(i::text, 8, '0'), 'owner_family', $6, 10 * $3::int,
              10 * $3::int, $1, $2, 'bench', now() - make_interval(days => i % 2000), now()
         from generate_series($4::int, $5::int) i`,
      [project.path, project.id, PER_MEMBER, from, to, tierId],
    );
    await pool.query(
      `insert into club_ledger (member_id, kind, points, balance_after, source_type, source_id, idempotency_key, at)
       select m.id, 'earn', 10, 10 * k, 'event_attendance', 'bench', 'bench:' || m.card_no || ':' || k,
              m.joined_at + make_interval(days => k)
         from club_members m cross join generate_series(1, $3::int) k
        where m.card_no between 'B' || lpad($1::text, 8, '0') and 'B' || lpad($2::text, 8, '0')
        order by m.id, k`,
      [from, to, PER_MEMBER],
    );
    process.stdout.write(`  ${to.toLocaleString()} members\r`);
  }
  await pool.query('analyze club_members');
  await pool.query('analyze club_ledger');
  console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return MEMBERS;
}

async function main() {
  await ensureDatabase(url);
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
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const [project] = (
    await pool.query<{ id: string; path: string }>(
      `select id, path from org_units where type = 'project' order by code limit 1`,
    )
  ).rows;
  if (!project) throw new Error('no demo project');
  const members = await generate(pool, project);
  const [{ n: entries }] = (await pool.query(`select count(*)::bigint as n from club_ledger`)).rows;

  const { app, services } = await buildApp({ config, database, serveConsole: false });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'Bench-admin-1' },
  });
  const headers = {
    cookie: `anju_sid=${login.cookies.find((c) => c.name === 'anju_sid')?.value}`,
    'x-csrf-token': ok({ statusCode: login.statusCode, body: login.body }, 'login').csrfToken as string,
  };

  // 1. balance and last 20 entries of random members
  const picks = (
    await pool.query<{ id: string }>(
      `select id from club_members where channel = 'bench' and card_no = any($1::text[])`,
      [Array.from({ length: 400 }, () => `B${String(1 + Math.floor(Math.random() * members)).padStart(8, '0')}`)],
    )
  ).rows.map((r) => r.id);
  const stack = await sample(ITERATIONS, async (i) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/club/members/${picks[i % picks.length]}/points?limit=20`,
      headers,
    });
    if (res.statusCode !== 200) throw new Error(`getPointsStatement: ${res.statusCode} ${res.body.slice(0, 200)}`);
  });
  const raw = new pg.Pool({ connectionString: url, max: 1 });
  const direct = await sample(ITERATIONS, async (i) => {
    const id = picks[i % picks.length];
    await raw.query('select * from club_members where id = $1', [id]);
    await raw.query('select * from club_ledger where member_id = $1 order by id desc limit 20', [id]);
  });

  // 2. one batch of attendance points for BATCH distinct members (fresh sources each run)
  const run = Date.now().toString(36);
  const batchMembers = (
    await pool.query<{ id: string }>(
      `select id from club_members where channel = 'bench' and status = 'active'
        order by abs(hashtext(id::text || $1)) limit $2`,
      [run, BATCH],
    )
  ).rows.map((r) => r.id);
  const awards = batchMembers.map((memberId, i) => ({ memberId, sourceId: `bench-${run}-${i}` }));
  const t0 = performance.now();
  const earned = await database.db.transaction((tx) =>
    services.club.points.earnMany(tx, SYSTEM_ACTOR, 'event_attendance', awards),
  );
  const batchSeconds = (performance.now() - t0) / 1000;
  const rerun0 = performance.now();
  const again = await database.db.transaction((tx) =>
    services.club.points.earnMany(tx, SYSTEM_ACTOR, 'event_attendance', awards),
  );
  const rerunSeconds = (performance.now() - rerun0) / 1000;
  const client = await pool.connect();
  const b0 = performance.now();
  try {
    await client.query('begin');
    await client.query(
      `insert into club_ledger (member_id, kind, points, balance_after, source_type, source_id, idempotency_key, at)
       select m.id, 'earn', 50, m.balance + 50, 'event_attendance', 'raw', 'raw-' || $2 || ':' || m.id, now()
         from club_members m where m.id = any($1::uuid[])`,
      [batchMembers, run],
    );
    await client.query(
      'update club_members set balance = balance + 50, lifetime_points = lifetime_points + 50 where id = any($1::uuid[])',
      [batchMembers],
    );
  } finally {
    await client.query('rollback');
    client.release();
  }
  const bareSeconds = (performance.now() - b0) / 1000;

  // 3. check-in at the door: an event tomorrow at the project, ATTENDEES registrations of bench members
  const created = await app.inject({
    method: 'POST',
    url: '/api/club/events',
    headers,
    payload: {
      kind: 'brand',
      title: `压测活动 ${run}`,
      orgUnitId: project.id,
      venue: '会所',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 93_600_000).toISOString(),
      capacity: ATTENDEES,
    },
  });
  const event = ok({ statusCode: created.statusCode, body: created.body }, 'createEvent') as { id: string };
  const codes = (
    await pool.query<{ code: string }>(
      `insert into club_event_registrations (event_id, customer_id, member_id, status, via, check_in_code, org_path,
                                             registered_at)
       select $1::uuid, m.customer_id, m.id, 'registered', 'console', upper(substr(md5($1::text || m.id::text), 1, 10)),
              $2, now()
         from club_members m where m.channel = 'bench' order by abs(hashtext(m.id::text || $1::text)) limit $3
       returning check_in_code as code`,
      [event.id, project.path, ATTENDEES],
    )
  ).rows.map((r) => r.code);
  const call = await overHttp(app, PHONES);
  const door = await drive(codes.length, PHONES, async (i) => {
    const res = await call('POST', `/api/club/events/${event.id}/check-in`, { headers, body: { code: codes[i] } });
    ok(res, 'checkInEvent');
  });
  const deliver0 = performance.now();
  let delivered = 0;
  for (let n = await services.jobs.runDue(); n > 0; n = await services.jobs.runDue()) delivered += n;
  const deliverSeconds = (performance.now() - deliver0) / 1000;
  const [{ n: pointsPosted }] = (
    await pool.query(
      `select count(*)::int as n from club_ledger l join club_event_registrations r on l.source_id = r.id::text
        where r.event_id = $1`,
      [event.id],
    )
  ).rows;
  const scan = ms(door.latencies);

  console.log(
    `\nClub at ${members.toLocaleString()} members, ${Number(entries).toLocaleString()} ledger entries (PostgreSQL)`,
  );
  console.log(
    `1. balance + last 20 entries (getPointsStatement, full stack): p50 ${f(stack.p50)} ms, p95 ${f(stack.p95)} ms (goal p95 ≤ 10 ms)`,
  );
  console.log(
    `   raw SQL (member row + 20 entries): p50 ${f(direct.p50)} ms, p95 ${f(direct.p95)} ms; ratio p95 ${f(stack.p95 / direct.p95)}×`,
  );
  console.log(
    `2. earnMany of ${awards.length.toLocaleString()} attendances: ${batchSeconds.toFixed(2)} s (goal ≤ 5 s), ${earned.awarded.toLocaleString()} entries posted; rerun ${rerunSeconds.toFixed(2)} s posted ${again.awarded}`,
  );
  console.log(
    `   raw insert … select + balance update of the same rows: ${bareSeconds.toFixed(2)} s; ratio ${f(batchSeconds / bareSeconds)}×`,
  );
  console.log(
    `3. check-in of ${codes.length.toLocaleString()} attendees by ${PHONES} phones over HTTP: p50 ${f(scan.p50)} ms, p95 ${f(scan.p95)} ms, p99 ${f(scan.p99)} ms (goal p99 ≤ 200 ms), ${(codes.length / door.seconds).toFixed(0)} scans/s`,
  );
  console.log(
    `   attendance points delivered by the listener afterwards: ${delivered} deliveries in ${deliverSeconds.toFixed(1)} s, ${pointsPosted} entries`,
  );
  await raw.end();
  await pool.end();
  await app.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
