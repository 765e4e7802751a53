import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

/** Lessons learned (经验教训成果转化) of the quality module (imported as '@anju/contracts/lessons'). */

export const LESSON_STATUSES = [
  'proposed',
  'accepted',
  'applied_to_standard',
  'verified_on_new_project',
  'rejected',
] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];
/** The conversion steps in order; a lesson only moves forward along them (or is rejected). */
export const LESSON_STEPS = ['proposed', 'accepted', 'applied_to_standard', 'verified_on_new_project'] as const;
export const LESSON_DEPARTMENTS = ['design', 'engineering', 'procurement', 'marketing', 'property'] as const;
export type LessonDepartment = (typeof LESSON_DEPARTMENTS)[number];
export const LESSON_SOURCES = ['case', 'cluster', 'manual'] as const;
export type LessonSource = (typeof LESSON_SOURCES)[number];

const text = (max: number) => z.string().trim().max(max);

/**
 * Create (no `id`) or edit (`id` with the version read; stale: 409). A lesson from a closed group case (`caseId`)
 * is prefilled from its closing report: problem ← the case's title, analysis ← its cause, improvement ← its lessons
 * (else its measures); fields sent win. `orgUnitId`: the company or group it belongs to (default: the case's or
 * cluster's company, else the caller's). `appliesTo`: project ids; empty = every new project of that company/group.
 */
export const upsertLessonBody = z.object({
  id: z.uuid().optional(),
  version: version.optional(),
  caseId: z.uuid().optional(),
  clusterId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
  problem: text(500).optional(),
  analysis: text(2000).optional(),
  department: z.enum(LESSON_DEPARTMENTS),
  improvement: text(2000).optional(),
  status: z.enum(LESSON_STATUSES).optional(),
  appliesTo: z.array(z.uuid()).max(100).default([]),
});
export type UpsertLessonBody = z.infer<typeof upsertLessonBody>;

export const listLessonsQuery = pageQuery.extend({
  status: z.enum(LESSON_STATUSES).optional(),
  department: z.enum(LESSON_DEPARTMENTS).optional(),
  source: z.enum(LESSON_SOURCES).optional(),
  caseId: z.uuid().optional(),
});

export const lessonStep = z.object({
  status: z.enum(LESSON_STATUSES),
  at: isoDateTime,
  byName: z.string().nullable(),
});

export const lesson = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  problem: z.string(),
  analysis: z.string(),
  department: z.enum(LESSON_DEPARTMENTS),
  improvement: z.string(),
  status: z.enum(LESSON_STATUSES),
  /** Every status it has held, oldest first, with who and when. */
  steps: z.array(lessonStep),
  appliesTo: z.array(z.object({ id: z.uuid(), name: z.string() })),
  source: z.enum(LESSON_SOURCES),
  caseId: z.uuid().nullable(),
  clusterId: z.uuid().nullable(),
  /** The project the case or cluster was about: left out of "every new project". */
  sourceProjectId: z.uuid().nullable(),
  sourceProjectName: z.string().nullable(),
  acceptedAt: isoDateTime.nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  version: z.number().int(),
});
export type Lesson = z.infer<typeof lesson>;
