import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A spreadsheet import: progress counters for the console's progress bar and the error workbook's location. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    fileName: text('file_name').notNull(),
    filePath: text('file_path').notNull(),
    options: text('options'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    errorFilePath: text('error_file_path'),
    error: text('error'),
    createdBy: uuid('created_by').notNull(),
    orgPath: text('org_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('import_jobs_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.createdAt),
    check('import_jobs_status_ck', sql`${t.status} in ('queued','running','done','failed')`),
    check('import_jobs_kind_ck', sql`${t.kind} ~ '^[a-z][A-Za-z_]{1,40}$'`),
  ],
);
