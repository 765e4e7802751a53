import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A lesson learned (经验教训成果转化): a problem, its analysis, the department responsible, the improvement, and how
 * far it has been converted (proposed → accepted → applied to standard → verified on a new project, or rejected).
 * It belongs to a city company or the group (`org_unit_id`, `org_path`) and applies to the projects listed, or to
 * every new project there (empty list) except the one it came from. An accepted one joins the simulated acceptance.
 */
export const lessons = pgTable(
  'quality_lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    problem: text('problem').notNull(),
    analysis: text('analysis').notNull().default(''),
    department: text('department').notNull(),
    improvement: text('improvement').notNull().default(''),
    status: text('status').notNull().default('proposed'),
    /** [{ status, at, by }] every status held, oldest first. */
    steps: jsonb('steps').notNull(),
    appliesTo: uuid('applies_to').array().notNull().default(sql`'{}'::uuid[]`),
    source: text('source').notNull(),
    caseId: uuid('case_id'),
    clusterId: uuid('cluster_id'),
    sourceProjectId: uuid('source_project_id'),
    acceptedAt: tz('accepted_at'),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('quality_lessons_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('quality_lessons_org_accepted_idx')
      .on(t.orgUnitId, t.acceptedAt)
      .where(sql`${t.acceptedAt} is not null and ${t.status} <> 'rejected'`),
    index('quality_lessons_case_idx').on(t.caseId).where(sql`${t.caseId} is not null`),
    check(
      'quality_lessons_status_ck',
      sql`${t.status} in ('proposed','accepted','applied_to_standard','verified_on_new_project','rejected')`,
    ),
    check(
      'quality_lessons_department_ck',
      sql`${t.department} in ('design','engineering','procurement','marketing','property')`,
    ),
    check('quality_lessons_source_ck', sql`${t.source} in ('case','cluster','manual')`),
  ],
);

export type LessonRow = typeof lessons.$inferSelect;
export type NewLesson = typeof lessons.$inferInsert;
export type LessonStepRecord = { status: string; at: string; by: string | null };
