/**
 * Tickets on PostgreSQL, each figure with a baseline measured in the same run:
 *  1. create / get / transition through the full stack (validation, scope, clocks, events, audit, outbox) vs a
 *     bare Fastify + pg endpoint doing the same essential table writes, or the same read, in ONE statement each —
 *     ops/s and the ratio. The bare endpoints:
 *       - create: takes the day's number (ticket_number_seq) and inserts the ticket, its three SLA clocks
 *         (reception stopped, first_response and dispatch running), its `created` event and its audit row;
 *       - get: reads the ticket row only (the full stack also returns its clocks, events, work orders, callback);
 *       - transition: updates the ticket's status and version if the version matches, pauses its running clocks
 *         (hold) or ends their pause (resume: records the span, moves the deadline on by it), and inserts the
 *         event and the audit row.
 *     The bare endpoints read nothing else and check nothing (no permission, scope, state machine or SLA policy).
 *     Full and bare alternate in three rounds of BENCH_SECONDS (default 2) each; hold/resume goes round 100 tickets
 *     per worker, the same tickets for both, so their histories stay the length of real ones (printed);
 *     Earlier figures (operations.md) had bare create and transition write the ticket row only; not comparable;
 *  2. the SLA sweep at BENCH_TICKETS tickets (default 1,000,000) with 1,000 and then 10,000 clocks due — seconds,
 *     the 10k/1k ratio (linear in due rows) and the ratio to a bare claim-and-update of the same rows;
 *  3. the queue's first page at that size, p95 through the full stack vs the raw SQL.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_tickets BENCH_TICKETS=1000000 npm run bench:tickets
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { DEMO_PASSWORD } from '../apps/server/src/seed/demo-org.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { freshDatabase, percentile } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_tickets';
const total = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = 3;
const TICKETS_PER_WORKER = 100;

type Op = (worker: number, i: number) => Promise<void>;

/** Runs `op(worker, i)` from `concurrency` workers for `seconds`; returns operations per second. */
async function throughput(op: Op, concurrency = 4) {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        await op(worker, i);
        done++;
      }
    }),
  );
  return done / seconds;
}

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

const ok = (res: { statusCode: number; body: string }, what: string) => {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body);
};

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

  // 1. create / get / transition: full stack vs bare Fastify + pg on the same table.
  const bare = Fastify();
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  bare.post('/bare/tickets', async () => {
    const { rows } = await pool.query(
      `with n as (insert into ticket_number_seq (prefix, day, last) values ('BX', to_char(now(), 'YYYYMMDD'), 1)
                  on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last),
       t as (insert into tickets (number, type, channel, status, title, company_id, org_path, project_id,
                                  inspection_required, reported_at, created_at, updated_at, next_due_at)
             select 'BX' || to_char(now(), 'YYYYMMDD') || '-' || lpad(last::text, 6, '0'), 'repair', 'hotline', 'dispatch',
                    '卫生间渗水', $1, $2, $3, false, now(), now(), now(), now() + interval '30 minutes' from n returning *),
       c as (insert into sla_clocks (ticket_id, node, mode, limit_minutes, warn_percent, ladder, started_at, warn_at,
                                     due_at, next_check_at, stopped_at, outcome, org_path)
             select t.id, x.node, 'calendar', x.mins, 80, '[]'::jsonb, now(), now() + x.mins * interval '48 seconds',
                    now() + x.mins * interval '1 minute',
                    case when not x.stopped then now() + x.mins * interval '48 seconds' end,
                    case when x.stopped then now() end, case when x.stopped then 'met' end, t.org_path
               from t, (values ('reception', 5, true), ('first_response', 30, false), ('dispatch', 60, false))
                         x(node, mins, stopped)),
       e as (insert into ticket_events (ticket_id, at, kind, visibility, to_status, body)
             select id, now(), 'created', 'internal', status, title from t),
       a as (insert into audit_events (at, action, entity_type, entity_id, org_path, after)
             select now(), 'ticket.create', 'ticket', id::text, org_path,
                    jsonb_build_object('number', number, 'type', type, 'status', status) from t)
       select * from t`,
      [project.company, project.path, project.id],
    );
    return rows[0];
  });
  bare.get('/bare/tickets/:id', async (req) => {
    const { rows } = await pool.query('select * from tickets where id = $1', [(req.params as { id: string }).id]);
    return rows[0];
  });
  bare.post('/bare/tickets/:id/transitions', async (req) => {
    const b = req.body as { status: string; version: number };
    const { rows } = await pool.query(
      `with t as (update tickets set status = $2, version = version + 1, updated_at = now()
                   where id = $1 and version = $3 returning *),
       c as (update sla_clocks k
                set paused_at = case when $2 = 'on_hold' then now() end,
                    pauses = case when $2 = 'on_hold' then k.pauses
                                  else k.pauses || jsonb_build_array(jsonb_build_object('start', k.paused_at, 'end', now())) end,
                    due_at = case when $2 = 'on_hold' then k.due_at else k.due_at + (now() - k.paused_at) end,
                    warn_at = case when $2 = 'on_hold' then k.warn_at else k.warn_at + (now() - k.paused_at) end,
                    next_check_at = case when $2 = 'on_hold' then null else k.warn_at + (now() - k.paused_at) end
               from t where k.ticket_id = t.id and k.stopped_at is null and (k.paused_at is null) = ($2 = 'on_hold')),
       e as (insert into ticket_events (ticket_id, at, kind, visibility, to_status)
             select id, now(), 'transition', 'customer', status from t),
       a as (insert into audit_events (at, action, entity_type, entity_id, org_path, after)
             select now(), 'ticket.transition', 'ticket', id::text, org_path, jsonb_build_object('status', status) from t)
       select * from t`,
      [(req.params as { id: string }).id, b.status, b.version],
    );
    return rows[0];
  });
  await bare.ready();

  const createBody = {
    type: 'repair',
    channel: 'hotline',
    title: '卫生间渗水',
    orgUnitId: project.id,
    inspectionRequired: false,
  };
  /**
   * Full and bare alternate for ROUNDS rounds of `seconds` each, so drift on a shared machine (other processes,
   * autovacuum, the page cache) falls on both; each figure is the total over its rounds.
   */
  const compare = async (full: Op, bare: Op) => {
    let fullOps = 0;
    let bareOps = 0;
    for (let round = 0; round < ROUNDS; round++) {
      fullOps += await throughput(full);
      bareOps += await throughput(bare);
    }
    return { full: fullOps / ROUNDS, bare: bareOps / ROUNDS };
  };
  const create = await compare(
    async () => {
      ok(await call(manager, 'POST', '/api/tickets', createBody), 'create');
    },
    async () => {
      ok(await bare.inject({ method: 'POST', url: '/bare/tickets' }), 'bare create');
    },
  );
  const sample = ok(await call(manager, 'POST', '/api/tickets', createBody), 'create');
  const get = await compare(
    async () => {
      ok(await call(manager, 'GET', `/api/tickets/${sample.id}`), 'get');
    },
    async () => {
      ok(await bare.inject({ method: 'GET', url: `/bare/tickets/${sample.id}` }), 'bare get');
    },
  );
  // Each worker holds and resumes its own TICKETS_PER_WORKER tickets in turn, so versions never collide and each
  // ticket's history stays the length of a real one's (one ticket held and resumed thousands of times would
  // measure its timeline's length, not the stack).
  const mine: { id: string; version: number }[] = [];
  for (let i = 0; i < 4 * TICKETS_PER_WORKER; i++) {
    const created = ok(await call(manager, 'POST', '/api/tickets', createBody), 'create');
    mine.push({ id: created.id, version: created.version });
  }
  /** The i-th move of worker w: hold (even) or resume (odd) of one of its tickets. */
  const moveOf = (w: number, i: number) => ({
    ticket: mine[w + 4 * (Math.floor(i / 2) % TICKETS_PER_WORKER)] as { id: string; version: number },
    hold: i % 2 === 0,
  });
  // A round ends between a hold and its resume, so each worker's count restarts on a held ticket or not.
  const held = new Set<string>();
  const move = await compare(
    async (w, i) => {
      const { ticket } = moveOf(w, i);
      const body = held.has(ticket.id) ? { action: 'resume' } : { action: 'hold', reason: '等待业主' };
      const res = ok(
        await call(manager, 'POST', `/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version }),
        'move',
      );
      ticket.version = res.version;
      if (body.action === 'hold') held.add(ticket.id);
      else held.delete(ticket.id);
    },
    async (w, i) => {
      const { ticket } = moveOf(w, i);
      const hold = !held.has(ticket.id);
      const res = ok(
        await bare.inject({
          method: 'POST',
          url: `/bare/tickets/${ticket.id}/transitions`,
          payload: { status: hold ? 'on_hold' : 'dispatched', version: ticket.version },
        }),
        'bare move',
      );
      ticket.version = res.version;
      if (hold) held.add(ticket.id);
      else held.delete(ticket.id);
    },
  );

  const [history] = await queryRows<{ events: number }>(
    database.db,
    sql`select (count(*)::float / ${mine.length}) as events from ticket_events
         where ticket_id in (select (json_array_elements_text(${JSON.stringify(mine.map((t) => t.id))}::json))::uuid)`,
  );

  // 2. the sweep: `total` tickets, each with a clock; most not due for a day.
  console.log(`generating ${total} tickets and clocks …`);
  const t0 = performance.now();
  const ladder = JSON.stringify([{ level: 1, delayMinutes: 0, target: 'project', roles: ['cr_manager'] }]);
  for (let from = 1; from <= total; from += 200_000) {
    const to = Math.min(total, from + 199_999);
    await pool.query(
      `insert into tickets (number, type, channel, status, title, company_id, org_path, project_id, inspection_required,
                            reported_at, created_at, updated_at, next_due_at)
       select 'GEN' || lpad(i::text, 9, '0'), (array['repair','complaint','consultation'])[1 + i % 3], 'hotline',
              (array['dispatch','processing','closed','completed'])[1 + i % 4], '生成工单 ' || i, $1, $2, $3, false,
              now() - make_interval(mins => i % 100000), now() - make_interval(mins => i % 100000), now(),
              case when i % 4 < 2 then now() + interval '1 day' end
         from generate_series($4::int, $5::int) i`,
      [project.company, project.path, project.id, from, to],
    );
    await pool.query(
      `insert into sla_clocks (ticket_id, node, mode, limit_minutes, warn_percent, ladder, started_at, warn_at, due_at,
                               next_check_at, stopped_at, outcome, org_path)
       select t.id, 'processing', 'calendar', 1440, 80, $1::jsonb, now(), now() + interval '1152 minutes',
              now() + interval '1 day', case when t.status in ('dispatch','processing') then now() + interval '1152 minutes' end,
              case when t.status not in ('dispatch','processing') then now() end,
              case when t.status not in ('dispatch','processing') then 'met' end, $2
         from tickets t where t.number between 'GEN' || lpad($3::text, 9, '0') and 'GEN' || lpad($4::text, 9, '0')`,
      [ladder, project.path, from, to],
    );
  }
  await pool.query('analyze');
  console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const makeDue = (n: number) =>
    pool.query(
      `update sla_clocks set started_at = now() - interval '70 minutes', limit_minutes = 60, warn_at = now() - interval '22 minutes',
              due_at = now() - interval '10 minutes', next_check_at = now() - interval '22 minutes'
        where id in (select id from sla_clocks where next_check_at > now() order by next_check_at limit $1)`,
      [n],
    );
  const sweep = async (n: number) => {
    await makeDue(n);
    const s0 = performance.now();
    const result = await services.tickets.sweep.run();
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
  row('createTicket', create.full, create.bare);
  row('getTicket', get.full, get.bare);
  row('transitionTicket (hold/resume)', move.full, move.bare);
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
