import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { defectCategories, workOrders } from './ticket.tables.js';

/**
 * The tickets' side of the callback (the callback itself is a survey request, decisions §35): the names of the
 * category the link's page shows, and a cancelled ticket's work orders still being worked.
 */
export class CallbackRepository {
  constructor(private readonly db: Executor) {}

  async categoryNames(code: string | null): Promise<{ nameZh: string; nameEn: string } | null> {
    if (!code) return null;
    const [row] = await this.db
      .select({ nameZh: defectCategories.nameZh, nameEn: defectCategories.nameEn })
      .from(defectCategories)
      .where(eq(defectCategories.code, code));
    return row ?? null;
  }

  async cancelOpenWorkOrders(ticketId: string, at: Date) {
    await this.db
      .update(workOrders)
      .set({ status: 'cancelled', version: sql`${workOrders.version} + 1`, updatedAt: at })
      .where(and(eq(workOrders.ticketId, ticketId), inArray(workOrders.status, ['open', 'accepted', 'in_progress'])));
  }
}
