import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { deliveryBatches, propertyVisits, units } from '../property.tables.js';

/**
 * History from a previous system (issue 14 item 8): delivery batches with their units and dates, and property
 * visits, written as they happened — no event, so no journey plan, SMS or clock follows.
 */
export class PropertyHistoryRepository {
  constructor(private readonly db: Executor) {}

  /** The project's batch of this name, created on first sight; given dates replace the batch's. */
  async putBatch(
    projectId: string,
    name: string,
    dates: { plannedDate?: string; actualDate?: string; areaReportDate?: string },
    at: Date,
  ) {
    const [existing] = await this.db
      .select({ id: deliveryBatches.id })
      .from(deliveryBatches)
      .where(and(eq(deliveryBatches.projectId, projectId), eq(deliveryBatches.name, name)))
      .limit(1);
    if (!existing) {
      const [created] = await this.db
        .insert(deliveryBatches)
        .values({ projectId, name, ...dates, createdAt: at, updatedAt: at })
        .returning({ id: deliveryBatches.id });
      return created?.id as string;
    }
    if (Object.keys(dates).length)
      await this.db
        .update(deliveryBatches)
        .set({ ...dates, updatedAt: at, version: sql`${deliveryBatches.version} + 1` })
        .where(eq(deliveryBatches.id, existing.id));
    return existing.id;
  }

  /** Puts a unit in a batch; delivered on the batch's actual date when it has one; its surveyed area when given. */
  async placeUnit(unitId: string, batchId: string, deliveredOn: string | null, surveyedArea: number | null, at: Date) {
    await this.db
      .update(units)
      .set({
        deliveryBatchId: batchId,
        ...(deliveredOn
          ? { deliveredOn, status: sql`case when ${units.status} = 'moved_in' then 'moved_in' else 'delivered' end` }
          : {}),
        ...(surveyedArea !== null ? { surveyedArea } : {}),
        updatedAt: at,
        version: sql`${units.version} + 1`,
      })
      .where(eq(units.id, unitId));
  }

  /** A visit, once per unit, day and visitor (a re-import updates its notes). */
  async putVisit(row: typeof propertyVisits.$inferInsert): Promise<'imported' | 'updated'> {
    const [existing] = await this.db
      .select({ id: propertyVisits.id })
      .from(propertyVisits)
      .where(
        and(
          eq(propertyVisits.unitId, row.unitId),
          eq(propertyVisits.visitedOn, row.visitedOn),
          eq(propertyVisits.visitorName, row.visitorName),
          eq(propertyVisits.imported, true),
        ),
      )
      .limit(1);
    if (!existing) {
      await this.db.insert(propertyVisits).values(row);
      return 'imported';
    }
    await this.db
      .update(propertyVisits)
      .set({ issues: row.issues, measures: row.measures })
      .where(eq(propertyVisits.id, existing.id));
    return 'updated';
  }
}
