/**
 * Owner-roster import throughput on PostgreSQL: rows/s of the real import (read, check, per-row
 * all-or-nothing apply with audit and timeline) against a bare multi-row INSERT of the same people, same run.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/anju_bench_import BENCH_ROWS=20000 npm run bench:import
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { createServices } from '../apps/server/src/app.js';
import { residentIdCheckChar } from '../apps/server/src/modules/customers/customer.validation.js';
import { ManualClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openDatabase, queryRows } from '../apps/server/src/platform/db/database.js';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.js';
import { FieldCrypto } from '../apps/server/src/platform/field-crypto.js';
import { seedScale } from '../apps/server/src/seed/scale.js';
import { seed } from '../apps/server/src/seed/seed.js';
import { freshDatabase } from './support.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anju_bench_import';
const rows = Number(process.env.BENCH_ROWS ?? 20_000);

async function main() {
  await freshDatabase(url);
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    jobsEnabled: false,
  };
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 4 });
  await migrateDatabase(database);
  const clock = new ManualClock(new Date());
  await seed(database.db, clock, {
    demo: true,
    crypto: new FieldCrypto(config.encryptionKey),
    adminPassword: 'Bench-admin-1',
  });
  // Homes to import owners into: scale projects of 20,000 units each (their generated owners stay; the roster adds co-owners).
  await seedScale(database.db, clock, rows, () => undefined);
  const units = await queryRows<{ code: string; project: string }>(
    database.db,
    sql`select u.code, p.code as project from units u join org_units p on p.id = u.project_id
         where p.code like 'SCALE-%' order by p.code, u.code limit ${rows}`,
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  ws.addRow(['姓名', '手机号', '身份证号', '项目编码', '房号', '签约日期', '交付日期']);
  units.forEach((u, i) => {
    const birth = new Date(Date.UTC(1950, 0, 1) + (i % 18_000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    const body = `650102${birth}${String(Math.floor(i / 18_000) % 1000).padStart(3, '0')}`;
    ws.addRow([
      `业主${i}`,
      `137${String(10_000_000 + i)}`,
      body + residentIdCheckChar(body),
      u.project,
      u.code,
      '2024-03-01',
      '2025-06-30',
    ]);
  });
  const file = Buffer.from(await wb.xlsx.writeBuffer());

  // Baseline: the same people written with one bare multi-row INSERT per 1,000 rows.
  const raw = new pg.Pool({ connectionString: url, max: 1 });
  const t0 = performance.now();
  for (let i = 0; i < units.length; i += 1000) {
    const slice = units.slice(i, i + 1000);
    const values = slice.map((_, j) => `($${j * 2 + 1}, $${j * 2 + 2})`).join(',');
    await raw.query(
      `insert into customers (name, name_initials) values ${values}`,
      slice.flatMap((_, j) => [`基线${i + j}`, 'jx']),
    );
  }
  const baselineSeconds = (performance.now() - t0) / 1000;
  await raw.query(`delete from customers where name like '基线%'`);
  await raw.end();

  const services = createServices(
    { ...config, importInlineMaxKb: 0 },
    database,
    clock,
    (await import('pino')).default({ level: 'silent' }) as never,
  );
  const [admin] = await queryRows<{ id: string }>(database.db, sql`select id from users where username = 'admin'`);
  const principal = await services.org.access.loadUser(admin?.id ?? '');
  if (!principal) throw new Error('no admin');
  const job = await services.imports.start(
    { principal, ip: null, requestId: 'bench' },
    'customers',
    { buffer: file, fileName: 'roster.xlsx' },
    'zh-CN',
  );
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  await services.imports.run(job.id);
  const importSeconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const [result] = await queryRows<{ imported: number; failed: number }>(
    database.db,
    sql`select imported, failed from import_jobs where id = ${job.id}`,
  );
  console.log(`\nrows: ${units.length}, imported: ${result?.imported}, failed: ${result?.failed}`);
  console.log(
    `import (checks, ownership, scope, timeline, audit; 500-row chunks, 2 in flight): ${importSeconds.toFixed(1)} s = ${Math.round(units.length / importSeconds)} rows/s`,
  );
  console.log(
    `baseline (bare multi-row INSERT of the customers only):                   ${baselineSeconds.toFixed(2)} s = ${Math.round(units.length / baselineSeconds)} rows/s`,
  );
  console.log(`server process CPU during the import: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  console.log(
    `ratio import / baseline: ${(units.length / importSeconds / (units.length / baselineSeconds)).toFixed(3)}×; target 5,000 rows/s`,
  );
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
