/**
 * Handover day (issue 13): BENCH_HOUSEHOLDS (default 500) households of one delivery batch checking in, inspected
 * room by room (some with a defect, which opens a repair ticket, its photo uploaded first) and signing (some
 * refusing the keys) over HTTP against the real server, at most BENCH_CONCURRENCY households at once (default 20
 * desks), arriving evenly over BENCH_WINDOW_SECONDS (default 120: the hour compressed 30×; 0 drives the desks flat out),
 * while the SLA sweep (`services.sla.sweep.run()`, with clocks coming due on BENCH_TICKETS generated tickets) and
 * the journey planner (`services.journeys.planner.run()`, after anchors of 1 % of BENCH_BACKGROUND other
 * households moved) run in the same process every BENCH_BACKGROUND_EVERY_MS (default 2,000: the minutely sweep
 * compressed 30×; BENCH_DUE_PER_SWEEP clocks, default 1,000, come due before each sweep), and the job runner works
 * the listeners and SMS. The event loop's delay is sampled in each phase (the sweep and the planner share it).
 *
 * BENCH_LOG_SLOW_MS=50 has PostgreSQL log the statements slower than 50 ms (to EXPLAIN them afterwards).
 *
 * Baselines measured in the same run: a cheap authenticated GET (`/api/auth/me`) at the same concurrency with
 * nothing else running, and the first BENCH_QUIET households (default 20 %) driven through the same requests with
 * the sweep, the planner and the job runner idle. Prints count, p50/p95/p99 per request kind and the ratios
 * (goal: p99 ≤ 200 ms per request). Exits non-zero only when a request fails, never on timing.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_handover BENCH_HOUSEHOLDS=500 \
 *     BENCH_CONCURRENCY=20 npm run bench:handover
 */

import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { ok, overHttp, type Reply } from './http.js';
import { drive, freshDatabase, generateTickets, makeClocksDue, percentile } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_handover';
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const BACKGROUND = Math.max(HOUSEHOLDS, Number(process.env.BENCH_BACKGROUND ?? 20_000));
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const EVERY_MS = Number(process.env.BENCH_BACKGROUND_EVERY_MS ?? 2_000);
const QUIET = Math.round(HOUSEHOLDS * Number(process.env.BENCH_QUIET ?? 0.2));
/** The hour of the day compressed into this many seconds (households arrive evenly); 0 drives the desks flat out. */
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 120);
/** Clocks made due before each sweep pass, and the share of households whose anchors move before each plan. */
const DUE_PER_PASS = Number(process.env.BENCH_DUE_PER_SWEEP ?? 1_000);
const MOVED_PER_PASS = Math.max(1, Math.round(BACKGROUND / 100));
const GOAL_MS = 200;
/** When set, PostgreSQL logs each statement of the benchmark's database slower than this (its server log). */
const LOG_SLOW_MS = process.env.BENCH_LOG_SLOW_MS;

/** A 1×1 PNG: the owner's signature drawn on the tablet, and the inspection photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const SIGNATURE = `data:image/png;base64,${PNG.toString('base64')}`;
const ROOMS = ['living_room', 'bedroom', 'kitchen', 'bathroom', 'balcony'] as const;
const KEYS = ['walls', 'doors_windows', 'water', 'electrics'] as const;
/** Three households in ten report a defect; one in twenty refuses the keys. */
const hasDefect = (i: number) => i % 10 < 3;
const refuses = (i: number) => i % 20 === 19;

type Kind = 'checkIn' | 'photo' | 'inspection' | 'sign' | 'refuse' | 'board';
const KINDS: Kind[] = ['checkIn', 'photo', 'inspection', 'sign', 'refuse', 'board'];
type Samples = Map<Kind, number[]>;
const failures: string[] = [];

/** A multipart/form-data POST of one file over the same kind of keep-alive connection as the other calls. */
function uploader(port: number, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (path: string, headers: Record<string, string>, file: Buffer) =>
    new Promise<Reply>((resolve, reject) => {
      const boundary = `----anjubench${Math.random().toString(16).slice(2)}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="defect.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path,
          agent,
          headers: {
            ...headers,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': body.length,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'anju-bench-handover-'));
  await freshDatabase(url);
  if (LOG_SLOW_MS) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `alter database ${new URL(url).pathname.slice(1)} set log_min_duration_statement = ${Number(LOG_SLOW_MS)}`,
    );
    await admin.end();
  }
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: config.pool?.size });
  await migrateDatabase(database);
  await seed(database.db, systemClock, {
    demo: true,
    crypto: new FieldCrypto(config.encryptionKey),
    adminPassword: 'Bench-admin-1',
  });
  console.log(`generating ${BACKGROUND.toLocaleString()} households and ${TICKETS.toLocaleString()} tickets…`);
  await seedScale(database.db, systemClock, BACKGROUND, () => undefined);
  const pool = new pg.Pool({ connectionString: url, max: 4 });

  // The households around the batch get spread anchors, as in journeys.bench.ts: one delivery batch per 1,000
  // units over the six years around today, contracts 6–30 months before delivery, moved in 1–3 months after.
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

  // The handover batch: HOUSEHOLDS sold (not yet delivered) units of the first scale project, each with its owner,
  // planned for tomorrow.
  const [project] = (
    await pool.query<{ id: string; path: string; company: string }>(
      `select id, path, parent_id as company from org_units where code = 'SCALE-1'`,
    )
  ).rows;
  if (!project) throw new Error('scale data missing');
  const [{ id: batchId }] = (
    await pool.query<{ id: string }>(
      `insert into delivery_batches (project_id, name, planned_date) values ($1, '集中交付 一期', current_date + 1)
       returning id`,
      [project.id],
    )
  ).rows as [{ id: string }];
  const homes = (
    await pool.query<{ unitId: string }>(
      `with chosen as (
         select u.id from units u join ownerships o on o.unit_id = u.id and o.active
          where u.project_id = $1 order by u.code limit $2)
       update units u set delivery_batch_id = $3, status = 'sold', delivered_on = null
         from chosen where chosen.id = u.id returning u.id as "unitId"`,
      [project.id, HOUSEHOLDS, batchId],
    )
  ).rows;
  await pool.query(
    `update ownerships set contract_date = current_date - 400, delivery_date = null, move_in_date = null
      where unit_id in (select id from units where delivery_batch_id = $1)`,
    [batchId],
  );
  if (homes.length < HOUSEHOLDS) throw new Error(`only ${homes.length} homes for the batch`);
  await generateTickets(pool, project, TICKETS);
  await pool.query('analyze');

  const { app, services } = await buildApp({ config: { ...config, jobsEnabled: true }, database, serveConsole: false });
  await app.ready();
  const planner = services.journeys.planner;
  // the planner's first run over everyone, so the day sees it in its daily state
  const firstPlan = performance.now();
  await planner.sync(database.db, { all: true });
  while ((await planner.run()).subjects > 0) {}
  console.log(`  data ready; planner's first run ${((performance.now() - firstPlan) / 1000).toFixed(1)} s`);
  const others = (
    await pool.query<{ id: string }>(
      `select o.id from ownerships o join units u on u.id = o.unit_id
        where u.delivery_batch_id is distinct from $1 order by o.id`,
      [batchId],
    )
  ).rows.map((r) => r.id);

  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'Bench-admin-1' },
  });
  const headers = {
    cookie: `anju_sid=${login.cookies.find((c) => c.name === 'anju_sid')?.value}`,
    'x-csrf-token': ok(login, 'login').csrfToken as string,
  };
  const call = await overHttp(app, CONCURRENCY + 2);
  const upload = uploader((app.server.address() as AddressInfo).port, CONCURRENCY + 2);
  const [category] = await queryRows<{ code: string }>(
    database.db,
    sql`select code from defect_categories order by (code = 'plumbing') desc, code limit 1`,
  );
  if (!category) throw new Error('no defect categories seeded');

  // The day before: the slots (four quarter-hours tomorrow from 09:00 China time) and every household booked.
  const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const perSlot = Math.ceil(HOUSEHOLDS / 4);
  const slotList = ok(
    await call('PUT', `/api/delivery-batches/${batchId}/handover-slots`, {
      headers,
      body: {
        slots: [0, 1, 2, 3].map((q) => ({
          startsAt: new Date(Date.parse(`${tomorrow}T09:00:00+08:00`) + q * 900_000).toISOString(),
          endsAt: new Date(Date.parse(`${tomorrow}T09:00:00+08:00`) + (q + 1) * 900_000).toISOString(),
          capacity: perSlot,
        })),
      },
    }),
    'slots',
  ).items as { id: string }[];
  const booking = await drive(HOUSEHOLDS, CONCURRENCY, async (i) => {
    const slot = slotList[Math.floor(i / perSlot)] as { id: string };
    ok(
      await call('POST', '/api/handover-appointments', {
        headers,
        body: { unitId: homes[i]?.unitId, slotId: slot.id },
      }),
      'book',
    );
  });

  // Baseline 1: a cheap authenticated GET at the same concurrency, nothing else running.
  const cheap = await drive(HOUSEHOLDS * 3, CONCURRENCY, async () => {
    ok(await call('GET', '/api/auth/me', { headers }), 'auth/me');
  });

  /** One household at the desk: check-in, (photo,) inspection, signature or refusal. */
  const household = async (i: number, samples: Samples) => {
    const timed = async (kind: Kind, run: () => Promise<Reply>) => {
      const t0 = performance.now();
      const res = await run();
      (samples.get(kind) as number[]).push(performance.now() - t0);
      if (res.statusCode >= 300) {
        failures.push(`${kind} #${i}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return null;
      }
      return JSON.parse(res.body);
    };
    const unitId = homes[i]?.unitId as string;
    const arrived = await timed('checkIn', () =>
      call('POST', `/api/delivery-batches/${batchId}/handover-check-ins`, { headers, body: { unitId } }),
    );
    if (!arrived) return;
    const defect = hasDefect(i);
    let photoIds: string[] = [];
    if (defect) {
      const photo = await timed('photo', () => upload(`/api/handover-appointments/${arrived.id}/photos`, headers, PNG));
      if (!photo) return;
      photoIds = [photo.id];
    }
    const inspected = await timed('inspection', () =>
      call('PUT', `/api/handover-appointments/${arrived.id}/inspection`, {
        headers,
        body: {
          version: arrived.version,
          items: ROOMS.flatMap((room) =>
            KEYS.map((key) =>
              defect && room === 'bathroom' && key === 'water'
                ? { room, key, ok: false, note: '地漏返水', photoFileIds: photoIds }
                : { room, key, ok: true },
            ),
          ),
          meterReadings: [
            { meter: 'water', reading: 3.2 },
            { meter: 'electricity', reading: 12 },
            { meter: 'gas', reading: 0.4 },
          ],
          keysHanded: 4,
          feesAcknowledged: true,
          defects: defect
            ? [{ room: 'bathroom', categoryCode: category.code, description: '主卫地漏返水', photoFileIds: photoIds }]
            : [],
        },
      }),
    );
    if (!inspected) return;
    if (refuses(i)) {
      await timed('refuse', () =>
        call('POST', `/api/handover-appointments/${arrived.id}/refuse`, {
          headers,
          body: { version: inspected.version, reasons: ['quality_defects'], note: '卫生间渗水未修好' },
        }),
      );
    } else {
      await timed('sign', () =>
        call('POST', `/api/handover-appointments/${arrived.id}/sign`, {
          headers,
          body: { version: inspected.version, signaturePng: SIGNATURE },
        }),
      );
    }
  };

  /**
   * Households [from, to) arriving evenly over their share of the window, at most CONCURRENCY at the desks at once;
   * the board refreshed every second on the big screen.
   */
  const day = async (from: number, to: number) => {
    const samples: Samples = new Map(KINDS.map((k) => [k, []]));
    const gap = (WINDOW_SECONDS * 1000) / HOUSEHOLDS;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let open = true;
    const board = (async () => {
      while (open) {
        const t0 = performance.now();
        const res = await call('GET', `/api/delivery-batches/${batchId}/handover-board`, { headers });
        (samples.get('board') as number[]).push(performance.now() - t0);
        if (res.statusCode >= 300) failures.push(`board: ${res.statusCode} ${res.body.slice(0, 200)}`);
        await sleep(1_000);
      }
    })();
    const t0 = performance.now();
    const run = await drive(to - from, CONCURRENCY, async (i) => {
      const wait = t0 + i * gap - performance.now();
      if (wait > 0) await sleep(wait);
      await household(from + i, samples);
    });
    open = false;
    await board;
    lag.disable();
    const loopDelay = { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 };
    return { samples, seconds: run.seconds, households: to - from, loopDelay };
  };

  // Baseline 2: the first QUIET households with nothing in the background (job runner stopped).
  const quiet = await day(0, QUIET);

  // The day under load: the job runner, and the sweep and the planner over and over in this process.
  const background = { sweeps: [] as number[], clocks: 0, plans: [] as number[], planned: 0 };
  let busy = true;
  const sweeping = (async () => {
    while (busy) {
      await makeClocksDue(pool, DUE_PER_PASS);
      const t0 = performance.now();
      background.clocks += (await services.sla.sweep.run()).clocks;
      background.sweeps.push(performance.now() - t0);
      await sleep(EVERY_MS);
    }
  })();
  let pass = 0;
  const planning = (async () => {
    while (busy) {
      const moved = others.slice(
        (pass * MOVED_PER_PASS) % others.length,
        ((pass * MOVED_PER_PASS) % others.length) + MOVED_PER_PASS,
      );
      pass++;
      await pool.query(
        'update ownerships set move_in_date = coalesce(move_in_date, current_date) + 7 where id = any($1::uuid[])',
        [moved],
      );
      const t0 = performance.now();
      await planner.sync(database.db, { ownershipIds: moved });
      background.planned += (await planner.run()).subjects;
      background.plans.push(performance.now() - t0);
      await sleep(EVERY_MS);
    }
  })();
  services.jobs.start();
  const loaded = await day(QUIET, HOUSEHOLDS);
  busy = false;
  await Promise.all([sweeping, planning]);
  await services.jobs.stop();

  const [left] = await queryRows<{ signed: number; refused: number; tickets: number }>(
    database.db,
    sql`select count(*) filter (where status = 'signed')::int as signed,
               count(*) filter (where status = 'refused')::int as refused,
               (select count(*)::int from tickets where channel = 'handover') as tickets
          from handover_appointments where batch_id = ${batchId}`,
  );

  const ms = (x: number) => `${x.toFixed(0).padStart(4)} ms`;
  const stats = (xs: number[]) =>
    `${String(xs.length).padStart(5)}  p50 ${ms(percentile(xs, 0.5))}  p95 ${ms(percentile(xs, 0.95))}  p99 ${ms(percentile(xs, 0.99))}  max ${ms(xs.length ? Math.max(...xs) : 0)}`;
  const cheapP99 = percentile(cheap.latencies, 0.99);
  console.log(
    `\nHandover day on PostgreSQL: ${HOUSEHOLDS} households of one batch, at most ${CONCURRENCY} at the desks at once, ${WINDOW_SECONDS ? `arriving over ${WINDOW_SECONDS} s` : 'flat out'} (goal p99 ≤ ${GOAL_MS} ms)`,
  );
  console.log(
    `   booked the day before: ${stats(booking.latencies)}; signed ${left?.signed}, refused ${left?.refused}, repair tickets opened ${left?.tickets}`,
  );
  console.log(
    `baseline GET /api/auth/me   ${stats(cheap.latencies)}  (${(cheap.latencies.length / cheap.seconds).toFixed(0)}/s, nothing else running)`,
  );
  for (const [label, phase] of [
    ['quiet (sweep, planner and jobs idle)', quiet],
    ['under load (sweep, planner and jobs running)', loaded],
  ] as const) {
    console.log(
      `\n${phase.households} households ${label}: ${phase.seconds.toFixed(1)} s, ${((phase.households / phase.seconds) * 60).toFixed(0)} households/min (one hour compressed ${(3600 / ((phase.seconds * HOUSEHOLDS) / phase.households)).toFixed(0)}×); event-loop delay p99 ${phase.loopDelay.p99.toFixed(0)} ms, max ${phase.loopDelay.max.toFixed(0)} ms`,
    );
    for (const kind of KINDS) {
      const xs = phase.samples.get(kind) as number[];
      if (xs.length === 0) continue;
      const p99 = percentile(xs, 0.99);
      const vsQuiet = percentile(quiet.samples.get(kind) as number[], 0.99);
      console.log(
        `   ${kind.padEnd(11)} ${stats(xs)}  p99 ${(p99 / cheapP99).toFixed(1)}× the GET${phase === loaded && vsQuiet ? `, ${(p99 / vsQuiet).toFixed(2)}× quiet` : ''}${p99 <= GOAL_MS ? '' : '  OVER GOAL'}`,
      );
    }
  }
  const all = [...loaded.samples.values()].flat();
  console.log(
    `   every request under load: ${stats(all)} — ${percentile(all, 0.99) <= GOAL_MS ? 'meets' : 'misses'} p99 ≤ ${GOAL_MS} ms`,
  );
  console.log(
    `\nbackground during the loaded phase: ${background.sweeps.length} sweeps (${background.clocks} clocks, ${DUE_PER_PASS} made due before each; p50 ${ms(percentile(background.sweeps, 0.5))}, max ${ms(Math.max(0, ...background.sweeps))}), ${background.plans.length} planner passes (${background.planned} subjects, ${MOVED_PER_PASS} anchors moved before each; p50 ${ms(percentile(background.plans, 0.5))}, max ${ms(Math.max(0, ...background.plans))})`,
  );
  if (failures.length) {
    console.error(`\n${failures.length} requests failed:`);
    for (const f of failures.slice(0, 20)) console.error(`   ${f}`);
  }
  await pool.end();
  await app.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
  console.log(`\n(done in ${(performance.now() / 1000).toFixed(0)} s)`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
