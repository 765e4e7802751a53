import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One SLA clock of a subject (a ticket, a journey task, a service request… — `subject_type` names the module's
 * registered kind) with its limit; `part_id` is a part of the subject with a clock of its own (a ticket's work order).
 * `nextCheckAt` is when the sweep must look next (warning, breach, next escalation level); it is null once the clock
 * stops or pauses. The sweep claims due rows with `FOR UPDATE SKIP LOCKED`, so two instances never act twice.
 */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    partId: uuid('part_id'),
    node: text('node').notNull(),
    mode: text('mode').notNull(),
    limitMinutes: integer('limit_minutes').notNull(),
    warnPercent: smallint('warn_percent').notNull(),
    /** Escalation ladder copied from the rule when the clock starts: [{ level, delayMinutes, target, roles }]. */
    ladder: jsonb('ladder').notNull(),
    startedAt: tz('started_at').notNull(),
    /** On-hold spans already ended: [{ start, end }] (ISO strings). */
    pauses: jsonb('pauses').notNull().default(sql`'[]'::jsonb`),
    pausedAt: tz('paused_at'),
    warnAt: tz('warn_at').notNull(),
    dueAt: tz('due_at').notNull(),
    warnedAt: tz('warned_at'),
    breachedAt: tz('breached_at'),
    escalationLevel: smallint('escalation_level').notNull().default(0),
    nextCheckAt: tz('next_check_at'),
    stoppedAt: tz('stopped_at'),
    /** met | breached | cancelled, set when the clock stops. */
    outcome: text('outcome'),
    orgPath: text('org_path').notNull(),
    /** The department or contractor that held the clock (K1 counts it for them); null when none is known. */
    holderOrgId: uuid('holder_org_id'),
  },
  (t) => [
    index('sla_clocks_due_idx').on(t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
    index('sla_clocks_subject_idx').on(t.subjectId, t.node),
    // K1 reads the clocks that stopped in a month, and the running ones whose deadline passed in it.
    index('sla_clocks_stopped_idx').on(t.stoppedAt).where(sql`${t.stoppedAt} is not null`),
    index('sla_clocks_deadline_idx').on(t.dueAt),
    check('sla_clocks_mode_ck', sql`${t.mode} in ('working','calendar')`),
  ],
);

/** A city company's working time for SLA clocks; companies without a row use the default calendar. */
export const businessCalendars = pgTable('business_calendars', {
  companyId: uuid('company_id').primaryKey(),
  workingHours: jsonb('working_hours').notNull(),
  workingWeekdays: integer('working_weekdays').array().notNull(),
  holidays: text('holidays').array().notNull(),
  makeupWorkdays: text('makeup_workdays').array().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull(),
});
