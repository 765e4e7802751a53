import { and, desc, eq, inArray, isNotNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import { type LessonRow, lessons, type NewLesson } from './lesson.tables.js';

export type LessonFilter = {
  /** The caller's subtree; lessons of the nodes above it (`aboveIds`) are read too. */
  scopePath: string;
  aboveIds: string[];
  status?: string;
  department?: string;
  source?: string;
  caseId?: string;
  before?: { at: Date; id: string };
};

const CONVERTED = ['accepted', 'applied_to_standard', 'verified_on_new_project'];

/** Every query on lessons learned. */
export class LessonRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: NewLesson): Promise<LessonRow> {
    const [written] = await this.db.insert(lessons).values(row).returning();
    return written as LessonRow;
  }

  /** A lesson the caller may read: in its subtree or on a node above it. */
  async readable(id: string, scopePath: string, aboveIds: string[]): Promise<LessonRow | null> {
    const [row] = await this.db
      .select()
      .from(lessons)
      .where(and(eq(lessons.id, id), visible(scopePath, aboveIds)));
    return row ?? null;
  }

  /** Newest first (keyset on created time and id), `limit` rows. */
  list(f: LessonFilter, limit: number): Promise<LessonRow[]> {
    return this.db
      .select()
      .from(lessons)
      .where(
        and(
          visible(f.scopePath, f.aboveIds),
          f.status ? eq(lessons.status, f.status) : undefined,
          f.department ? eq(lessons.department, f.department) : undefined,
          f.source ? eq(lessons.source, f.source) : undefined,
          f.caseId ? eq(lessons.caseId, f.caseId) : undefined,
          f.before
            ? or(
                lt(lessons.createdAt, f.before.at),
                and(eq(lessons.createdAt, f.before.at), lt(lessons.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(lessons.createdAt), desc(lessons.id))
      .limit(limit);
  }

  /** Writes an edit at the version read; null when someone edited it meanwhile. */
  async update(id: string, version: number, patch: Partial<NewLesson>): Promise<LessonRow | null> {
    const [row] = await this.db
      .update(lessons)
      .set({ ...patch, version: sql`${lessons.version} + 1` })
      .where(and(eq(lessons.id, id), eq(lessons.version, version)))
      .returning();
    return row ?? null;
  }

  /**
   * The lessons a project's simulated acceptance checks: accepted (or further) by `asOf`, kept by a node on the
   * project's path, listing the project or listing none and not coming from it (index org_unit_id, accepted_at).
   */
  forProject(projectId: string, pathIds: string[], asOf: Date): Promise<LessonRow[]> {
    return this.db
      .select()
      .from(lessons)
      .where(
        and(
          inArray(lessons.orgUnitId, pathIds),
          isNotNull(lessons.acceptedAt),
          ne(lessons.status, 'rejected'),
          inArray(lessons.status, CONVERTED),
          lte(lessons.acceptedAt, asOf),
          or(
            sql`${projectId}::uuid = any(${lessons.appliesTo})`,
            and(
              sql`cardinality(${lessons.appliesTo}) = 0`,
              sql`${lessons.sourceProjectId} is distinct from ${projectId}::uuid`,
            ),
          ),
        ),
      )
      .orderBy(lessons.acceptedAt, lessons.id)
      .limit(200);
  }
}

const visible = (scopePath: string, aboveIds: string[]): SQL | undefined =>
  aboveIds.length
    ? or(withinScope(lessons.orgPath, scopePath), inArray(lessons.orgUnitId, aboveIds))
    : withinScope(lessons.orgPath, scopePath);
