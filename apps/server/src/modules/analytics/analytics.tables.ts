import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/** A company's target of one KPI for one year (the group's when `companyId` is the group node); else the default. */
export const kpiTargets = pgTable(
  'kpi_targets',
  {
    companyId: uuid('company_id').notNull(),
    year: integer('year').notNull(),
    kpi: text('kpi').notNull(),
    target: numeric('target', { precision: 14, scale: 4, mode: 'number' }).notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.year, t.kpi] })],
);

/**
 * One computation of the KPIs of one period (a month, a quarter, a year) or of one batch's day-46 figure. A period
 * is `provisional` while open (recomputed by the daily job), then `closed` on the snapshot day; a recompute of a
 * closed period adds a version and keeps the old one. Exactly one run per (period, batch) is `current`, switched in
 * the transaction that finishes the new one, so a run killed midway leaves the previous figures in place.
 */
export const kpiRuns = pgTable(
  'kpi_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    period: text('period').notNull(),
    /** Day-46 runs are per batch; '' for period runs. */
    batchKey: text('batch_key').notNull().default(''),
    state: text('state').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull().default('running'),
    current: boolean('current').notNull().default(false),
    asOf: tz('as_of').notNull(),
    reason: text('reason'),
    requestedBy: uuid('requested_by'),
    startedAt: tz('started_at').notNull(),
    finishedAt: tz('finished_at'),
  },
  (t) => [
    uniqueIndex('kpi_runs_version_uq').on(t.period, t.batchKey, t.version),
    uniqueIndex('kpi_runs_current_uq').on(t.period, t.batchKey).where(sql`${t.current}`),
    check('kpi_runs_state_ck', sql`${t.state} in ('provisional','closed')`),
    check('kpi_runs_status_ck', sql`${t.status} in ('running','done','failed')`),
  ],
);

/**
 * The records a run counted: one row per record per KPI, at the leaf scope it belongs to (a project, a
 * department or contractor), with its share of the numerator and denominator. Values are sums of these; a drill-down
 * lists them. `batchId`, `productType`, `finish` and `category` let a dashboard filter without recounting.
 */
export const kpiFacts = pgTable(
  'kpi_facts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => kpiRuns.id, { onDelete: 'cascade' }),
    kpi: text('kpi').notNull(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    scopeId: uuid('scope_id').notNull(),
    scopePath: text('scope_path').notNull(),
    /** For department KPIs (K1): the city company whose pool the department's figure joins. */
    companyId: uuid('company_id'),
    batchId: uuid('batch_id'),
    productType: text('product_type'),
    finish: text('finish'),
    category: text('category'),
    numerator: numeric('numerator', { precision: 14, scale: 4, mode: 'number' }).notNull(),
    denominator: numeric('denominator', { precision: 14, scale: 4, mode: 'number' }).notNull(),
  },
  (t) => [
    index('kpi_facts_run_kpi_idx').using('btree', t.runId, t.kpi, t.scopePath.op('text_pattern_ops')),
    index('kpi_facts_run_batch_idx').on(t.runId, t.batchId).where(sql`${t.batchId} is not null`),
  ],
);

/** A run's figure per KPI, scope (every project, department, city company, region and the group) and batch. */
export const kpiValues = pgTable(
  'kpi_values',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => kpiRuns.id, { onDelete: 'cascade' }),
    kpi: text('kpi').notNull(),
    scopeId: uuid('scope_id').notNull(),
    batchKey: text('batch_key').notNull().default(''),
    numerator: numeric('numerator', { precision: 14, scale: 4, mode: 'number' }).notNull(),
    denominator: numeric('denominator', { precision: 14, scale: 4, mode: 'number' }).notNull(),
    value: numeric('value', { precision: 14, scale: 6, mode: 'number' }),
    target: numeric('target', { precision: 14, scale: 4, mode: 'number' }),
    met: boolean('met'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.kpi, t.scopeId, t.batchKey] }),
    index('kpi_values_scope_idx').on(t.scopeId, t.kpi),
  ],
);

/** Awards of KPIS.md entered by hand (the first professional award) and each award's budget per year. */
export const awardEntries = pgTable(
  'award_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    award: text('award').notNull(),
    year: integer('year').notNull(),
    projectId: uuid('project_id').notNull(),
    title: text('title').notNull(),
    awardedOn: text('awarded_on').notNull(),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [uniqueIndex('award_entries_uq').on(t.award, t.year, t.projectId)],
);

/**
 * Satisfaction figures from outside the survey answers: earlier years' results and a year's targets per dimension
 * (KPIS.md's 2004–2006 figures of the seed, loadable as history), for a company or the group.
 */
export const surveyBenchmarks = pgTable(
  'survey_benchmarks',
  {
    scopeId: uuid('scope_id').notNull(),
    year: integer('year').notNull(),
    dimension: text('dimension').notNull(),
    /** `actual` a year's result, `target` a year's target. */
    kind: text('kind').notNull(),
    value: numeric('value', { precision: 6, scale: 4, mode: 'number' }).notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scopeId, t.year, t.dimension, t.kind] }),
    check('survey_benchmarks_kind_ck', sql`${t.kind} in ('actual','target')`),
  ],
);

export type KpiRunRow = typeof kpiRuns.$inferSelect;
export type KpiFactRow = typeof kpiFacts.$inferSelect;
export type KpiValueRow = typeof kpiValues.$inferSelect;
export type KpiTargetRow = typeof kpiTargets.$inferSelect;
