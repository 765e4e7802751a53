import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './database.js';

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** Applies the committed SQL migrations in order; safe to run at every start and from several processes. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    // A session advisory lock keeps two instances starting together from racing through the same migration.
    if (!database.pgPool) throw new Error('PostgreSQL pool expected');
    const client = await database.pgPool.connect();
    try {
      await client.query('select pg_advisory_lock(4242001)');
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(4242001)').catch(() => undefined);
      client.release();
    }
  } else {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  }
}

/** True when every committed migration has been applied (for /readyz). */
export async function migrationsCurrent(database: Database): Promise<boolean> {
  const expected = readMigrationFiles({ migrationsFolder }).length;
  try {
    const rows = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const n =
      (rows as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n;
    return n === expected;
  } catch {
    return false;
  }
}
