import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { type CallbackRow, callbacks, defectCategories, tickets } from './ticket.tables.js';

export type CallbackInsert = typeof callbacks.$inferInsert;
/** What recording a callback writes to its row. */
export type CallbackRecord = Pick<
  CallbackRow,
  'status' | 'attempts' | 'method' | 'score' | 'comment' | 'recordedBy' | 'recordedAt'
> & { tokenHash?: null };

/** The queries on callbacks: the task at close, its one-use SMS link, its record and its end. */
export class CallbackRepository {
  constructor(private readonly db: Executor) {}

  /** A pending callback by its link's token hash, with its closed ticket and the ticket's category names. */
  async findPendingByToken(tokenHash: string, now: Date) {
    const [row] = await this.db
      .select({
        callback: callbacks,
        ticket: tickets,
        category: { nameZh: defectCategories.nameZh, nameEn: defectCategories.nameEn },
      })
      .from(callbacks)
      .innerJoin(tickets, eq(tickets.id, callbacks.ticketId))
      .leftJoin(defectCategories, eq(defectCategories.code, tickets.categoryCode))
      .where(
        and(
          eq(callbacks.tokenHash, tokenHash),
          eq(callbacks.status, 'pending'),
          gt(callbacks.tokenExpiresAt, now),
          eq(tickets.status, 'closed'),
        ),
      );
    return row ?? null;
  }

  /** Records an attempt on a callback still pending at `attempts`; null when someone recorded it first. */
  async record(id: string, attempts: number, set: CallbackRecord): Promise<CallbackRow | null> {
    const [row] = await this.db
      .update(callbacks)
      .set(set)
      .where(and(eq(callbacks.id, id), eq(callbacks.status, 'pending'), eq(callbacks.attempts, attempts)))
      .returning();
    return row ?? null;
  }

  async open(values: CallbackInsert): Promise<{ id: string } | undefined> {
    const [row] = await this.db.insert(callbacks).values(values).returning({ id: callbacks.id });
    return row;
  }

  async cancelPending(ticketId: string) {
    await this.db
      .update(callbacks)
      .set({ status: 'cancelled' })
      .where(and(eq(callbacks.ticketId, ticketId), eq(callbacks.status, 'pending')));
  }

  /** A cancelled ticket's pending callback and its work orders still being worked end, in one statement. */
  async cancelOpenWork(ticketId: string, at: Date) {
    await this.db.execute(sql`with callback as (
      update callbacks set status = 'cancelled' where ticket_id = ${ticketId} and status = 'pending')
    update work_orders set status = 'cancelled', version = version + 1, updated_at = ${at}
     where ticket_id = ${ticketId} and status in ('open', 'accepted', 'in_progress')`);
  }
}
