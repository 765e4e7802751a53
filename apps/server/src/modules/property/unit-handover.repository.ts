import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { units } from './property.tables.js';

/** The query of the handover command: a sold unit becomes delivered on the day its owner signed. */
export class UnitHandoverRepository {
  constructor(private readonly db: Executor) {}

  /** Marks a sold unit delivered on `date`; undefined when it is not sold (already delivered or moved in). */
  async deliver(id: string, date: string, at: Date) {
    const [row] = await this.db
      .update(units)
      .set({ status: 'delivered', deliveredOn: date, updatedAt: at, version: sql`${units.version} + 1` })
      .where(and(eq(units.id, id), eq(units.status, 'sold')))
      .returning();
    return row;
  }
}
