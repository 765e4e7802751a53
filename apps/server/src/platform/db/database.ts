import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { isDatabaseUnavailable } from './pg-errors.js';
import { openPgliteDataDir } from './pglite-data-dir.js';
/**
 * The tables are not given to Drizzle at run time (no relational `db.query.*` API): the platform names no module's
 * tables. The schema drizzle-kit reads is src/schema.ts, built from the module list.
 */
export type Schema = Record<string, never>;
/** One type for both drivers: repositories never know which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };

export type Database = {
  db: Db;
  kind: DatabaseTarget['kind'];
  /** Runs raw SQL (migrations, health checks) on whichever driver is in use. */
  exec(sqlText: string): Promise<void>;
  ping(): Promise<void>;
  /** The PGlite instance in embedded mode (for backups); null on PostgreSQL. */
  pglite: PGlite | null;
  /** The pool on PostgreSQL (for session-level advisory locks); null in embedded mode. */
  pgPool: pg.Pool | null;
  close(): Promise<void>;
};

export type PoolOptions = { poolSize?: number; connectTimeoutMs?: number; statementTimeoutMs?: number };

/**
 * On PostgreSQL the pool never waits forever: a connection that cannot be made in `connectTimeoutMs`, or a
 * statement running past `statementTimeoutMs`, fails (and is answered 503 DATABASE_UNAVAILABLE); keep-alive
 * finds dead peers.
 */
export async function openDatabase(target: DatabaseTarget, opts: PoolOptions = {}): Promise<Database> {
  if (target.kind === 'postgres') {
    const statementTimeout = opts.statementTimeoutMs ?? 30_000;
    const pool = new pg.Pool({
      connectionString: target.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
      keepAlive: true,
      statement_timeout: statementTimeout,
      // the client gives up a little after the server would have cancelled, for a server that went silent
      query_timeout: statementTimeout + 5000,
    });
    pool.on('error', () => {
      /* idle client errors surface on the next query; keep the process alive */
    });
    // a connection lost while a request holds it (inside a transaction) emits 'error' on the client; its query
    // fails anyway (503), so the event must not go unhandled and take the process down
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    releaseBrokenClients(pool);
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      exec: async (q) => {
        await pool.query(q);
      },
      ping: async () => {
        await pool.query('select 1');
      },
      pglite: null,
      pgPool: pool,
      close: () => pool.end(),
    };
  }
  const client = target.dataDir ? await openPgliteDataDir(target.dataDir) : await PGlite.create();
  return wrapPglite(client);
}

/**
 * A client whose connection died while checked out must leave the pool, and must be released at all: Drizzle's
 * transaction releases its client only after `begin` succeeded, and releases without the error (so a dead client
 * went back to the pool). Clients handed out by `pool.connect()` are released — and destroyed — as soon as one of
 * their queries fails for the connection; the caller's own later release is then a no-op.
 */
function releaseBrokenClients(pool: pg.Pool) {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  pool.connect = ((callback?: unknown) => {
    if (callback) return (pool.constructor as typeof pg.Pool).prototype.connect.call(pool, callback as never);
    return connect().then((client) => {
      let released = false;
      const release = client.release.bind(client);
      client.release = (err?: Error | boolean) => {
        if (released) return;
        released = true;
        release(err);
      };
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const result = query(...args);
        if (result instanceof Promise) {
          result.catch((err: unknown) => {
            if (isDatabaseUnavailable(err)) client.release(err as Error);
          });
        }
        return result;
      }) as typeof client.query;
      return client;
    });
  }) as typeof pool.connect;
}

/** An open PGlite instance as a Database (embedded mode, and test databases copied from a template). */
export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (q) => {
      await client.exec(q);
    },
    ping: async () => {
      await client.query('select 1');
    },
    pglite: client,
    pgPool: null,
    close: () => client.close(),
  };
}

/** Rows of a raw SQL query; both drivers return `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * `= any(…)` over many text values sent as one JSON parameter: for bulk lookups, where one bind parameter per
 * value costs more to build and bind than the indexed lookup itself.
 */
export const anyOfText = (values: string[]) =>
  sql`= any(array(select json_array_elements_text(${JSON.stringify(values)}::json)))`;

/**
 * Inserts many rows with one JSON parameter (`json_populate_recordset`): for bulk paths where building a
 * multi-row VALUES list with one bind parameter per cell costs more than the insert itself. Keys are column
 * names; columns left out take their defaults. `suffix` is trusted SQL (ON CONFLICT …, RETURNING …).
 */
export async function insertJsonRows<T = unknown>(
  db: Executor,
  table: string,
  columns: string[],
  rows: Record<string, unknown>[],
  suffix: SQL = sql``,
): Promise<T[]> {
  if (rows.length === 0) return [];
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  return queryRows<T>(
    db,
    sql`insert into ${sql.raw(`"${table}"`)} (${list})
        select ${list} from json_populate_recordset(null::${sql.raw(`"${table}"`)}, ${JSON.stringify(rows)}::json) ${suffix}`,
  );
}
