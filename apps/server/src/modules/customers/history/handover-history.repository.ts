import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { ownerships } from '../customer.tables.js';

/** History hand-over and move-in dates written onto a unit's ownerships (no event: nothing is planned or sent). */
export class HandoverHistoryRepository {
  constructor(private readonly db: Executor) {}

  /** Sets the given dates on the unit's active ownerships; answers how many there were. */
  async setDates(unitId: string, dates: { deliveryDate?: string; moveInDate?: string }, at: Date): Promise<number> {
    const rows = await this.db
      .update(ownerships)
      .set({ ...dates, updatedAt: at, version: sql`${ownerships.version} + 1` })
      .where(and(eq(ownerships.unitId, unitId), eq(ownerships.active, true)))
      .returning({ id: ownerships.id });
    return rows.length;
  }
}
