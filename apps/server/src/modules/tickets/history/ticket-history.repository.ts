import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { ticketEvents, tickets, workOrders } from '../ticket.tables.js';

export type NewTicket = typeof tickets.$inferInsert;
export type NewTicketEvent = typeof ticketEvents.$inferInsert;
export type NewWorkOrder = typeof workOrders.$inferInsert;

/**
 * History brought from a previous system: tickets written as they ended up, with their status history, and the
 * property company's measures (work orders). Re-importing a row replaces what the earlier import wrote; a live
 * ticket with the same number is never touched.
 */
export class TicketHistoryRepository {
  constructor(private readonly db: Executor) {}

  byNumbers(numbers: string[]) {
    if (numbers.length === 0) return Promise.resolve([]);
    return this.db
      .select({
        id: tickets.id,
        number: tickets.number,
        imported: tickets.imported,
        type: tickets.type,
        orgPath: tickets.orgPath,
        projectId: tickets.projectId,
        companyId: tickets.companyId,
      })
      .from(tickets)
      .where(inArray(tickets.number, numbers));
  }

  /** A ticket by number, as history callbacks name it. */
  async refByNumber(number: string) {
    const [row] = await this.db
      .select({
        id: tickets.id,
        projectId: tickets.projectId,
        unitId: tickets.unitId,
        orgPath: tickets.orgPath,
        customerId: tickets.customerId,
      })
      .from(tickets)
      .where(eq(tickets.number, number));
    return row ?? null;
  }

  /** Writes an imported ticket (replacing an earlier import of the same number) with its status history. */
  async put(ticket: NewTicket & { id: string }, events: NewTicketEvent[], replace: boolean) {
    if (replace) {
      await this.db.delete(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
      await this.db
        .update(tickets)
        .set(ticket)
        .where(and(eq(tickets.id, ticket.id), eq(tickets.imported, true)));
    } else {
      await this.db.insert(tickets).values(ticket);
    }
    if (events.length) await this.db.insert(ticketEvents).values(events);
  }

  async workOrderId(ticketId: string, seq: number): Promise<string | null> {
    const [row] = await this.db
      .select({ id: workOrders.id })
      .from(workOrders)
      .where(and(eq(workOrders.ticketId, ticketId), eq(workOrders.seq, seq)));
    return row?.id ?? null;
  }

  /** An imported measure (work order) of an imported or live ticket, by the ticket and its sequence number. */
  /** 'live': a work order the system made holds that number, and is left alone. */
  async putWorkOrder(row: NewWorkOrder & { ticketId: string; seq: number }): Promise<'imported' | 'updated' | 'live'> {
    const [existing] = await this.db
      .select({ id: workOrders.id, imported: workOrders.imported })
      .from(workOrders)
      .where(and(eq(workOrders.ticketId, row.ticketId), eq(workOrders.seq, row.seq)));
    if (!existing) {
      await this.db.insert(workOrders).values(row);
      return 'imported';
    }
    if (!existing.imported) return 'live';
    await this.db.update(workOrders).set(row).where(eq(workOrders.id, existing.id));
    return 'updated';
  }
}
