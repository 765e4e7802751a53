import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
 * A survey or callback questionnaire. `kind` says what it is sent about (a repair callback after a ticket closes,
 * a sales callback after signing, a design callback on a product type sample, the annual survey…); the questions
 * live in versions, so an answer always reads against the questions it was given. `companyId` null: the group's.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    companyId: uuid('company_id'),
    active: boolean('active').notNull().default(true),
    currentVersion: integer('current_version').notNull().default(1),
    /** Sending rules: { maxAttempts, linkDays, sampleShare, sampleSize, topBoxes }. */
    settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('surveys_code_uq').on(t.code),
    check(
      'surveys_kind_ck',
      sql`${t.kind} in ('repair_callback','sales_callback','design_callback','journey_task','service','event','annual','general')`,
    ),
  ],
);

/** The questions of one version of a survey: [{ key, type, textZh, textEn, options?, dimension?, required }]. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    questions: jsonb('questions').notNull(),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.version] })],
);

/**
 * One survey sent to one person about one subject (a ticket's callback, a signed contract, a journey task, a
 * service, an event attendance, a unit of a product type sample, the annual survey): by phone from the agents'
 * queue, by a one-use SMS link, or in the portal. `score` is the headline 1–5 of a callback (the KPIs count it);
 * `stage` and `service` are the respondent's journey stage and the service just received, taken when answered.
 * Imported rows (history from another system) never send or reopen anything.
 */
export const surveyRequests = pgTable(
  'survey_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    surveyVersion: integer('survey_version').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id'),
    customerId: uuid('customer_id'),
    unitId: uuid('unit_id'),
    projectId: uuid('project_id'),
    companyId: uuid('company_id').notNull(),
    orgPath: text('org_path').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull().default('pending'),
    method: text('method'),
    attempts: integer('attempts').notNull().default(0),
    score: smallint('score'),
    comment: text('comment'),
    tokenHash: text('token_hash'),
    tokenExpiresAt: tz('token_expires_at'),
    stage: text('stage'),
    service: text('service'),
    recordedBy: uuid('recorded_by'),
    recordedAt: tz('recorded_at'),
    imported: boolean('imported').notNull().default(false),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('survey_requests_subject_idx').on(t.subjectId, t.createdAt),
    index('survey_requests_customer_idx').on(t.customerId, t.createdAt),
    index('survey_requests_pending_idx')
      .using('btree', t.orgPath.op('text_pattern_ops'), t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    // The KPIs read answered callbacks of a kind by answer time (K2, K3, K12–K14) within a scope.
    index('survey_requests_answered_idx').on(t.kind, t.recordedAt, t.companyId).where(sql`${t.status} = 'answered'`),
    uniqueIndex('survey_requests_token_uq').on(t.tokenHash),
    check('survey_requests_status_ck', sql`${t.status} in ('pending','answered','unanswered','cancelled','expired')`),
    check('survey_requests_channel_ck', sql`${t.channel} in ('phone','sms','portal')`),
    check('survey_requests_score_ck', sql`${t.score} is null or ${t.score} between 1 and 5`),
  ],
);

/** One answer to one question of a request; `dimension` is the satisfaction dimension the question maps to. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => surveyRequests.id, { onDelete: 'cascade' }),
    questionKey: text('question_key').notNull(),
    dimension: text('dimension'),
    score: smallint('score'),
    choices: text('choices').array(),
    text: text('text'),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.questionKey] }),
    index('survey_answers_dimension_idx').on(t.dimension).where(sql`${t.dimension} is not null`),
  ],
);

export type SurveyRow = typeof surveys.$inferSelect;
export type SurveyVersionRow = typeof surveyVersions.$inferSelect;
export type SurveyRequestRow = typeof surveyRequests.$inferSelect;
export type SurveyAnswerRow = typeof surveyAnswers.$inferSelect;
