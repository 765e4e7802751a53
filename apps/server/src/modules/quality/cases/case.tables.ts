import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A group case (特事特办): a group complaint handled on the fast channel — its own senior owner, deadline, action
 * plan, status updates, statements, one holding reply to every affected owner, and a closing report.
 */
export const groupCases = pgTable(
  'quality_group_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    companyId: uuid('company_id').notNull(),
    projectId: uuid('project_id'),
    orgPath: text('org_path').notNull(),
    clusterId: uuid('cluster_id'),
    ownerUserId: uuid('owner_user_id').notNull(),
    ownerName: text('owner_name').notNull(),
    deadline: date('deadline').notNull(),
    priority: text('priority').notNull().default('urgent'),
    status: text('status').notNull().default('open'),
    summary: text('summary').notNull().default(''),
    cause: text('cause'),
    measures: text('measures'),
    cost: numeric('cost', { precision: 12, scale: 2, mode: 'number' }),
    lessons: text('lessons'),
    closedAt: tz('closed_at'),
    closedBy: uuid('closed_by'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('quality_group_cases_number_uq').on(t.number),
    index('quality_group_cases_created_idx').on(t.createdAt.desc(), t.id.desc()),
    uniqueIndex('quality_group_cases_cluster_uq').on(t.clusterId).where(sql`${t.clusterId} is not null`),
    check('quality_group_cases_status_ck', sql`${t.status} in ('open','closed')`),
  ],
);

/** The action plan: tasks with an owner and a limit, each on a platform clock while open. */
export const groupCaseTasks = pgTable(
  'quality_case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => groupCases.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    ownerUserId: uuid('owner_user_id').notNull(),
    ownerName: text('owner_name').notNull(),
    dueAt: tz('due_at').notNull(),
    status: text('status').notNull().default('open'),
    doneAt: tz('done_at'),
    doneBy: uuid('done_by'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    uniqueIndex('quality_case_tasks_seq_uq').on(t.caseId, t.seq),
    check('quality_case_tasks_status_ck', sql`${t.status} in ('open','done')`),
  ],
);

/** The case's log: opened, status updates, statements made, replies sent, tasks, links, consents, closed. */
export const groupCaseUpdates = pgTable(
  'quality_case_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => groupCases.id, { onDelete: 'cascade' }),
    at: tz('at').notNull(),
    kind: text('kind').notNull(),
    body: text('body'),
    data: jsonb('data'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
  },
  (t) => [index('quality_case_updates_case_idx').on(t.caseId, t.id)],
);

/** The tickets of a case: they take its priority and close only with the case owner's consent. */
export const groupCaseTickets = pgTable(
  'quality_case_tickets',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => groupCases.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').notNull(),
    linkedAt: tz('linked_at').notNull(),
    consentAt: tz('consent_at'),
    consentBy: uuid('consent_by'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.ticketId] }), index('quality_case_tickets_ticket_idx').on(t.ticketId)],
);

export type GroupCaseRow = typeof groupCases.$inferSelect;
export type GroupCaseTaskRow = typeof groupCaseTasks.$inferSelect;
export type GroupCaseUpdateRow = typeof groupCaseUpdates.$inferSelect;
