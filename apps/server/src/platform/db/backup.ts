import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { AppConfig } from '../config.js';
import { acquireProcessLock } from './process-lock.js';
import { lockFileOf, openRuntimeDatabase } from './runtime.js';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}); install the PostgreSQL client tools`);
  if (r.status !== 0) throw new Error(`${cmd} exited with ${r.status}`);
}

/** Embedded: a gzip tarball of the data directory (taken with the process lock, so the server must be stopped). */
export async function backupDatabase(config: AppConfig, file?: string): Promise<string> {
  if (config.database.kind === 'postgres') {
    const out = resolve(file ?? `anju-backup-${stamp()}.dump`);
    run('pg_dump', ['--format=custom', `--file=${out}`, config.database.url]);
    return out;
  }
  const out = resolve(file ?? `anju-backup-${stamp()}.tar.gz`);
  const { database, release } = await openRuntimeDatabase(config);
  try {
    if (!database.pglite) throw new Error('embedded database expected');
    const blob = await database.pglite.dumpDataDir('gzip');
    writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await database.close();
    release();
  }
  return out;
}

/** Restores into an empty place; with `force`, the current data is moved aside first, never deleted. */
export async function restoreDatabase(config: AppConfig, file: string, force: boolean): Promise<string | null> {
  const input = resolve(file);
  if (!existsSync(input)) throw new Error(`no such backup file: ${input}`);
  if (config.database.kind === 'postgres') {
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.database.url}`, input]);
    return null;
  }
  const dir = config.database.dataDir;
  const release = acquireProcessLock(lockFileOf(config));
  try {
    let movedTo: string | null = null;
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      if (!force) throw new Error(`${dir} already holds a database; pass --force to move it aside and restore`);
      movedTo = `${dir}.before-restore-${stamp()}`;
      renameSync(dir, movedTo);
    }
    const client = new PGlite(dir, { loadDataDir: new Blob([readFileSync(input)]) });
    await client.query('select 1');
    await client.close();
    return movedTo;
  } finally {
    release();
  }
}
