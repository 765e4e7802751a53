import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

/** What a survey is sent about (its definition's kind; a request carries it too). */
export const SURVEY_KINDS = [
  'repair_callback',
  'sales_callback',
  'design_callback',
  'journey_task',
  'service',
  'event',
  'annual',
  'general',
] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/**
 * The satisfaction dimensions of the annual survey (KPIS.md). Loyalty is not asked: it is derived, the share
 * satisfied overall who would both buy again and refer.
 */
export const SURVEY_DIMENSIONS = [
  'overall',
  'repurchase',
  'referral',
  'continued_attention',
  'complaint_handling',
  'sales_service',
  'planning_design',
  'amenities',
  'engineering_quality',
  'property_management',
] as const;
export type SurveyDimension = (typeof SURVEY_DIMENSIONS)[number];
/** Derived dimensions: computed from answers to others, never asked. */
export const DERIVED_SURVEY_DIMENSIONS = ['loyalty'] as const;

/** 5-point score (1–5), 0–10 likelihood, one choice, several choices, free text. */
export const SURVEY_QUESTION_TYPES = ['score5', 'nps', 'single', 'multiple', 'text'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];
export const SURVEY_REQUEST_STATUSES = ['pending', 'answered', 'unanswered', 'cancelled', 'expired'] as const;
export type SurveyRequestStatus = (typeof SURVEY_REQUEST_STATUSES)[number];
export const SURVEY_CHANNELS = ['phone', 'sms', 'portal'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];
/** The respondent's journey stage when answering (the "dive curve" groups scores by it). */
export const SURVEY_STAGES = ['signed', 'waiting_delivery', 'handover', 'first_year', 'after_first_year'] as const;
export type SurveyStage = (typeof SURVEY_STAGES)[number];
/** What a request is about: one record of another module (registered with the surveys module) or a sampled home. */
export const SURVEY_SUBJECT_TYPES = ['ticket', 'ownership', 'journey_task', 'service', 'event', 'unit'] as const;
export type SurveySubjectType = (typeof SURVEY_SUBJECT_TYPES)[number];

const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const words = z.string().trim().min(1).max(200);

export const surveyOption = z.object({ code, textZh: words, textEn: z.string().trim().max(200).default('') });
export const surveyQuestion = z.object({
  key: code,
  type: z.enum(SURVEY_QUESTION_TYPES),
  textZh: words,
  textEn: z.string().trim().max(200).default(''),
  /** For single and multiple choice: the codes an answer picks from. */
  options: z.array(surveyOption).max(30).optional(),
  dimension: z.enum(SURVEY_DIMENSIONS).nullable().optional(),
  required: z.boolean().default(true),
});
export type SurveyQuestion = z.infer<typeof surveyQuestion>;

export const surveySettings = z.object({
  /** An agent's unanswered calls before the request is given up as unanswered (default 3). */
  maxAttempts: z.number().int().min(1).max(10).optional(),
  /** Days an SMS link works (default 7). */
  linkDays: z.number().int().min(1).max(60).optional(),
  /** The annual survey's default share of a project's owners (0–1). */
  sampleShare: z.number().min(0).max(1).optional(),
  /** Households per product type of a design callback's sample (default 5). */
  sampleSize: z.number().int().min(1).max(100).optional(),
  /** The scores counted as satisfied (default [4, 5]). */
  topBoxes: z.array(z.number().int().min(1).max(5)).max(5).optional(),
});
export type SurveySettings = z.infer<typeof surveySettings>;

export const survey = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(SURVEY_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
  companyId: z.uuid().nullable(),
  active: z.boolean(),
  currentVersion: z.number().int(),
  settings: surveySettings,
  questions: z.array(surveyQuestion),
  version,
  updatedAt: isoDateTime,
});
export type Survey = z.infer<typeof survey>;
export const surveyList = z.object({ items: z.array(survey) });

export const surveyCodeParams = z.object({ code });
export const upsertSurveyBody = z.object({
  kind: z.enum(SURVEY_KINDS),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).default(''),
  active: z.boolean().default(true),
  settings: surveySettings.default({}),
  questions: z.array(surveyQuestion).min(1).max(60),
  /** The version read; omitted to create a new survey. */
  version: version.optional(),
});
export type UpsertSurveyBody = z.infer<typeof upsertSurveyBody>;

const subjectRef = z.object({ type: z.enum(SURVEY_SUBJECT_TYPES), id: z.uuid() });
/** One subject, or a sample: N households per product type of a delivery batch, or a share of a project's owners. */
export const sendSurveyBody = z.object({
  channel: z.enum(SURVEY_CHANNELS),
  subject: subjectRef.optional(),
  sample: z
    .discriminatedUnion('sample', [
      z.object({
        sample: z.literal('product_types'),
        batchId: z.uuid(),
        perType: z.number().int().min(1).max(100).optional(),
      }),
      z.object({ sample: z.literal('annual'), projectId: z.uuid(), share: z.number().gt(0).max(1).optional() }),
    ])
    .optional(),
});
export type SendSurveyBody = z.infer<typeof sendSurveyBody>;

export const surveyAnswerInput = z.object({
  key: code,
  score: z.number().int().min(0).max(10).optional(),
  choices: z.array(code).max(30).optional(),
  text: z.string().trim().max(1000).optional(),
});
export type SurveyAnswerInput = z.infer<typeof surveyAnswerInput>;

export const surveyAnswer = z.object({
  key: z.string(),
  dimension: z.string().nullable(),
  score: z.number().int().nullable(),
  choices: z.array(z.string()).nullable(),
  text: z.string().nullable(),
});

export const surveyRequest = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  surveyCode: z.string(),
  surveyVersion: z.number().int(),
  kind: z.enum(SURVEY_KINDS),
  subjectType: z.string(),
  subjectId: z.uuid().nullable(),
  customerId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  projectId: z.uuid().nullable(),
  channel: z.enum(SURVEY_CHANNELS),
  status: z.enum(SURVEY_REQUEST_STATUSES),
  method: z.string().nullable(),
  attempts: z.number().int(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  stage: z.enum(SURVEY_STAGES).nullable(),
  service: z.string().nullable(),
  linkExpiresAt: isoDateTime.nullable(),
  recordedAt: isoDateTime.nullable(),
  imported: z.boolean(),
  createdAt: isoDateTime,
  answers: z.array(surveyAnswer).optional(),
});
export type SurveyRequest = z.infer<typeof surveyRequest>;
export const surveyRequestPage = z.object({ items: z.array(surveyRequest), nextCursor: z.string().nullable() });
export const sentSurveys = z.object({
  items: z.array(surveyRequest),
  /** Households of a sample left out: surveyed in the last 30 days, or without an owner to ask. */
  skipped: z.number().int(),
});

export const listSurveyRequestsQuery = pageQuery.extend({
  kind: z.enum(SURVEY_KINDS).optional(),
  status: z.enum(SURVEY_REQUEST_STATUSES).optional(),
  channel: z.enum(SURVEY_CHANNELS).optional(),
  surveyId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ListSurveyRequestsQuery = z.infer<typeof listSurveyRequestsQuery>;

/** An agent's call: answered with the answers, or not reached (given up as unanswered after maxAttempts). */
export const recordSurveyAnswerBody = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('answered'),
    answers: z.array(surveyAnswerInput).max(60),
    comment: z.string().trim().max(500).optional(),
  }),
  z.object({ outcome: z.literal('unanswered') }),
]);
export type RecordSurveyAnswerBody = z.infer<typeof recordSurveyAnswerBody>;

export const answerSurveyBody = z.object({
  answers: z.array(surveyAnswerInput).max(60),
  comment: z.string().trim().max(500).optional(),
});
export type AnswerSurveyBody = z.infer<typeof answerSurveyBody>;

export const surveyLinkIssued = z.object({ expiresAt: isoDateTime, sent: z.boolean() });
export const surveyTokenParams = z.object({ token: z.string().min(20).max(80) });

/** What a survey link (or the portal) shows the respondent: the questions, in both languages. */
export const surveyForm = z.object({
  id: z.uuid(),
  kind: z.enum(SURVEY_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
  questions: z.array(surveyQuestion),
  status: z.enum(SURVEY_REQUEST_STATUSES),
  createdAt: isoDateTime,
});
export type SurveyForm = z.infer<typeof surveyForm>;
export const mySurveys = z.object({ items: z.array(surveyForm) });
