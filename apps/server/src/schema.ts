/**
 * The database schema: the platform's tables and every listed module's (`tables` of each definition in
 * modules/index.ts). drizzle-kit reads the same tables from their files (drizzle.config.ts: it takes only the
 * exports of files, not an object built at run time); test/schema.test.ts checks the two agree.
 */
import { MODULES } from './modules/index.js';
import * as audit from './platform/audit/audit.tables.js';
import * as sessions from './platform/auth/session.tables.js';
import * as events from './platform/events/events.tables.js';
import * as files from './platform/files/files.tables.js';
import * as idempotency from './platform/idempotency/idempotency.tables.js';
import * as imports from './platform/imports/import-job.tables.js';
import * as jobs from './platform/jobs/job.tables.js';
import * as messaging from './platform/messaging/messaging.tables.js';

/** The platform's own tables, by export name. */
export const PLATFORM_TABLES: Record<string, unknown> = {
  ...audit,
  ...sessions,
  ...events,
  ...files,
  ...idempotency,
  ...imports,
  ...jobs,
  ...messaging,
};

/** Every table, by export name: the platform's, then each module's in list order. */
export const schema: Record<string, unknown> = Object.assign({}, PLATFORM_TABLES, ...MODULES.map((m) => m.tables));
