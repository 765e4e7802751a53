import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { ensureBaseline } from '../src/modules/org/org.seed.js';
import { ManualClock } from '../src/platform/clock.js';
import type { AppConfig } from '../src/platform/config.js';
import { type Database, openDatabase, wrapPglite } from '../src/platform/db/database.js';
import { migrateDatabase } from '../src/platform/db/migrate.js';

/** Set by CI to run every integration test on real PostgreSQL as well as on PGlite. */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const testDriver = TEST_DATABASE_URL ? 'postgres' : 'pglite';

let pgliteTemplate: Blob | null = null;

/**
 * A fresh, migrated database of its own: an in-memory PGlite, or a new database on the PostgreSQL server
 * that is dropped afterwards. Tests never share records. Both start as a copy of the template the global
 * setup migrated once (test/global-setup.ts), so no test file pays for the migrations.
 */
export async function createTestDatabase(): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) {
    pgliteTemplate ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    const client = await PGlite.create({ loadDataDir: pgliteTemplate });
    const database = wrapPglite(client);
    return { database, drop: () => database.close() };
  }
  const name = `anju_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = inject('postgresTemplate');
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() }, { poolSize: 5 });
  if (!template) await migrateDatabase(database);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    database: { kind: 'pglite', dataDir: ':memory:' },
    dataDir: mkdtempSync(join(tmpdir(), 'anju-test-')),
    adminPassword: undefined,
    sessionSecret: 'test-session-secret-0123456789abcdef0123456789',
    encryptionKey: Buffer.alloc(32, 7),
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    loginMaxFailures: 5,
    loginLockMinutes: 15,
    logLevel: 'silent',
    trustProxy: false,
    jobsEnabled: false,
    seedDemo: false,
    importInlineMaxKb: 64,
    warrantyReminderDays: 30,
    kpiSnapshotDay: 5,
    publicUrl: 'http://anju.test',
    ...overrides,
  };
}

export const ADMIN_PASSWORD = 'Admin-password-1';

/** A full app on its own database, with the baseline (roles, group, admin) seeded and a movable clock. */
export async function createTestApp(overrides: Partial<AppConfig> = {}) {
  const { database, drop } = await createTestDatabase();
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  const config = testConfig(overrides);
  const { root } = await ensureBaseline(database.db, clock, { adminPassword: ADMIN_PASSWORD });
  const { app, services } = await buildApp({ config, database, clock, serveConsole: false });
  await app.ready();
  return {
    app,
    services,
    database,
    db: database.db,
    clock,
    config,
    root,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
