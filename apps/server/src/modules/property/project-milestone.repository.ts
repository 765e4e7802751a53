import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { projectMilestones } from './property.tables.js';

/** Every query on project milestones. */
export class ProjectMilestoneRepository {
  constructor(private readonly db: Executor) {}

  list(projectId: string) {
    return this.db
      .select()
      .from(projectMilestones)
      .where(eq(projectMilestones.projectId, projectId))
      .orderBy(asc(projectMilestones.kind));
  }

  async set(row: typeof projectMilestones.$inferInsert) {
    await this.db
      .insert(projectMilestones)
      .values(row)
      .onConflictDoUpdate({
        target: [projectMilestones.projectId, projectMilestones.kind],
        set: { date: row.date, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
      });
  }

  async clear(projectId: string, kind: string) {
    await this.db
      .delete(projectMilestones)
      .where(and(eq(projectMilestones.projectId, projectId), eq(projectMilestones.kind, kind)));
  }
}
