import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  type JourneyTemplateRow,
  journeyProjectTemplates,
  journeyTemplates,
  journeyTemplateVersions,
} from './journey.tables.js';

export type NewTemplate = Omit<typeof journeyTemplates.$inferInsert, 'id' | 'version'>;

/** Every query on journey templates and their versions. */
export class JourneyTemplateRepository {
  constructor(private readonly db: Executor) {}

  /** Adds the templates a company lacks (by key), each with its version-1 row; existing ones are left alone. */
  async addMissing(templates: NewTemplate[]) {
    if (templates.length === 0) return;
    const added = await this.db.insert(journeyTemplates).values(templates).onConflictDoNothing().returning();
    if (added.length === 0) return;
    await this.db
      .insert(journeyTemplateVersions)
      .values(
        added.map((t) => ({
          templateId: t.id,
          version: 1,
          steps: t.steps,
          createdBy: t.updatedBy,
          createdAt: t.updatedAt,
        })),
      )
      .onConflictDoNothing();
  }

  ofCompany(companyId: string): Promise<JourneyTemplateRow[]> {
    return this.db
      .select()
      .from(journeyTemplates)
      .where(eq(journeyTemplates.companyId, companyId))
      .orderBy(asc(journeyTemplates.key))
      .limit(100);
  }

  /** The templates switched on or off for these projects: project → template → enabled. */
  async projectSwitches(projectIds: string[]): Promise<Map<string, Map<string, boolean>>> {
    const out = new Map<string, Map<string, boolean>>();
    if (projectIds.length === 0) return out;
    const rows = await this.db
      .select()
      .from(journeyProjectTemplates)
      .where(inArray(journeyProjectTemplates.projectId, [...new Set(projectIds)]));
    for (const r of rows) {
      const own = out.get(r.projectId) ?? new Map<string, boolean>();
      own.set(r.templateId, r.enabled);
      out.set(r.projectId, own);
    }
    return out;
  }

  /** Switches a template for a project (on, off), or back to the company's setting (null). */
  async setProjectSwitch(projectId: string, templateId: string, enabled: boolean | null, by: string, at: Date) {
    if (enabled === null) {
      await this.db
        .delete(journeyProjectTemplates)
        .where(
          and(eq(journeyProjectTemplates.projectId, projectId), eq(journeyProjectTemplates.templateId, templateId)),
        );
      return;
    }
    await this.db
      .insert(journeyProjectTemplates)
      .values({ projectId, templateId, enabled, updatedBy: by, updatedAt: at })
      .onConflictDoUpdate({
        target: [journeyProjectTemplates.projectId, journeyProjectTemplates.templateId],
        set: { enabled, updatedBy: by, updatedAt: at },
      });
  }

  async find(id: string): Promise<JourneyTemplateRow | null> {
    const [row] = await this.db.select().from(journeyTemplates).where(eq(journeyTemplates.id, id));
    return row ?? null;
  }

  /** Writes the next version when the template is still at `version`; null on a stale version. */
  async update(
    id: string,
    version: number,
    values: Pick<JourneyTemplateRow, 'nameZh' | 'nameEn' | 'active' | 'steps' | 'updatedBy' | 'updatedAt'>,
  ): Promise<JourneyTemplateRow | null> {
    const [row] = await this.db
      .update(journeyTemplates)
      .set({ ...values, version: sql`${journeyTemplates.version} + 1` })
      .where(and(eq(journeyTemplates.id, id), eq(journeyTemplates.version, version)))
      .returning();
    if (!row) return null;
    await this.db.insert(journeyTemplateVersions).values({
      templateId: id,
      version: row.version,
      steps: row.steps,
      createdBy: values.updatedBy,
      createdAt: values.updatedAt,
    });
    return row;
  }

  /** The steps of one version of a template (the version a task was generated from). */
  async stepsAt(templateId: string, version: number): Promise<unknown | null> {
    const [row] = await this.db
      .select({ steps: journeyTemplateVersions.steps })
      .from(journeyTemplateVersions)
      .where(and(eq(journeyTemplateVersions.templateId, templateId), eq(journeyTemplateVersions.version, version)));
    return row?.steps ?? null;
  }
}
