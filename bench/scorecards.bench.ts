/**
 * The supplier scorecards and design feedback on PostgreSQL (decisions §49: counted when asked, from read-only
 * statements over a period's repair items). The measured month and the eleven before it hold BENCH_SCORECARD_MONTH
 * repairs each (default 5,000; the previous month's ranking and the twelve-month trend read them); the history —
 * 100,000 and then BENCH_SCORECARD_HISTORY (default 1,000,000) repairs — lies in the four years before that year and
 * the twelve months after the measured one, on the same households. Through the service, warm, p95 of 20 calls each:
 * listSupplierScorecards for the whole group, getSupplierScorecard of one contractor and getDesignFeedback, at both
 * sizes, with the ratio full / 100k (goal ≤ 1.5: the work follows the period's repairs, not all history) and the
 * ratio to a baseline measured in the same run (bare aggregate SQL counting the month's repairs per supplier). Each
 * statement is also run under EXPLAIN (ANALYZE, BUFFERS) at both sizes: a statement whose buffers grow more than
 * 1.5× is printed with the plan node that reads the most, and one JIT-compiled or run by parallel workers is flagged.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_scorecards npm run bench:scorecards
 */
import { performance } from 'node:perf_hooks';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { createServices } from '../apps/server/src/app.js';
import { monthPlus } from '../apps/server/src/modules/analytics/kpi-periods.js';
import { insertOrgUnit } from '../apps/server/src/modules/org/org.seed.js';
import { OrgUnitRepository } from '../apps/server/src/modules/org/org-unit.repository.js';
import { ScorecardRepository } from '../apps/server/src/modules/quality/scorecards/scorecard.repository.js';
import { periodRange } from '../apps/server/src/modules/quality/scorecards/scorecard-figures.js';
import type { RequestContext } from '../apps/server/src/platform/auth/principal.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { type Executor, openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { freshDatabase, percentile } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_scorecards';
const HISTORY = Number(process.env.BENCH_SCORECARD_HISTORY ?? 1_000_000);
const PER_MONTH = Number(process.env.BENCH_SCORECARD_MONTH ?? 5_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 100_000);
const FIRST_HISTORY = Math.min(100_000, HISTORY);
const CALLS = 20;
/** 60 months from `base`: history in 0–35, the year read in 36–47 (47 is measured), history again in 48–59. */
const WINDOW = Array.from({ length: 12 }, (_, k) => 36 + k);
const HISTORY_MONTHS = Array.from({ length: 60 }, (_, k) => k).filter((k) => k < 36 || k > 47);
const CATEGORIES = ['leak', 'crack', 'hollow_plaster', 'doors_windows', 'plumbing', 'electrical'];
const ROOMS = ['bathroom', 'kitchen', 'bedroom', 'living_room', 'balcony'];
const CAUSES = ['workmanship', 'material', 'design', 'owner_misuse', 'other'];

/**
 * Repairs `from..to` (by sequence) in `months` (offsets from `base`, round robin), on the scale households (a
 * household's weak spot — one part — takes two repairs in three, so 90-day repeats occur; one in 41 a common area),
 * charged to the company's contractors (leaks: the group-wide waterproofing one; one in 25 to none); closed ones
 * with a root cause, one in 29 flagged 图纸不符; answered repair callbacks on three in four of the closed ones.
 */
async function generate(pool: pg.Pool, base: string, from: number, to: number, months: number[]) {
  for (let a = from; a <= to; a += 200_000) {
    const b = Math.min(to, a + 199_999);
    await pool.query(
      `with u as (select u.id, u.project_id, row_number() over (order by u.id) as n from units u
                   join org_units o on o.id = u.project_id where o.code like 'SCALE-%'),
            c as (select count(*) as k from u),
            s as (select id, parent_id, row_number() over (partition by parent_id order by code) - 1 as k,
                         count(*) over (partition by parent_id) as n
                    from org_units where type = 'contractor' and code like 'BENCH-%')
       insert into tickets (number, type, channel, status, title, company_id, org_path, project_id, unit_id,
                            category_code, room, root_cause, drawing_mismatch, responsible_org_id, leak,
                            inspection_required, reported_at, created_at, updated_at, closed_at)
       select 'SC' || lpad(i::text, 9, '0'), 'repair', 'hotline', x.status, '生成报修', p.parent_id, p.path, p.id,
              case when not x.common then u.id end, x.category, x.room,
              case when x.status in ('closed', 'completed') then ($7::text[])[1 + (r.h / 11) % 5] end,
              (r.h / 13) % 29 = 0,
              case when (r.h / 17) % 25 = 0 then null
                   when x.category = 'leak' then (select id from s where s.parent_id = $8::uuid)
                   else (select s.id from s where s.parent_id = p.parent_id and s.k = (r.h / 19) % s.n) end,
              x.category = 'leak', false, t.at, t.at, t.at,
              case when x.status in ('closed', 'completed') then t.at + make_interval(hours => 2 + (hashtext('h' || i) & 255)) end
         from generate_series($1::int, $2::int) i
         cross join lateral (select hashtext('x' || i) & 2147483647 as h) r
         cross join c
         join u on u.n = 1 + (hashtext('u' || i) & 2147483647) % c.k
         join org_units p on p.id = u.project_id
         cross join lateral (select
           r.h % 41 = 0 as common,
           case (r.h / 7) % 20 when 0 then 'cancelled' when 1 then 'processing' when 2 then 'processing'
                when 3 then 'completed' when 4 then 'completed' else 'closed' end as status,
           ($5::text[])[1 + (case when r.h % 41 = 0 or (r.h / 23) % 3 = 0 then r.h / 29 else u.n end) % 6] as category,
           ($6::text[])[1 + (case when r.h % 41 = 0 or (r.h / 23) % 3 = 0 then r.h / 31 else u.n / 6 end) % 5] as room) x
         cross join lateral (select (($3::timestamp + make_interval(months => ($4::int[])[1 + i % cardinality($4::int[])]))
                                      at time zone 'Asia/Shanghai')
                                    + make_interval(mins => (hashtext('t' || i) & 2147483647) % 40320) as at) t`,
      [a, b, `${base}-01`, months, CATEGORIES, ROOMS, CAUSES, groupId],
    );
    await pool.query(
      `insert into survey_requests (survey_id, survey_version, kind, subject_type, subject_id, unit_id, project_id,
                                    company_id, org_path, channel, status, method, attempts, score, recorded_at, created_at)
       select s.id, 1, 'repair_callback', 'ticket', t.id, t.unit_id, t.project_id, t.company_id, t.org_path, 'phone',
              'answered', 'phone', 1, 1 + (hashtext(t.number) & 1023) % 5, t.closed_at + interval '1 day',
              t.closed_at + interval '1 day'
         from tickets t cross join (select id from surveys where code = 'repair_callback') s
        where t.number between 'SC' || lpad($1::text, 9, '0') and 'SC' || lpad($2::text, 9, '0')
          and t.closed_at is not null and hashtext(t.number) & 3 <> 0`,
      [a, b],
    );
  }
  // the pages written are vacuumed (hint bits, visibility map) so both sizes are read alike
  await pool.query('vacuum analyze');
}

let groupId = '';

const dialect = new PgDialect();
/**
 * An executor that runs a repository statement under EXPLAIN and answers its plan as the only row (in the
 * repository's own transaction; its SET LOCALs run as they are).
 */
const explaining = (db: Executor): Executor =>
  ({
    execute: (q: SQL) =>
      /^\s*SET /i.test(dialect.sqlToQuery(q).sql)
        ? db.execute(q)
        : db.execute(sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q}`),
    transaction: <T>(fn: (tx: Executor) => Promise<T>) => db.transaction((tx) => fn(explaining(tx))),
  }) as unknown as Executor;

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
type Explained = { Plan: PlanNode; JIT?: { Timing?: { Total?: number } } };
/** Workers launched anywhere in the plan. */
const workers = (n: PlanNode): number =>
  Number(n['Workers Launched'] ?? 0) + (n.Plans ?? []).reduce((s, c) => s + workers(c), 0);
const blocks = (n: PlanNode) => Number(n['Shared Hit Blocks'] ?? 0) + Number(n['Shared Read Blocks'] ?? 0);
/** The node whose own reads (its buffers less its children's) are the most. */
function heaviest(n: PlanNode): { node: PlanNode; own: number } {
  const own = blocks(n) - (n.Plans ?? []).reduce((s, c) => s + blocks(c), 0);
  return (n.Plans ?? []).map(heaviest).reduce((best, c) => (c.own > best.own ? c : best), { node: n, own });
}

async function main() {
  await freshDatabase(url);
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    jobsEnabled: false,
  };
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 8, statementTimeoutMs: 600_000 });
  await migrateDatabase(database);
  await seed(database.db, systemClock, {
    demo: true,
    crypto: new FieldCrypto(config.encryptionKey),
    adminPassword: 'Bench-admin-1',
  });
  console.log(`generating ${UNITS.toLocaleString()} households…`);
  await seedScale(database.db, systemClock, UNITS, () => undefined);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const month = monthPlus(new Date().toISOString().slice(0, 7), -13);
  const base = monthPlus(month, -47);

  // four delivery batches per scale project (ten buildings each), delivered before the history starts
  await pool.query(
    `insert into delivery_batches (project_id, name, planned_date, actual_date, created_at, updated_at)
     select o.id, '第' || b || '批', $1::date - 1, $1::date - 1, now(), now()
       from org_units o cross join generate_series(1, 4) b where o.code like 'SCALE-%'`,
    [`${base}-01`],
  );
  await pool.query(
    `update units u set delivered_on = d.actual_date, delivery_batch_id = d.id
       from buildings g, delivery_batches d
      where g.id = u.building_id and d.project_id = u.project_id
        and u.project_id in (select id from org_units where code like 'SCALE-%')
        and d.name = '第' || ((substring(g.code from '^[0-9]+$')::int - 1) / 10 + 1) || '批'`,
  );
  // three contractors per city company and a group-wide waterproofing one
  const orgs = new OrgUnitRepository(database.db);
  const [group] = await orgs.list({ scopePath: '/', type: 'group', includeInactive: false });
  if (!group) throw new Error('no group');
  groupId = group.id;
  await insertOrgUnit(database.db, group, { type: 'contractor', name: '基准防水工程', code: 'BENCH-GRP' }, new Date());
  for (const company of await orgs.list({ scopePath: '/', type: 'city_company', includeInactive: false }))
    for (const k of [1, 2, 3])
      await insertOrgUnit(
        database.db,
        company,
        { type: 'contractor', name: `${company.name}基准施工${k}`, code: `BENCH-${company.code}-${k}` },
        new Date(),
      );
  const window = PER_MONTH * WINDOW.length;
  console.log(`generating ${window.toLocaleString()} repairs in the 12 months ending ${month}…`);
  await generate(pool, base, 1, window, WINDOW);

  const services = createServices(config, database, systemClock, console as never);
  const [manager] = await queryRows<{ id: string }>(
    database.db,
    sql`select id from users where username = 'wang.jianguo'`,
  );
  const principal = await services.org.access.loadUser((manager as { id: string }).id);
  if (!principal) throw new Error('no group manager');
  const ctx: RequestContext = { principal, ip: null, requestId: 'bench:scorecards' };
  const [supplier] = (
    await pool.query<{ id: string }>(
      `select responsible_org_id as id from tickets where number like 'SC%' and responsible_org_id is not null
        group by 1 order by count(*) desc, 1 limit 1`,
    )
  ).rows;
  if (!supplier) throw new Error('no supplier');
  const q = { period: month };
  const range = periodRange(month);
  const scorecards = services.quality.scorecards;
  const ops: [string, () => Promise<unknown>][] = [
    ['listSupplierScorecards (group)', () => scorecards.list(ctx, q)],
    ['getSupplierScorecard (one)', () => scorecards.get(ctx, supplier.id, q)],
    ['getDesignFeedback (group)', () => scorecards.designFeedback(ctx, q)],
    [
      'baseline: bare count per supplier',
      () =>
        pool.query(
          `select responsible_org_id, count(*) from tickets
            where type = 'repair' and status <> 'cancelled' and merged_into is null and responsible_org_id is not null
              and reported_at >= $1 and reported_at < $2 group by 1`,
          [range.from, range.to],
        ),
    ],
  ];
  const filter = { scopePath: principal.orgPath, from: range.from, to: range.to };
  const statements: [string, (r: ScorecardRepository) => Promise<unknown>][] = [
    ['sums per supplier', (r) => r.sums(filter, 'supplier')],
    ['sums per cell (one)', (r) => r.sums({ ...filter, supplierId: supplier.id }, 'cell')],
    [
      'monthly, 12 months (one)',
      (r) => r.monthly({ ...filter, supplierId: supplier.id, from: periodRange(monthPlus(month, -11)).from }),
    ],
    ['design sums', (r) => r.designSums(filter)],
  ];

  /** Warm p95 of each operation, the month's figures (to compare) and each statement's buffers. */
  const measure = async (label: string) => {
    const p95: number[] = [];
    const p50: number[] = [];
    for (const [, op] of ops) {
      await op();
      const times: number[] = [];
      for (let n = 0; n < CALLS; n++) {
        const t0 = performance.now();
        await op();
        times.push(performance.now() - t0);
      }
      p95.push(percentile(times, 0.95));
      p50.push(percentile(times, 0.5));
    }
    const list = await scorecards.list(ctx, q);
    const figures = JSON.stringify(list.items.map((r) => [r.supplierId, r.repairs, r.repeats, r.callbacks]));
    const plans: Explained[] = [];
    for (const [, run] of statements) {
      const rows = (await run(new ScorecardRepository(explaining(database.db)))) as { 'QUERY PLAN': Explained[] }[];
      plans.push(rows[0]?.['QUERY PLAN'][0] as Explained);
    }
    const repairs = list.items.reduce((n, r) => n + r.repairs, 0);
    const repeats = list.items.reduce((n, r) => n + r.repeats, 0);
    console.log(
      `${label}: ${list.items.length} suppliers, ${repairs.toLocaleString()} repairs charged in ${month}, ` +
        `${repeats.toLocaleString()} repeats; p95 ${p95.map((ms) => ms.toFixed(1)).join(' / ')} ms`,
    );
    return { p95, p50, figures, plans };
  };

  console.log(`history: ${FIRST_HISTORY.toLocaleString()} repairs…`);
  await generate(pool, base, window + 1, window + FIRST_HISTORY, HISTORY_MONTHS);
  const small = await measure(`${FIRST_HISTORY.toLocaleString()} history`);
  console.log(`history: ${HISTORY.toLocaleString()} repairs…`);
  await generate(pool, base, window + FIRST_HISTORY + 1, window + HISTORY, HISTORY_MONTHS);
  const large = await measure(`${HISTORY.toLocaleString()} history`);

  const bare = large.p95[3] as number;
  console.log(`\n${month}, ${PER_MONTH.toLocaleString()} repairs a month; warm p95 of ${CALLS} calls each:`);
  for (const [k, [name]] of ops.entries()) {
    const [a, b] = [small.p95[k] as number, large.p95[k] as number];
    const [ma, mb] = [small.p50[k] as number, large.p50[k] as number];
    console.log(
      `  ${name}: ${a.toFixed(1)} ms at ${FIRST_HISTORY.toLocaleString()}, ${b.toFixed(1)} ms at ` +
        `${HISTORY.toLocaleString()} (ratio ${(b / a).toFixed(2)}, goal ≤ 1.5; ${(b / bare).toFixed(1)}× the baseline; ` +
        `p50 ${ma.toFixed(1)} → ${mb.toFixed(1)} ms, ${(mb / ma).toFixed(2)})`,
    );
  }
  console.log(`  the month's figures at both sizes: ${small.figures === large.figures ? 'the same' : 'DIFFERENT'}`);
  for (const [k, [name]] of statements.entries()) {
    const [before, after] = [small.plans[k] as Explained, large.plans[k] as Explained];
    const [a, b] = [blocks(before.Plan), blocks(after.Plan)];
    const surprises: string[] = [];
    if (b / a > 1.5) {
      const { node, own } = heaviest(after.Plan);
      const what = [node['Node Type'], node['Index Name'] ?? node['Relation Name']].filter(Boolean).join(' on ');
      surprises.push(`${what} reads ${own.toLocaleString()} buffers over ${node['Actual Loops']} loops`);
    }
    for (const [size, e] of [
      [FIRST_HISTORY, before],
      [HISTORY, after],
    ] as const) {
      if (e.JIT) surprises.push(`JIT at ${size.toLocaleString()} (${e.JIT.Timing?.Total?.toFixed(0)} ms)`);
      if (workers(e.Plan) > 0) surprises.push(`${workers(e.Plan)} parallel workers at ${size.toLocaleString()}`);
    }
    console.log(
      `  EXPLAIN ${name}: ${a.toLocaleString()} → ${b.toLocaleString()} buffers (${(b / a).toFixed(2)}×)` +
        (surprises.length > 0 ? ` — SURPRISE: ${surprises.join('; ')}` : ''),
    );
  }
  await pool.end();
  await database.close();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
