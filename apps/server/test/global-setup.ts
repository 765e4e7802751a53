import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateDatabase } from '../src/platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data directory as a tar file: each test file's database starts from a copy. */
    pgliteTemplate: string;
    /** On PostgreSQL: a migrated, empty database each test file's database is created from (`template`). */
    postgresTemplate: string | null;
  }
}

/**
 * Migrates once per test run instead of once per test file: the migrated schema is the template every test
 * database is copied from (PGlite: a data-directory dump; PostgreSQL: `create database … template`).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'anju-template-'));
  const embedded = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateDatabase(embedded);
  const dump = await embedded.pglite?.dumpDataDir('none');
  await embedded.close();
  if (!dump) throw new Error('PGlite dump expected');
  const file = join(dir, 'pglite-template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);

  const url = process.env.TEST_DATABASE_URL;
  let template: string | null = null;
  if (url) {
    template = `anju_tpl_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(url, `create database ${template}`);
    const target = new URL(url);
    target.pathname = `/${template}`;
    const database = await openDatabase({ kind: 'postgres', url: target.toString() }, { poolSize: 1 });
    await migrateDatabase(database);
    await database.close();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && template) await adminQuery(url, `drop database if exists ${template} with (force)`);
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
