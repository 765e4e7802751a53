/**
 * The KPI engine on PostgreSQL at BENCH_TICKETS tickets (default 5,000,000, two clocks each) and BENCH_CALLBACKS
 * answered repair callbacks (default 2,000,000), spread over 60 months across the scale projects' units; each figure
 * with a baseline measured in the same run:
 *  1. computing all KPIs of one month for the whole group (a closed run: facts, sums up the tree, targets): seconds,
 *     facts written, and the ratio to bare aggregate SQL counting the same month's K1 and K2 (goal: ≤ 60 s);
 *  2. the executive dashboard of a city company over 12 months, warm: p95 of 50 loads, and the ratio to the raw
 *     aggregate SQL of the same figures (K1 and K2 for 12 months straight from the clocks and callbacks) (goal: ≤ 300 ms);
 *  3. recomputing the month again after the other half of the history was added: the ratio to the first run shows
 *     that a month's cost follows that month's records, not all history (goal: ≈ 1).
 * Generated data is kept between runs (BENCH_FRESH=1 starts over).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_kpis npm run bench:kpis
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { ensureDatabase, freshDatabase, percentile } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_kpis';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 5_000_000);
const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 2_000_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 200_000);
const MONTHS = 60;
/** The month measured: the 30th of the 60, so both halves of the history surround it. */
const MONTH_INDEX = 29;

const timed = async <T>(fn: () => Promise<T>) => {
  const t0 = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - t0) / 1000 };
};

/** Tickets `from..to` (by sequence) spread over months `[m0, m1)` of the 60 before this month, with two clocks each. */
async function generate(pool: pg.Pool, from: number, to: number, m0: number, m1: number) {
  for (let a = from; a <= to; a += 250_000) {
    const b = Math.min(to, a + 249_999);
    await pool.query(
      `with u as (select id, project_id, row_number() over (order by id) as n from units
                   where project_id in (select id from org_units where code like 'SCALE-%')),
            c as (select count(*) as k from u)
       insert into tickets (number, type, channel, status, title, company_id, org_path, project_id, unit_id,
                            category_code, leak, inspection_required, reported_at, created_at, updated_at, closed_at)
       select 'KB' || lpad(i::text, 9, '0'), (array['repair','repair','complaint'])[1 + i % 3], 'hotline',
              (array['closed','completed','processing','closed'])[1 + i % 4], '生成工单', p.company, p.path, u.project_id,
              u.id, (array['leak','walls','doors_windows','plumbing'])[1 + i % 4], i % 17 = 0, false, at, at, at,
              case when i % 4 <> 2 then at + interval '2 days' end
         from generate_series($1::int, $2::int) i
         cross join c
         join u on u.n = 1 + (i::bigint * 7919) % c.k
         join lateral (select o.path, (select x.id from org_units x where x.type = 'city_company'
                         and o.path like x.path || '%') as company from org_units o where o.id = u.project_id) p on true
         cross join lateral (select date_trunc('month', now()) - make_interval(months => 60 - $3::int - (i % ($4::int - $3::int)))
                               + make_interval(mins => ((i::bigint * 37) % 40000)::int) as at) t`,
      [a, b, m0, m1],
    );
    await pool.query(
      `insert into sla_clocks (subject_type, subject_id, node, mode, limit_minutes, warn_percent, ladder, started_at,
                               warn_at, due_at, stopped_at, outcome, org_path, holder_org_id)
       select 'ticket', t.id, n.node, 'calendar', 1440, 80, '[]'::jsonb, t.reported_at, t.reported_at + interval '19 hours',
              t.reported_at + interval '1 day', t.reported_at + make_interval(hours => 6 + (hashtext(t.number) & 31)),
              case when 6 + (hashtext(t.number) & 31) <= 24 then 'met' else 'breached' end, t.org_path,
              (select d.id from org_units d where d.type = 'department' and d.parent_id = t.company_id limit 1)
         from tickets t cross join (values ('reception'), ('processing')) n(node)
        where t.number between 'KB' || lpad($1::text, 9, '0') and 'KB' || lpad($2::text, 9, '0')`,
      [a, b],
    );
  }
}

/** Answered repair callbacks on generated repairs `from..to`, a score 1–5 each, a few days after the ticket. */
async function callbacks(pool: pg.Pool, from: number, to: number) {
  await pool.query(
    `insert into survey_requests (survey_id, survey_version, kind, subject_type, subject_id, unit_id, project_id,
                                  company_id, org_path, channel, status, method, attempts, score, recorded_at, created_at)
     select s.id, 1, 'repair_callback', 'ticket', t.id, t.unit_id, t.project_id, t.company_id, t.org_path, 'phone',
            'answered', 'phone', 1, 1 + (hashtext(t.number) & 4) % 5, t.reported_at + interval '3 days',
            t.reported_at + interval '3 days'
       from tickets t cross join (select id from surveys where code = 'repair_callback') s
      where t.type = 'repair' and t.number between 'KB' || lpad($1::text, 9, '0') and 'KB' || lpad($2::text, 9, '0')`,
    [from, to],
  );
}

async function main() {
  const fresh = process.env.BENCH_FRESH === '1';
  await (fresh ? freshDatabase(url) : ensureDatabase(url));
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    jobsEnabled: false,
  };
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 8, statementTimeoutMs: 600_000 });
  await migrateDatabase(database);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const have = Number((await pool.query(`select count(*) from tickets where number like 'KB%'`)).rows[0].count);
  const half = Math.floor(TICKETS / 2);
  if (have === 0) {
    await seed(database.db, systemClock, {
      demo: true,
      crypto: new FieldCrypto(config.encryptionKey),
      adminPassword: 'Bench-admin-1',
    });
    console.log(`generating ${UNITS.toLocaleString()} households…`);
    await seedScale(database.db, systemClock, UNITS, () => undefined);
    console.log(`generating the first ${half.toLocaleString()} tickets (months 1–${MONTH_INDEX + 1})…`);
    await generate(pool, 1, half, 0, MONTH_INDEX + 1);
    await callbacks(pool, 1, Math.round((CALLBACKS * 1.5) / 2));
    await pool.query('analyze');
  }
  const { app, services } = await buildApp({ config, database, serveConsole: false });
  await app.ready();
  const engine = services.analytics.kpis.engine;
  const month = new Date(Date.now() - (MONTHS - MONTH_INDEX) * 30.5 * 86_400_000).toISOString().slice(0, 7);
  const from = `${month}-01`;

  // 1. the month, for the whole group, against bare aggregate SQL of two of its KPIs
  const bare = await timed(() =>
    pool.query(
      `select holder_org_id, count(*), count(*) filter (where outcome = 'met') from sla_clocks
        where subject_type = 'ticket' and stopped_at >= $1::date and stopped_at < ($1::date + interval '1 month')
        group by 1`,
      [from],
    ),
  );
  const bareCallbacks = await timed(() =>
    pool.query(
      `select project_id, count(*) filter (where score >= 4), count(*) from survey_requests
        where kind = 'repair_callback' and status = 'answered'
          and recorded_at >= $1::date and recorded_at < ($1::date + interval '1 month') group by 1`,
      [from],
    ),
  );
  const first = await timed(() =>
    engine.runMonth({ month, state: 'closed', asOf: new Date(), recompute: true, reason: 'bench' }),
  );
  const facts = Number(
    (await pool.query('select count(*) from kpi_facts where run_id = $1', [first.result.id])).rows[0].count,
  );
  const bareSeconds = bare.seconds + bareCallbacks.seconds;
  console.log(
    `1. all KPIs of ${month} for the group: ${first.seconds.toFixed(1)} s, ${facts.toLocaleString()} facts ` +
      `(bare K1+K2 aggregate ${bareSeconds.toFixed(2)} s, ratio ${(first.seconds / bareSeconds).toFixed(1)}×; goal ≤ 60 s)`,
  );

  // 2. the executive dashboard of a city company over 12 months, warm
  const company = (await pool.query(`select id from org_units where type = 'city_company' order by code limit 1`))
    .rows[0].id;
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'Bench-admin-1' },
  });
  const cookie = `anju_sid=${login.cookies.find((c) => c.name === 'anju_sid')?.value}`;
  const last = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 7);
  const board = async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/dashboards?kind=executive&scope=${company}&period=${last}`,
      headers: { cookie },
    });
    if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body}`);
  };
  await board();
  const loads: number[] = [];
  for (let i = 0; i < 50; i++) loads.push((await timed(board)).seconds * 1000);
  const raw = await timed(() =>
    pool.query(
      `select date_trunc('month', c.stopped_at), count(*) filter (where c.outcome = 'met'), count(*)
         from sla_clocks c join org_units o on o.id = c.holder_org_id
        where c.subject_type = 'ticket' and c.stopped_at >= ($1::date - interval '11 months') and o.path like
              (select path from org_units where id = $2) || '%'
        group by 1`,
      [`${last}-01`, company],
    ),
  );
  const p95 = percentile(loads, 0.95);
  console.log(
    `2. executive dashboard, 12 months, warm: p95 ${p95.toFixed(0)} ms of 50 loads ` +
      `(raw K1 aggregate of the same months ${(raw.seconds * 1000).toFixed(0)} ms, ratio ${(p95 / (raw.seconds * 1000)).toFixed(2)}×; goal ≤ 300 ms)`,
  );

  // 3. the other half of the history arrives; the month costs what its own records cost
  if (have < TICKETS) {
    console.log(
      `generating the other ${(TICKETS - half).toLocaleString()} tickets (months ${MONTH_INDEX + 2}–${MONTHS})…`,
    );
    await generate(pool, half + 1, TICKETS, MONTH_INDEX + 1, MONTHS);
    await callbacks(pool, half + 1, TICKETS);
    await pool.query('analyze');
  }
  const again = await timed(() =>
    engine.runMonth({ month, state: 'closed', asOf: new Date(), recompute: true, reason: 'bench' }),
  );
  console.log(
    `3. the same month again with twice the history: ${again.seconds.toFixed(1)} s ` +
      `(ratio to the first run ${(again.seconds / first.seconds).toFixed(2)}×; goal ≈ 1)`,
  );
  await pool.end();
  await app.close();
  await database.close();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
