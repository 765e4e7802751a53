/**
 * The cluster detector on PostgreSQL: a burst of 1,000 new complaints and repairs read by the detector (as its
 * listener does, one transaction per ticket), with 100,000 and then BENCH_QUALITY_HISTORY (default 1,000,000)
 * historical tickets already read. Prints ms per 1,000 new tickets at each size and their ratio (goal ≤ 1.5: the work
 * grows with the new tickets, not the history), the same burst's bare insert of its signal rows as a baseline, and
 * the time from the ticket that crosses the threshold to its cluster (goal: within one detector run, ≤ 60 s).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_quality BENCH_QUALITY_HISTORY=1000000 npm run bench:quality
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createServices } from '../apps/server/src/app.js';
import type { RequestContext } from '../apps/server/src/platform/auth/principal.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { freshDatabase } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_quality';
const history = Number(process.env.BENCH_QUALITY_HISTORY ?? 1_000_000);
const BURST = 1_000;
const TITLES = ['卫生间天花板渗水', '客厅墙面开裂', '卧室地面空鼓', '阳台推拉门关不严', '厨房下水堵塞', '入户插座无电'];
const CATEGORIES = ['leak', 'crack', 'hollow_plaster', 'doors_windows', 'plumbing', 'electrical'];

/** Historical signals, set-based: spread over the scale projects' buildings and the last two years. */
async function addHistory(pool: pg.Pool, from: number, to: number) {
  for (let start = from; start <= to; start += 200_000) {
    const end = Math.min(to, start + 199_999);
    await pool.query(
      `with b as (select id, project_id, row_number() over (order by id) - 1 as k, count(*) over () as n from buildings),
            p as (select id, path, parent_id from org_units where type = 'project')
       insert into quality_ticket_signals (ticket_id, number, title, type, company_id, project_id, org_path, scope_key,
                                           household, categories, words, signal_words, reported_at)
       select gen_random_uuid(), 'HIS' || lpad(i::text, 9, '0'), ($3::text[])[1 + i % 6], 'repair', p.parent_id, b.project_id,
              p.path, 'b:' || b.id, 'h' || (i % 50000), array['cat:' || ($4::text[])[1 + i % 6]],
              array['卫生间', '渗水', '墙面', '开裂'], '{}', now() - make_interval(mins => ((i::bigint * 7919) % (730 * 1440))::int)
         from generate_series($1::int, $2::int) i
         join b on b.k = i % b.n
         join p on p.id = b.project_id`,
      [start, end, TITLES, CATEGORIES],
    );
  }
  await pool.query('analyze quality_ticket_signals');
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
  await seedScale(database.db, systemClock, 20_000, () => undefined);
  const services = createServices(config, database, systemClock, console as never);
  const [admin] = await queryRows<{ id: string }>(database.db, sql`select id from users where username = 'admin'`);
  const principal = await services.org.access.loadUser((admin as { id: string }).id);
  if (!principal) throw new Error('no admin');
  const ctx: RequestContext = { principal, ip: null, requestId: 'bench:quality' };
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const units = (
    await pool.query<{ id: string }>(
      `select u.id from units u join org_units p on p.id = u.project_id where p.code like 'SCALE-%' order by u.id`,
    )
  ).rows;

  /** 1,000 new tickets on spread homes (not timed), then read by the detector one by one (timed). */
  const burst = async (label: string, seedOffset: number) => {
    const ids: string[] = [];
    for (let i = 0; i < BURST; i++) {
      const unit = units[(seedOffset + i * 37) % units.length] as { id: string };
      const k = i % TITLES.length;
      const { ticket } = await services.tickets.tickets.create(ctx, {
        type: 'repair',
        channel: 'hotline',
        priority: 'normal',
        major: false,
        title: TITLES[k] as string,
        description: '',
        unitId: unit.id,
        categoryCode: CATEGORIES[k],
        inspectionRequired: false,
      });
      ids.push(ticket.id);
    }
    const t0 = performance.now();
    for (const id of ids) await database.db.transaction((tx) => services.quality.detector.ingest(tx, id, new Date()));
    const ms = performance.now() - t0;
    console.log(`${label}: ${ms.toFixed(0)} ms per ${BURST.toLocaleString()} new tickets`);
    return ms;
  };

  const baseline = async () => {
    const t0 = performance.now();
    await pool.query(
      `insert into quality_ticket_signals (ticket_id, number, title, type, company_id, project_id, org_path, scope_key,
                                           household, categories, words, signal_words, reported_at, active)
       select gen_random_uuid(), 'BASE' || i, 'x', 'repair', gen_random_uuid(), gen_random_uuid(), '/', 'b:x', 'h',
              '{}', '{}', '{}', now(), false
         from generate_series(1, ${BURST}) i`,
    );
    return performance.now() - t0;
  };

  console.log('history: 100,000 tickets…');
  await addHistory(pool, 1, 100_000);
  const small = await burst('100,000 history', 0);
  const base = await baseline();
  console.log(`history: ${history.toLocaleString()} tickets…`);
  await addHistory(pool, 100_001, history);
  const large = await burst(`${history.toLocaleString()} history`, 7);
  console.log(`baseline (bare insert of ${BURST} signal rows): ${base.toFixed(0)} ms`);
  console.log(
    `ratio ${history.toLocaleString()} / 100,000: ${(large / small).toFixed(2)} (goal ≤ 1.5); ` +
      `detector / bare insert: ${(large / base).toFixed(1)}×`,
  );

  // Five homes of one building call about the same leak: the fifth ticket crosses the threshold.
  const [building] = (
    await pool.query<{ building_id: string }>(
      `select building_id from units u join org_units p on p.id = u.project_id where p.code like 'SCALE-%'
        group by building_id having count(*) >= 5 limit 1`,
    )
  ).rows;
  const homes = (
    await pool.query<{ id: string }>('select id from units where building_id = $1 order by id limit 5', [
      building?.building_id,
    ])
  ).rows;
  let crossing = 0;
  for (const [i, home] of homes.entries()) {
    const { ticket } = await services.tickets.tickets.create(ctx, {
      type: 'repair',
      channel: 'hotline',
      priority: 'normal',
      major: false,
      title: '卫生间天花板渗水',
      description: '楼上卫生间渗水到本户天花板',
      unitId: home.id,
      categoryCode: 'leak',
      inspectionRequired: false,
    });
    const t0 = performance.now();
    await database.db.transaction((tx) => services.quality.detector.ingest(tx, ticket.id, new Date()));
    if (i === homes.length - 1) crossing = performance.now() - t0;
  }
  const raised = (
    await pool.query('select count(*)::int as n from quality_clusters where building_id = $1', [building?.building_id])
  ).rows[0];
  console.log(
    `threshold crossed: cluster raised ${raised?.n === 1 ? 'yes' : 'NO'} in ${crossing.toFixed(1)} ms (goal ≤ 60 s)`,
  );
  await pool.end();
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
