import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { type JourneyTemplateRow, journeyTemplates, journeyTemplateVersions } from './journey.tables.js';

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
