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
