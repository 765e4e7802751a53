import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import pino from 'pino';
import { buildApp } from './app.js';
import { resetPasswordFromCli } from './modules/org/org.cli.js';
import { systemClock } from './platform/clock.js';
import { loadConfig } from './platform/config.js';
import { backupDatabase, restoreDatabase } from './platform/db/backup.js';
import { migrateDatabase } from './platform/db/migrate.js';
import { openRuntimeDatabase } from './platform/db/runtime.js';
import { FieldCrypto } from './platform/field-crypto.js';
import { DEMO_PARTNER_USER } from './seed/demo-club-partners.js';
import { DEMO_PASSWORD } from './seed/demo-org.js';
import { seedDemoTickets } from './seed/demo-tickets.js';
import { seedScale } from './seed/scale.js';
import { seed } from './seed/seed.js';

const program = new Command('anju').description('安居 Anju — customer relationship and service platform');

function fail(err: unknown): never {
  const cause = err instanceof Error && err.cause instanceof Error ? `\n  cause: ${err.cause.message}` : '';
  const message = err instanceof Error ? `${err.message.split('\n')[0]}${cause}` : String(err);
  console.error(`\nanju: ${message}\n`);
  process.exit(1);
}

program
  .command('start')
  .description('migrate, seed an empty database, and serve the API and console')
  .action(async () => {
    const config = loadConfig();
    const { database, release } = await openRuntimeDatabase(config);
    await migrateDatabase(database);
    const seeded = await seed(database.db, systemClock, {
      adminPassword: config.adminPassword,
      demo: config.seedDemo,
      crypto: new FieldCrypto(config.encryptionKey),
    });
    const passwordFile = join(config.dataDir, 'initial-admin-password.txt');
    if (seeded.generatedAdminPassword)
      writeFileSync(passwordFile, `${seeded.generatedAdminPassword}\n`, { mode: 0o600 });

    const { app, services } = await buildApp({ config, database });
    const demoData = seeded.demo ? await seedDemoTickets(config, database, app.log) : null;
    if (config.jobsEnabled) services.jobs.start();
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await services.jobs.stop();
      await app.close();
      await database.close();
      release();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });

    const url = `http://localhost:${config.port}`;
    const adminPassword = config.adminPassword
      ? '(the value of ANJU_ADMIN_PASSWORD)'
      : existsSync(passwordFile)
        ? `${readFileSync(passwordFile, 'utf8').trim()}   (from ${passwordFile}; change it after signing in)`
        : '(set when the database was first created)';
    console.log(
      [
        '',
        `  安居 Anju is running at ${url}`,
        `  database: ${database.kind === 'pglite' ? `embedded, ${config.database.kind === 'pglite' ? config.database.dataDir : ''}` : 'PostgreSQL'}`,
        `  admin login: admin / ${adminPassword}`,
        seeded.demo || config.seedDemo
          ? `  demo staff (e.g. zhang.wei, li.na, liu.yang; partner merchant jiang.shan) sign in with: ${DEMO_PASSWORD}`
          : '',
        `  owner portal (phones): ${url}/m/${demoData?.ownerPhone ? ` — demo owner ${demoData.ownerPhone}` : ''}`,
        (config.messaging?.sms.provider ?? 'log') === 'log'
          ? `  login codes: console 消息发件箱 (${url}/outbox, signed in as admin) and this log ("message (log provider)")`
          : '  login codes: sent by SMS; the console 消息发件箱 (outbox) page shows them masked',
        `  API docs: ${url}/docs`,
        '',
      ].join('\n'),
    );
  });

program
  .command('migrate')
  .description('apply the committed SQL migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const { database, release } = await openRuntimeDatabase(config);
    await migrateDatabase(database);
    await database.close();
    release();
    console.log('migrations applied');
  });

program
  .command('seed')
  .description('create the built-in roles and admin; with --demo, the demo company (only into an empty database)')
  .option('--demo', 'add the demo company', false)
  .option('--scale <n>', 'add N generated customers with homes and phones (for benchmarks)', (v) =>
    Number.parseInt(v, 10),
  )
  .action(async (opts: { demo: boolean; scale?: number }) => {
    const config = loadConfig();
    const { database, release } = await openRuntimeDatabase(config);
    try {
      await migrateDatabase(database);
      const demo = opts.demo || Boolean(opts.scale);
      const result = await seed(database.db, systemClock, {
        adminPassword: config.adminPassword,
        demo,
        crypto: new FieldCrypto(config.encryptionKey),
      });
      if (result.generatedAdminPassword) console.log(`admin password: ${result.generatedAdminPassword}`);
      const d = result.demo;
      if (d) {
        const extra = await seedDemoTickets(config, database, pino({ level: 'warn' }));
        console.log(
          `demo company: ${d.orgUnits} org units, ${d.users} staff, ${d.units} units, ${d.customers} customers, ${extra.tickets} tickets, ${extra.notices} notices, ${extra.journeyTasks} journey tasks due`,
        );
        console.log(
          `demo partner merchant (console /partner): ${DEMO_PARTNER_USER}, ${extra.clubVouchers} vouchers claimed`,
        );
        if (extra.ownerPhone)
          console.log(
            `demo owner for the portal (/m/): ${extra.ownerPhone} — with SMS_PROVIDER=log its login code shows on the console's 消息发件箱 (/outbox) page and in the log of \`npm start\``,
          );
      }
      if (opts.scale) {
        const scaled = await seedScale(database.db, systemClock, opts.scale, (line) => console.log(line));
        console.log(
          `scale data: ${scaled.customers} customers in ${scaled.projects} projects, ${scaled.seconds.toFixed(1)} s`,
        );
      }
    } finally {
      await database.close();
      release();
    }
  });

program
  .command('backup')
  .description('write a restorable backup (embedded: a data-directory archive; PostgreSQL: pg_dump custom format)')
  .argument('[file]', 'output file')
  .action(async (file?: string) => {
    const out = await backupDatabase(loadConfig(), file);
    console.log(`backup written to ${out}`);
  });

program
  .command('restore')
  .description('restore a backup made by `anju backup` (the server must be stopped)')
  .argument('<file>', 'backup file')
  .option('--force', 'replace an existing database (the current one is kept aside first)', false)
  .action(async (file: string, opts: { force: boolean }) => {
    const where = await restoreDatabase(loadConfig(), file, opts.force);
    console.log(`restored from ${file}${where ? `; the previous data was moved to ${where}` : ''}`);
  });

program
  .command('user')
  .description("operator rescue: reset a staff user's password (also unlocks it and ends its sessions)")
  .command('reset-password')
  .argument('<username>')
  .argument('<new-password>')
  .action(async (username: string, newPassword: string) => {
    const config = loadConfig();
    const { database, release } = await openRuntimeDatabase(config);
    try {
      await migrateDatabase(database);
      await resetPasswordFromCli(database.db, systemClock, config.sessionSecret, username, newPassword);
      console.log(`password of ${username} reset; the account is unlocked and its sessions ended`);
    } finally {
      await database.close();
      release();
    }
  });

program.parseAsync().catch(fail);
