import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { propertyHandovers } from '../handover/handover.tables.js';
import { openDayItems, openDays } from '../open-days/open-day.tables.js';

/**
 * History from a previous system (issue 14 item 8): open days with their owners' suggestions and engineering issues
 * (when each was answered, rectified and verified), and batches' hand-overs to the property company with its verdict.
 */
export class JourneyHistoryRepository {
  constructor(private readonly db: Executor) {}

  /** The project's open day held that day, created (as held) on first sight. */
  async openDay(project: { id: string; path: string }, heldOn: string, batchId: string | null, at: Date) {
    const [existing] = await this.db
      .select({ id: openDays.id })
      .from(openDays)
      .where(and(eq(openDays.projectId, project.id), eq(openDays.heldOn, heldOn)))
      .limit(1);
    if (existing) return existing.id;
    const start = new Date(`${heldOn}T09:00:00+08:00`);
    const [created] = await this.db
      .insert(openDays)
      .values({
        projectId: project.id,
        batchId,
        orgPath: project.path,
        title: '工地开放日',
        heldOn,
        startsAt: start,
        endsAt: new Date(start.getTime() + 8 * 3_600_000),
        status: 'held',
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: openDays.id });
    return created?.id as string;
  }

  /** An item of an open day, once per kind and content (a re-import updates its answer and rectification times). */
  async putItem(row: typeof openDayItems.$inferInsert): Promise<'imported' | 'updated'> {
    const [existing] = await this.db
      .select({ id: openDayItems.id })
      .from(openDayItems)
      .where(
        and(
          eq(openDayItems.openDayId, row.openDayId),
          eq(openDayItems.kind, row.kind),
          eq(openDayItems.content, row.content),
        ),
      )
      .limit(1);
    if (!existing) {
      await this.db.insert(openDayItems).values(row);
      return 'imported';
    }
    const { status, answer, answeredAt, rectifiedAt, verifiedAt, updatedAt } = row;
    await this.db
      .update(openDayItems)
      .set({ status, answer, answeredAt, rectifiedAt, verifiedAt, updatedAt })
      .where(eq(openDayItems.id, existing.id));
    return 'updated';
  }

  /** A batch's hand-over to the property company, replaced by a re-import. */
  async putPropertyHandover(row: typeof propertyHandovers.$inferInsert): Promise<'imported' | 'updated'> {
    const [existing] = await this.db
      .select({ batchId: propertyHandovers.batchId })
      .from(propertyHandovers)
      .where(eq(propertyHandovers.batchId, row.batchId));
    if (!existing) {
      await this.db.insert(propertyHandovers).values(row);
      return 'imported';
    }
    await this.db.update(propertyHandovers).set(row).where(eq(propertyHandovers.batchId, row.batchId));
    return 'updated';
  }
}
