import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The cluster rule of a city company (or of the group, which companies without their own inherit): the window W in
 * days, N tickets from H households, the text similarity threshold, the categories that count double, the signal
 * words, and from which severity the group's board shows a cluster (docs/quality.md).
 */
export const clusterRules = pgTable(
  'quality_cluster_rules',
  {
    orgUnitId: uuid('org_unit_id').primaryKey(),
    orgPath: text('org_path').notNull(),
    windowDays: integer('window_days').notNull(),
    minTickets: integer('min_tickets').notNull(),
    minHouseholds: integer('min_households').notNull(),
    similarity: numeric('similarity', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    doubleCategories: text('double_categories').array().notNull(),
    signalWords: text('signal_words').array().notNull(),
    groupLevel: smallint('group_level').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    check('quality_cluster_rules_window_ck', sql`${t.windowDays} between 1 and 90`),
    check(
      'quality_cluster_rules_counts_ck',
      sql`${t.minTickets} >= 2 and ${t.minHouseholds} between 1 and ${t.minTickets}`,
    ),
    check('quality_cluster_rules_level_ck', sql`${t.groupLevel} between 1 and 3`),
  ],
);

/**
 * The detector's read model of a complaint or repair (fed by ticket events, never read from the tickets table):
 * where it is (`scopeKey`: the building, or the common-area location of a ticket without a unit), what it is (the
 * defect category or complaint cause, its segmented words, the signal words it carries) and its cluster.
 */
export const ticketSignals = pgTable(
  'quality_ticket_signals',
  {
    ticketId: uuid('ticket_id').primaryKey(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    companyId: uuid('company_id').notNull(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    scopeKey: text('scope_key').notNull(),
    unitId: uuid('unit_id'),
    unitCode: text('unit_code'),
    /** One household: the unit, else the customer, else the ticket itself. */
    household: text('household').notNull(),
    /** `cat:<defect category>` or `cause:<complaint cause>`; `leak` is added for a ticket marked as a leak. */
    categories: text('categories').array().notNull(),
    words: text('words').array().notNull(),
    signalWords: text('signal_words').array().notNull(),
    reportedAt: tz('reported_at').notNull(),
    /** False once the ticket is merged into another or cancelled. */
    active: boolean('active').notNull().default(true),
    clusterId: uuid('cluster_id'),
  },
  (t) => [
    index('quality_signals_scope_idx').on(t.projectId, t.scopeKey, t.reportedAt).where(sql`${t.active}`),
    index('quality_signals_cluster_idx').on(t.clusterId, t.reportedAt).where(sql`${t.clusterId} is not null`),
  ],
);

/** One lock row per (project, scope): the detector takes it before reading a scope, so two instances serialise. */
export const clusterScopes = pgTable(
  'quality_cluster_scopes',
  { projectId: uuid('project_id').notNull(), scopeKey: text('scope_key').notNull() },
  (t) => [primaryKey({ columns: [t.projectId, t.scopeKey] })],
);

/**
 * Related complaints and repairs in one building (or common-area location) that crossed the company's rule: raised
 * once, then it grows; severity 1–3 only rises; `status` open, `below_threshold` (members removed under N; it stays
 * raised and sends nothing new) or `closed` (its group case closed).
 */
export const clusters = pgTable(
  'quality_clusters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    companyId: uuid('company_id').notNull(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    scopeKey: text('scope_key').notNull(),
    buildingId: uuid('building_id'),
    location: text('location'),
    /** The categories of its members, most common first. */
    categories: text('categories').array().notNull(),
    severity: smallint('severity').notNull(),
    /** The highest level whose warning went out (each level once). */
    warnedLevel: smallint('warned_level').notNull().default(0),
    status: text('status').notNull().default('open'),
    ticketCount: integer('ticket_count').notNull(),
    householdCount: integer('household_count').notNull(),
    signalWords: text('signal_words').array().notNull(),
    firstAt: tz('first_at').notNull(),
    lastAt: tz('last_at').notNull(),
    raisedAt: tz('raised_at').notNull(),
    caseId: uuid('case_id'),
    version: integer('version').notNull().default(1),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('quality_clusters_number_uq').on(t.number),
    index('quality_clusters_scope_idx').on(t.projectId, t.scopeKey, t.lastAt),
    index('quality_clusters_raised_idx').on(t.raisedAt.desc(), t.id.desc()),
    index('quality_clusters_company_idx').on(t.companyId, t.raisedAt.desc(), t.id.desc()),
    check('quality_clusters_severity_ck', sql`${t.severity} between 1 and 3`),
    check('quality_clusters_status_ck', sql`${t.status} in ('open','below_threshold','closed')`),
  ],
);

/** What happened to a cluster, in order: raised, joined, severity, removed, below threshold, acknowledged, warned. */
export const clusterEvents = pgTable(
  'quality_cluster_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clusterId: uuid('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    at: tz('at').notNull(),
    kind: text('kind').notNull(),
    ticketId: uuid('ticket_id'),
    level: smallint('level'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    data: jsonb('data'),
  },
  (t) => [
    index('quality_cluster_events_cluster_idx').on(t.clusterId, t.id),
    check(
      'quality_cluster_events_kind_ck',
      sql`${t.kind} in ('raised','joined','severity','removed','below_threshold','warned','acknowledged')`,
    ),
  ],
);

/** Who acknowledged a cluster's warning, and when (one row per person; it never silences the warning). */
export const clusterAcknowledgements = pgTable(
  'quality_cluster_acknowledgements',
  {
    clusterId: uuid('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    userName: text('user_name').notNull(),
    level: smallint('level').notNull(),
    note: text('note').notNull().default(''),
    at: tz('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.userId] })],
);

/** Per ticket carrying a signal word but in no cluster: the one risk-ticket alert sent (once per ticket). */
export const riskTickets = pgTable('quality_risk_tickets', {
  ticketId: uuid('ticket_id').primaryKey(),
  orgPath: text('org_path').notNull(),
  words: text('words').array().notNull(),
  at: tz('at').notNull(),
});

export type ClusterRuleRow = typeof clusterRules.$inferSelect;
export type TicketSignalRow = typeof ticketSignals.$inferSelect;
export type ClusterRow = typeof clusters.$inferSelect;
export type ClusterEventRow = typeof clusterEvents.$inferSelect;

/** Per day: the last cluster number handed out (QC20261207-01). */
export const clusterNumberSeq = pgTable(
  'quality_cluster_number_seq',
  { day: text('day').primaryKey(), last: integer('last').notNull() },
  (t) => [check('quality_cluster_number_seq_last_ck', sql`${t.last} >= 0`)],
);
