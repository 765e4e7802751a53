import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** Runs `sql` on the server's `postgres` database (to create or drop the benchmark's own database). */
async function onServer(url: string, run: (admin: pg.Client, name: string) => Promise<void>) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await run(admin, name);
  } finally {
    await admin.end();
  }
}

/** Drops and recreates the benchmark database, so every run starts from the same state. */
export const freshDatabase = (url: string) =>
  onServer(url, async (admin, name) => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  });

/** Creates the benchmark database if missing and keeps what it holds (slow-to-generate data survives runs). */
export const ensureDatabase = (url: string) =>
  onServer(url, async (admin, name) => {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  });

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/**
 * `total` generated tickets in `project`, each with one processing clock: half open and due in a day, half closed.
 * Set-based (generate_series) in batches of 200,000.
 */
export async function generateTickets(
  pool: pg.Pool,
  project: { id: string; path: string; company: string },
  total: number,
) {
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
      `insert into sla_clocks (subject_type, subject_id, node, mode, limit_minutes, warn_percent, ladder, started_at, warn_at, due_at,
                               next_check_at, stopped_at, outcome, org_path)
       select 'ticket', t.id, 'processing', 'calendar', 1440, 80, $1::jsonb, now(), now() + interval '1152 minutes',
              now() + interval '1 day', case when t.status in ('dispatch','processing') then now() + interval '1152 minutes' end,
              case when t.status not in ('dispatch','processing') then now() end,
              case when t.status not in ('dispatch','processing') then 'met' end, $2
         from tickets t where t.number between 'GEN' || lpad($3::text, 9, '0') and 'GEN' || lpad($4::text, 9, '0')`,
      [ladder, project.path, from, to],
    );
  }
  await pool.query('analyze');
}

/** Makes `n` running clocks overdue (warned and breached at the sweep's next pass). */
export const makeClocksDue = (pool: pg.Pool, n: number) =>
  pool.query(
    `update sla_clocks set started_at = now() - interval '70 minutes', limit_minutes = 60, warn_at = now() - interval '22 minutes',
            due_at = now() - interval '10 minutes', next_check_at = now() - interval '22 minutes'
      where id in (select id from sla_clocks where next_check_at > now() order by next_check_at limit $1)`,
    [n],
  );

/** Runs `op(i)` for i in [0, n) from `concurrency` workers; answers each call's latency in ms and the wall time. */
export async function drive(n: number, concurrency: number, op: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now();
        await op(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}
