import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
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
 * One complaint, repair, consultation, suggestion or praise. `orgPath` is the project's path (or the company's
 * when no project is known): scope checks use it. `status` is the current node; see ticket.workflow.ts.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    type: text('type').notNull(),
    channel: text('channel').notNull(),
    priority: text('priority').notNull().default('normal'),
    major: boolean('major').notNull().default(false),
    status: text('status').notNull(),
    /** The node a ticket on hold returns to. */
    heldFrom: text('held_from'),
    holdReason: text('hold_reason'),
    resumeOn: date('resume_on'),
    title: text('title').notNull(),
    /** Set when the title was made from the owner's picks (room, where, category): shown from these. */
    titleParts: jsonb('title_parts'),
    description: text('description').notNull().default(''),
    customerId: uuid('customer_id'),
    customerName: text('customer_name'),
    contactPhone: text('contact_phone'),
    unitId: uuid('unit_id'),
    unitCode: text('unit_code'),
    projectId: uuid('project_id'),
    companyId: uuid('company_id').notNull(),
    orgPath: text('org_path').notNull(),
    categoryCode: text('category_code'),
    room: text('room'),
    location: text('location'),
    warrantyStatus: text('warranty_status'),
    warrantyUntil: date('warranty_until'),
    rootCause: text('root_cause'),
    /** The standard problem (knowledge article) a repair was closed with; its root cause came from it. */
    knowledgeArticleId: uuid('knowledge_article_id'),
    /** A leak whatever the category (K7). */
    leak: boolean('leak').notNull().default(false),
    /** The home differs from its drawings (图纸不符, K11). */
    drawingMismatch: boolean('drawing_mismatch').notNull().default(false),
    /** Why the owner complains (complaints): sales promise, delivery delay, agency promise, property… */
    complaintCause: text('complaint_cause'),
    /** The contractor or supplier answerable for a repair (an org unit of type contractor). */
    responsibleOrgId: uuid('responsible_org_id'),
    /** Brought in from another system: never sends, starts clocks or escalates. */
    imported: boolean('imported').notNull().default(false),
    resolution: text('resolution'),
    cost: numeric('cost', { precision: 12, scale: 2 }),
    assigneeUserId: uuid('assignee_user_id'),
    assigneeOrgId: uuid('assignee_org_id'),
    inspectionRequired: boolean('inspection_required').notNull(),
    reportedAt: tz('reported_at').notNull(),
    firstResponseAt: tz('first_response_at'),
    closedAt: tz('closed_at'),
    completedAt: tz('completed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Highest escalation level reached on any running clock (0 = none); shown in queues. */
    escalationLevel: smallint('escalation_level').notNull().default(0),
    warning: boolean('warning').notNull().default(false),
    overdue: boolean('overdue').notNull().default(false),
    /** Earliest deadline of the running clocks: the queue sorts and counts down on it. */
    nextDueAt: tz('next_due_at'),
    cancelReason: text('cancel_reason'),
    mergedInto: uuid('merged_into'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('tickets_number_uq').on(t.number),
    // The queue reads newest-first or by deadline within the caller's scope: the whole group, one city company
    // or one project, each walking its own index in order (decisions.md §15).
    index('tickets_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('tickets_company_created_idx').on(t.companyId, t.createdAt.desc(), t.id.desc()),
    index('tickets_project_created_idx').on(t.projectId, t.createdAt.desc(), t.id.desc()),
    index('tickets_due_idx').on(t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    index('tickets_company_due_idx').on(t.companyId, t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    index('tickets_project_due_idx').on(t.projectId, t.nextDueAt, t.id).where(sql`${t.nextDueAt} is not null`),
    index('tickets_customer_idx').on(t.customerId, t.createdAt),
    index('tickets_assignee_idx').on(t.assigneeUserId, t.status),
    index('tickets_unit_idx').on(t.unitId),
    index('tickets_resume_idx').on(t.resumeOn).where(sql`${t.status} = 'on_hold' and ${t.resumeOn} is not null`),
    check('tickets_type_ck', sql`${t.type} in ('complaint','repair','consultation','suggestion','praise')`),
    check(
      'tickets_status_ck',
      sql`${t.status} in ('inspection','dispatch','dispatched','processing','closed','completed','on_hold','cancelled')`,
    ),
    check('tickets_priority_ck', sql`${t.priority} in ('low','normal','high','urgent')`),
    check(
      'tickets_complaint_cause_ck',
      sql`${t.complaintCause} is null or ${t.complaintCause} in ('sales_promise','delivery_delay','agency_promise','property_management','amenities','quality','other')`,
    ),
    index('tickets_reported_idx').on(t.companyId, t.reportedAt),
    // the scorecards and design feedback read a period's repair items in any scope (decisions §49)
    index('tickets_repair_reported_idx').on(t.reportedAt).where(sql`${t.type} = 'repair'`),
    // their 90-day repeat check reads one unit's repairs of the 90 days before an item, not all its history
    index('tickets_repair_unit_reported_idx').on(t.unitId, t.reportedAt).where(sql`${t.type} = 'repair'`),
    check(
      'tickets_root_cause_ck',
      sql`${t.rootCause} is null or ${t.rootCause} in ('design','material','workmanship','owner_misuse','other')`,
    ),
  ],
);

/** Per type prefix and day: the last number handed out (BX20261123-0001). */
export const ticketNumberSeq = pgTable(
  'ticket_number_seq',
  { prefix: text('prefix').notNull(), day: text('day').notNull(), last: integer('last').notNull() },
  (t) => [primaryKey({ columns: [t.prefix, t.day] })],
);

/** Everything that happened to a ticket, in order: transitions, notes, work orders, SLA warnings, callbacks. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    at: tz('at').notNull(),
    kind: text('kind').notNull(),
    /** `customer` events are shown to the owner and count as our response; `internal` ones are not. */
    visibility: text('visibility').notNull().default('internal'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    body: text('body'),
    data: jsonb('data'),
  },
  (t) => [
    index('ticket_events_ticket_idx').on(t.ticketId, t.id),
    check('ticket_events_visibility_ck', sql`${t.visibility} in ('internal','customer')`),
  ],
);

/** A piece of work on a ticket for a department, a person or a contractor; each has its own clock. */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    assigneeOrgId: uuid('assignee_org_id').notNull(),
    assigneeOrgType: text('assignee_org_type').notNull(),
    assigneeUserId: uuid('assignee_user_id'),
    status: text('status').notNull().default('open'),
    progress: text('progress'),
    result: text('result'),
    dueAt: tz('due_at'),
    acceptedAt: tz('accepted_at'),
    doneAt: tz('done_at'),
    confirmedAt: tz('confirmed_at'),
    orgPath: text('org_path').notNull(),
    imported: boolean('imported').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('work_orders_ticket_seq_uq').on(t.ticketId, t.seq),
    index('work_orders_assignee_org_idx').on(t.assigneeOrgId, t.status, t.createdAt),
    index('work_orders_assignee_user_idx').on(t.assigneeUserId, t.status),
    check(
      'work_orders_status_ck',
      sql`${t.status} in ('open','accepted','in_progress','done','confirmed','rejected','cancelled')`,
    ),
  ],
);

/**
 * SLA limits a company sets. A row applies to tickets matching its type and, when set, category, priority and
 * major flag; the most specific row wins per node, else the built-in defaults (sla-defaults.ts).
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    ticketType: text('ticket_type').notNull(),
    categoryCode: text('category_code').notNull().default(''),
    priority: text('priority').notNull().default(''),
    /** '' any, 'yes' major complaints only, 'no' others only. */
    major: text('major').notNull().default(''),
    node: text('node').notNull(),
    limitMinutes: integer('limit_minutes').notNull(),
    mode: text('mode').notNull(),
    warnPercent: smallint('warn_percent').notNull().default(80),
    ladder: jsonb('ladder').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('sla_policies_key_uq').on(t.companyId, t.ticketType, t.categoryCode, t.priority, t.major, t.node),
    check('sla_policies_mode_ck', sql`${t.mode} in ('working','calendar')`),
    check('sla_policies_warn_ck', sql`${t.warnPercent} between 1 and 99`),
  ],
);

/** The defect taxonomy for repairs (editable); `urgent` categories such as leaks get the short processing limit. */
export const defectCategories = pgTable('defect_categories', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  urgent: boolean('urgent').notNull().default(false),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/** A user's saved queue filters ("my overdue repairs"), by name. */
export const ticketViews = pgTable(
  'ticket_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').notNull(),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('ticket_views_user_name_uq').on(t.userId, t.name)],
);

export type TicketRow = typeof tickets.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type WorkOrderRow = typeof workOrders.$inferSelect;
/**
 * The ticket's callback as the ticket page shows it: a repair_callback request of the surveys module about the
 * ticket (survey_requests, decisions §35), the pending one, else the newest.
 */
export type CallbackRow = {
  id: string;
  status: string;
  attempts: number;
  score: number | null;
  comment: string | null;
  recordedAt: Date | null;
  createdAt: Date;
};
export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
