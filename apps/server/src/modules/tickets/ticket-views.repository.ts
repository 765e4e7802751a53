import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ticketViews } from './ticket.tables.js';

export type TicketViewRow = typeof ticketViews.$inferSelect;

/** The queries on saved queue views (per user). */
export class TicketViewsRepository {
  constructor(private readonly db: Executor) {}

  mine(userId: string, limit: number): Promise<TicketViewRow[]> {
    return this.db
      .select()
      .from(ticketViews)
      .where(eq(ticketViews.userId, userId))
      .orderBy(asc(ticketViews.name))
      .limit(limit);
  }

  /** The names of a user's views. */
  names(userId: string): Promise<{ name: string }[]> {
    return this.db.select({ name: ticketViews.name }).from(ticketViews).where(eq(ticketViews.userId, userId));
  }

  /** Saves a view under its name, replacing the user's view of that name. */
  async save(
    userId: string,
    view: { name: string; query: Partial<Record<string, string>> },
    at: Date,
  ): Promise<TicketViewRow> {
    const [row] = await this.db
      .insert(ticketViews)
      .values({ userId, ...view, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: [ticketViews.userId, ticketViews.name], set: { query: view.query, updatedAt: at } })
      .returning();
    return row as TicketViewRow;
  }

  /** Deletes a user's view; false when the user has no view of that id. */
  async delete(userId: string, id: string): Promise<boolean> {
    const gone = await this.db
      .delete(ticketViews)
      .where(and(eq(ticketViews.id, id), eq(ticketViews.userId, userId)))
      .returning({ id: ticketViews.id });
    return gone.length > 0;
  }
}
