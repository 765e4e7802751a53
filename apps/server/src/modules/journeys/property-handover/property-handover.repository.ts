import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { propertyHandovers } from '../handover/handover.tables.js';

export type PropertyHandoverRow = typeof propertyHandovers.$inferSelect;
type Record = Pick<PropertyHandoverRow, 'handedOverOn' | 'items' | 'note' | 'recordedBy'>;

/** Every query on a batch's hand-over to the property company. */
export class PropertyHandoverRepository {
  constructor(private readonly db: Executor) {}

  async find(batchId: string): Promise<PropertyHandoverRow | null> {
    const [row] = await this.db.select().from(propertyHandovers).where(eq(propertyHandovers.batchId, batchId));
    return row ?? null;
  }

  /** The first record, or a change of an unrated one at `version`; null when it moved meanwhile or was rated. */
  async record(
    batch: { id: string; projectId: string; orgPath: string },
    values: Record,
    version: number | undefined,
    at: Date,
  ): Promise<PropertyHandoverRow | null> {
    if (version === undefined) {
      const [row] = await this.db
        .insert(propertyHandovers)
        .values({ batchId: batch.id, projectId: batch.projectId, orgPath: batch.orgPath, ...values, recordedAt: at })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    }
    const [row] = await this.db
      .update(propertyHandovers)
      .set({ ...values, recordedAt: at, version: sql`${propertyHandovers.version} + 1` })
      .where(
        and(
          eq(propertyHandovers.batchId, batch.id),
          eq(propertyHandovers.version, version),
          isNull(propertyHandovers.ratedAt),
        ),
      )
      .returning();
    return row ?? null;
  }

  /** The property company's verdict, once (a rated hand-over keeps its rating). */
  async rate(
    batchId: string,
    version: number,
    verdict: Pick<PropertyHandoverRow, 'timely' | 'complete' | 'ratingComment' | 'ratedBy'>,
    at: Date,
  ): Promise<PropertyHandoverRow | null> {
    const [row] = await this.db
      .update(propertyHandovers)
      .set({ ...verdict, ratedAt: at, version: sql`${propertyHandovers.version} + 1` })
      .where(
        and(
          eq(propertyHandovers.batchId, batchId),
          eq(propertyHandovers.version, version),
          isNull(propertyHandovers.ratedAt),
        ),
      )
      .returning();
    return row ?? null;
  }
}
