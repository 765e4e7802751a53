import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/** A step of a service as defined (and as copied into each request when it is booked). */
export type StepDefinition = {
  key: string;
  nameZh: string;
  nameEn: string;
  ownerTextZh: string;
  ownerTextEn: string;
  role: string;
  limitDays: number;
};

/**
 * A value-added service of the group's catalogue (issue 15 item 6): names and owner-facing words in both languages,
 * where it is offered (every project, chosen projects, or units of chosen product types), the fee (null: free),
 * members only or open, its steps and the callback survey at the end.
 */
export const serviceDefinitions = pgTable(
  'service_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    availability: text('availability').notNull().default('all'),
    projectIds: uuid('project_ids').array().notNull().default(sql`'{}'`),
    productTypes: text('product_types').array().notNull().default(sql`'{}'`),
    feeFen: integer('fee_fen'),
    feeTextZh: text('fee_text_zh').notNull().default(''),
    feeTextEn: text('fee_text_en').notNull().default(''),
    membersOnly: boolean('members_only').notNull().default(false),
    active: boolean('active').notNull().default(true),
    steps: jsonb('steps').$type<StepDefinition[]>().notNull(),
    callbackSurvey: text('callback_survey').notNull().default('service_callback'),
    sortOrder: integer('sort_order').notNull().default(100),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_definitions_code_uq').on(t.code),
    check('service_definitions_availability_ck', sql`${t.availability} in ('all','projects','product_types')`),
    check('service_definitions_fee_ck', sql`${t.feeFen} is null or ${t.feeFen} >= 0`),
    check(
      'service_definitions_steps_ck',
      sql`jsonb_typeof(${t.steps}) = 'array' and jsonb_array_length(${t.steps}) > 0`,
    ),
  ],
);

/**
 * A booked service for a customer's home: a snapshot of the service's names and steps (an edit of the definition
 * leaves running requests alone), placed at the home's project (`orgPath`). `currentStep`: the running step's seq
 * while open. Advancing claims the request by a conditional update of `current_step`, so of two staff completing
 * the same step one wins.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => serviceDefinitions.id),
    serviceCode: text('service_code').notNull(),
    serviceNameZh: text('service_name_zh').notNull(),
    serviceNameEn: text('service_name_en').notNull(),
    callbackSurvey: text('callback_survey').notNull(),
    customerId: uuid('customer_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    projectId: uuid('project_id').notNull(),
    companyId: uuid('company_id').notNull(),
    orgPath: text('org_path').notNull(),
    channel: text('channel').notNull(),
    note: text('note').notNull().default(''),
    feeFen: integer('fee_fen'),
    status: text('status').notNull().default('open'),
    currentStep: integer('current_step'),
    stepCount: integer('step_count').notNull(),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    doneAt: tz('done_at'),
    cancelledAt: tz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    cancelledBy: text('cancelled_by'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: tz('rated_at'),
    callbackRequestId: uuid('callback_request_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('service_requests_number_uq').on(t.number),
    index('service_requests_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.createdAt.desc(), t.id),
    index('service_requests_customer_idx').on(t.customerId, t.createdAt),
    index('service_requests_service_idx').on(t.serviceId, t.status),
    check('service_requests_status_ck', sql`${t.status} in ('open','done','cancelled')`),
    check('service_requests_channel_ck', sql`${t.channel} in ('portal','console')`),
    check('service_requests_current_ck', sql`(${t.status} = 'open') = (${t.currentStep} is not null)`),
    check('service_requests_rating_ck', sql`${t.rating} is null or (${t.rating} between 1 and 5)`),
  ],
);

/** Each step of a request: waiting, active (its clock runs), done (by whom, with a note), or cancelled. */
export const serviceRequestSteps = pgTable(
  'service_request_steps',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    seq: integer('seq').notNull(),
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    ownerTextZh: text('owner_text_zh').notNull(),
    ownerTextEn: text('owner_text_en').notNull(),
    role: text('role').notNull(),
    limitDays: integer('limit_days').notNull(),
    status: text('status').notNull().default('waiting'),
    startedAt: tz('started_at'),
    doneAt: tz('done_at'),
    doneBy: uuid('done_by'),
    doneByName: text('done_by_name'),
    note: text('note'),
    ownerNote: text('owner_note'),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.seq] }),
    check('service_request_steps_status_ck', sql`${t.status} in ('waiting','active','done','cancelled')`),
  ],
);

/** The day's last request number (FW + China day + four digits), taken in the booking's transaction. */
export const serviceRequestNumbers = pgTable('service_request_numbers', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export type ServiceDefinitionRow = typeof serviceDefinitions.$inferSelect;
export type ServiceRequestRow = typeof serviceRequests.$inferSelect;
export type ServiceRequestStepRow = typeof serviceRequestSteps.$inferSelect;
