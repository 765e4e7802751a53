import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
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
 * A company's journey template (the 6+2 steps, Pulte's 7, or its own), current version. `steps` is the step list
 * (contracts `journeyStep`); each edit writes the next version here and keeps every version in
 * `journey_template_versions`, so tasks generated from an older version still find their step.
 */
export const journeyTemplates = pgTable(
  'journey_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    steps: jsonb('steps').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('journey_templates_company_key_uq').on(t.companyId, t.key)],
);

export const journeyTemplateVersions = pgTable(
  'journey_template_versions',
  {
    templateId: uuid('template_id')
      .notNull()
      .references(() => journeyTemplates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    steps: jsonb('steps').notNull(),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);

export type JourneyTemplateRow = typeof journeyTemplates.$inferSelect;

/**
 * What the planner knows of one subject of journeys: a household (its ownership) or a delivery batch, with its anchor
 * dates. `nextPlanOn` is the day the planner must look at it again (an anchor changed, or a step's date enters the
 * horizon); null when nothing is left to plan. The planner reads only rows whose day has come.
 */
export const journeySubjects = pgTable(
  'journey_subjects',
  {
    /** The ownership id of a household, the batch id of a batch. */
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    companyId: uuid('company_id').notNull(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    batchId: uuid('batch_id'),
    unitId: uuid('unit_id'),
    customerId: uuid('customer_id'),
    /** Anchor dates as contracts `journeyAnchors` (YYYY-MM-DD strings). */
    anchors: jsonb('anchors').notNull(),
    /** The project's milestone dates as contracts `journeyMilestones`. */
    milestones: jsonb('milestones').notNull().default(sql`'{}'::jsonb`),
    active: boolean('active').notNull().default(true),
    /** Steps due before this day are history when the journey starts here (an owner imported years after move-in). */
    since: date('since').notNull(),
    nextPlanOn: date('next_plan_on'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    // the planner's page order (next day, id): a page is read off the index, not sorted from every due row
    index('journey_subjects_plan_idx').on(t.nextPlanOn, t.id).where(sql`${t.nextPlanOn} is not null`),
    index('journey_subjects_batch_idx').on(t.batchId),
    index('journey_subjects_customer_idx').on(t.customerId),
    index('journey_subjects_project_idx').on(t.projectId),
    check('journey_subjects_kind_ck', sql`${t.kind} in ('household','batch')`),
  ],
);

/**
 * One task of a journey: a step of a template version for a household or a batch, due on a date. A subject has at
 * most one task per template step and occurrence; open tasks move when their anchor moves, done ones never change.
 */
export const journeyTasks = pgTable(
  'journey_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id').notNull(),
    subjectKind: text('subject_kind').notNull(),
    companyId: uuid('company_id').notNull(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    batchId: uuid('batch_id'),
    unitId: uuid('unit_id'),
    customerId: uuid('customer_id'),
    templateId: uuid('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    stepKey: text('step_key').notNull(),
    occurrence: smallint('occurrence').notNull(),
    /** The step's name in both languages as the template version had it (template data, not server text). */
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind').notNull(),
    performer: text('performer').notNull(),
    anchorUsed: text('anchor_used').notNull(),
    anchorDate: date('anchor_date').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status').notNull().default('open'),
    /** reached | not_reached | done (a task without a call), set when it is recorded. */
    outcome: text('outcome'),
    notes: text('notes'),
    /** Calls or visits that did not reach the owner (the task stays open for the next try). */
    attempts: smallint('attempts').notNull().default(0),
    /** [{ key, ok, note }] per checklist item. */
    checklist: jsonb('checklist'),
    completedAt: tz('completed_at'),
    completedBy: uuid('completed_by'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('journey_tasks_step_uq').on(t.subjectId, t.templateId, t.stepKey, t.occurrence),
    index('journey_tasks_queue_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.status, t.dueDate, t.id),
    check('journey_tasks_status_ck', sql`${t.status} in ('open','done','cancelled')`),
    check('journey_tasks_kind_ck', sql`${t.subjectKind} in ('household','batch')`),
  ],
);

/** The repair ticket a failed checklist item of a task opened (one per item: a retried record opens no second). */
export const journeyTaskTickets = pgTable(
  'journey_task_tickets',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => journeyTasks.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    ticketNumber: text('ticket_number').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.itemKey] })],
);

export type JourneySubjectRow = typeof journeySubjects.$inferSelect;
export type JourneyTaskRow = typeof journeyTasks.$inferSelect;

/** A template switched off (or back on) for one project; no row means the company's setting applies. */
export const journeyProjectTemplates = pgTable(
  'journey_project_templates',
  {
    projectId: uuid('project_id').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => journeyTemplates.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.templateId] })],
);

/** The warranty-expiry reminder sent for a unit's part category and the day its warranty ends (one each). */
export const warrantyReminders = pgTable(
  'warranty_reminders',
  {
    unitId: uuid('unit_id').notNull(),
    partCategory: text('part_category').notNull(),
    endsOn: date('ends_on').notNull(),
    customerId: uuid('customer_id').notNull(),
    sentAt: tz('sent_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.partCategory, t.endsOn, t.customerId] }),
    index('warranty_reminders_customer_idx').on(t.customerId, t.endsOn),
  ],
);
