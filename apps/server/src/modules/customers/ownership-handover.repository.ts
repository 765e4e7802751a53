import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { customers, ownerships } from './customer.tables.js';

/** The queries of the handover command: a home's handover date, and people's names for the handover board. */
export class OwnershipHandoverRepository {
  constructor(private readonly db: Executor) {}

  /** Sets an active ownership's handover (delivery) date; undefined when it is not active. */
  async setDeliveryDate(id: string, date: string, at: Date) {
    const [row] = await this.db
      .update(ownerships)
      .set({ deliveryDate: date, updatedAt: at, version: sql`${ownerships.version} + 1` })
      .where(and(eq(ownerships.id, id), eq(ownerships.active, true)))
      .returning();
    return row;
  }

  names(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select({ id: customers.id, name: customers.name })
      .from(customers)
      .where(inArray(customers.id, [...new Set(ids)]));
  }
}
