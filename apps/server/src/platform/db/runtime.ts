import { join } from 'node:path';
import type { AppConfig } from '../config.js';
import { type Database, openDatabase } from './database.js';
import { acquireProcessLock } from './process-lock.js';

export const lockFileOf = (config: AppConfig) => join(config.dataDir, 'anju.lock');

/** Opens the configured database; in embedded mode only after taking the data directory's process lock. */
export async function openRuntimeDatabase(config: AppConfig): Promise<{ database: Database; release: () => void }> {
  if (config.database.kind === 'postgres') {
    const pool = config.pool;
    const database = await openDatabase(config.database, {
      poolSize: pool?.size,
      connectTimeoutMs: pool?.connectTimeoutMs,
      statementTimeoutMs: pool?.statementTimeoutMs,
    });
    return { database, release: () => undefined };
  }
  const release = acquireProcessLock(lockFileOf(config));
  try {
    return { database: await openDatabase({ kind: 'pglite', dataDir: config.database.dataDir }), release };
  } catch (err) {
    release();
    throw err;
  }
}
