/**
 * The journey planner on PostgreSQL at BENCH_OWNERSHIPS households (default 1,000,000), each figure with a baseline
 * measured in the same run:
 *  1. the first run over every household (sync from the homes' records, then plan every subject page by page):
 *     seconds, tasks written (with their SLA clocks), and the ratio to a bare `INSERT … SELECT` writing the same task
 *     rows (goal: first run ≤ 10 min);
 *  2. a daily run where 1 % and then 5 % of the households' anchors changed (their move-in dates moved, synced as the
 *     ownership listener does, then planned): seconds and tasks moved, and the 5 %/1 % ratio — the run grows with the
 *     anchors that changed, not with all owners (goal: ≤ 30 s).
 * Households get spread dates: contract signed over the last six years, delivery batches planned and delivered
 * across them, moved in after delivery.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_journeys BENCH_OWNERSHIPS=1000000 npm run bench:journeys
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createServices } from '../apps/server/src/app.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { freshDatabase } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_journeys';
const total = Number(process.env.BENCH_OWNERSHIPS ?? 1_000_000);

const timed = async <T>(fn: () => Promise<T>) => {
  const t0 = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - t0) / 1000 };
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
  console.log(`generating ${total.toLocaleString()} households…`);
  await seedScale(database.db, systemClock, total, () => undefined);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // Spread the anchors: one delivery batch per 1,000 units, planned over the six years around today, delivered
  // (those in the past) a few days late; contracts 6–30 months before delivery; moved in 1–3 months after.
  const SCALE = `(select id from org_units where code like 'SCALE-%')`;
  await pool.query(`
    insert into delivery_batches (id, project_id, name)
    select distinct md5(x.project_id::text || ((x.n - 1) / 1000)::text)::uuid, x.project_id, 'batch'
      from (select project_id, row_number() over (partition by project_id order by id) as n
              from units where project_id in ${SCALE}) x`);
  await pool.query(`
    update delivery_batches b set planned_date = current_date + ((abs(hashtext(b.id::text)) % 2190) - 1825),
           name = 'batch ' || left(b.id::text, 8)
     where b.name = 'batch'`);
  await pool.query(`update delivery_batches set actual_date = planned_date + 5
                     where planned_date + 5 < current_date and name like 'batch %'`);
  await pool.query(`
    update units u set delivery_batch_id = b.id,
           status = case when b.actual_date is null then 'sold' else 'delivered' end, delivered_on = b.actual_date
      from (select id, project_id, row_number() over (partition by project_id order by id) as n
              from units where project_id in ${SCALE}) x
      join delivery_batches b on b.id = md5(x.project_id::text || ((x.n - 1) / 1000)::text)::uuid
     where x.id = u.id`);
  await pool.query(`
    update ownerships o set contract_date = b.planned_date - (180 + abs(hashtext(o.id::text)) % 720),
           delivery_date = b.actual_date,
           move_in_date = case when b.actual_date is not null then b.actual_date + (30 + abs(hashtext(o.id::text)) % 60) end
      from units u join delivery_batches b on b.id = u.delivery_batch_id
     where u.id = o.unit_id and u.project_id in ${SCALE}`);
  await pool.query('analyze');
  const [{ n: households }] = (await pool.query('select count(*)::int as n from ownerships')).rows;

  const services = createServices(config, database, systemClock, { info() {}, warn() {}, error() {} } as never);
  const planner = services.journeys.planner;
  const drain = async () => {
    let runs = 0;
    const sum = { subjects: 0, created: 0, moved: 0, cancelled: 0 };
    for (;;) {
      const r = await planner.run();
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k];
      runs++;
      if (r.subjects === 0) return { ...sum, runs };
    }
  };

  // 1. the first run over everyone
  const first = await timed(async () => {
    await planner.sync(database.db, { all: true });
    return drain();
  });
  const [{ n: tasks }] = (await pool.query('select count(*)::int as n from journey_tasks')).rows;
  await pool.query('create table bench_tasks (like journey_tasks including all)');
  const bare = await timed(() => pool.query('insert into bench_tasks select * from journey_tasks'));

  // 2. daily runs with 1 % and 5 % of the anchors changed
  const daily = async (share: number) => {
    const { rows } = await pool.query(
      `update ownerships set move_in_date = coalesce(move_in_date, current_date) + 7
        where id in (select id from ownerships where abs(hashtext(id::text || $2)) % 10000 < $1)
        returning id`,
      [Math.round(share * 10_000), String(share)],
    );
    const ids = rows.map((r: { id: string }) => r.id);
    return timed(async () => {
      for (let i = 0; i < ids.length; i += 5_000) {
        await planner.sync(database.db, { ownershipIds: ids.slice(i, i + 5_000) });
      }
      return { changed: ids.length, ...(await drain()) };
    });
  };
  const one = await daily(0.01);
  const five = await daily(0.05);

  console.log(`\nJourney planner at ${households.toLocaleString()} households (PostgreSQL)`);
  console.log(
    `1. first run: ${first.seconds.toFixed(1)} s (goal ≤ 600 s), ${first.result.subjects.toLocaleString()} subjects planned in ${first.result.runs} runs, ${tasks.toLocaleString()} tasks written with their clocks`,
  );
  console.log(
    `   bare INSERT … SELECT of the same ${tasks.toLocaleString()} task rows: ${bare.seconds.toFixed(2)} s; ratio planner/bare ${(first.seconds / bare.seconds).toFixed(1)}×`,
  );
  for (const [label, run] of [
    ['1 %', one],
    ['5 %', five],
  ] as const) {
    console.log(
      `2. daily run, ${label} of anchors changed (${run.result.changed.toLocaleString()} households): ${run.seconds.toFixed(1)} s (goal ≤ 30 s), ${run.result.moved.toLocaleString()} tasks moved, ${run.result.created.toLocaleString()} written`,
    );
  }
  console.log(`   5 % / 1 % time ratio: ${(five.seconds / one.seconds).toFixed(1)}× (grows with the changed anchors)`);
  await pool.end();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
