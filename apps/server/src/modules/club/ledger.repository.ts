import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { type ClubAdjustmentRow, type ClubLedgerRow, clubAdjustments, clubLedger } from './club.tables.js';

/** The queries on the points ledger and the manual adjustments. */
export class LedgerRepository {
  constructor(private readonly db: Executor) {}

  async byKey(key: string): Promise<ClubLedgerRow | null> {
    const [row] = await this.db.select().from(clubLedger).where(eq(clubLedger.idempotencyKey, key));
    return row ?? null;
  }

  async entry(id: number): Promise<ClubLedgerRow | null> {
    const [row] = await this.db.select().from(clubLedger).where(eq(clubLedger.id, id));
    return row ?? null;
  }

  async reversalOf(id: number): Promise<ClubLedgerRow | null> {
    const [row] = await this.db.select().from(clubLedger).where(eq(clubLedger.reversesId, id));
    return row ?? null;
  }

  /** Appends an entry; null when its idempotency key (or the reversed entry) is already taken. */
  async append(values: typeof clubLedger.$inferInsert): Promise<ClubLedgerRow | null> {
    const [row] = await this.db.insert(clubLedger).values(values).onConflictDoNothing().returning();
    return row ?? null;
  }

  /** A member's entries, newest first, keyset-paged on id. */
  page(memberId: string, beforeId: number | null, limit: number) {
    return this.db
      .select()
      .from(clubLedger)
      .where(and(eq(clubLedger.memberId, memberId), beforeId === null ? undefined : lt(clubLedger.id, beforeId)))
      .orderBy(desc(clubLedger.id))
      .limit(limit);
  }

  /** The sum of a member's entries (checks and tests: it always equals the balance). */
  async sum(memberId: string): Promise<number> {
    const [row] = await this.db
      .select({ total: sql<string>`coalesce(sum(${clubLedger.points}), 0)` })
      .from(clubLedger)
      .where(eq(clubLedger.memberId, memberId));
    return Number(row?.total ?? 0);
  }

  async insertAdjustment(values: typeof clubAdjustments.$inferInsert): Promise<ClubAdjustmentRow> {
    const [row] = await this.db.insert(clubAdjustments).values(values).returning();
    return row as ClubAdjustmentRow;
  }

  async adjustment(id: string): Promise<ClubAdjustmentRow | null> {
    const [row] = await this.db.select().from(clubAdjustments).where(eq(clubAdjustments.id, id));
    return row ?? null;
  }

  /** Moves a pending adjustment to applied; null when it is no longer pending (approved by someone else). */
  async approve(id: string, by: string | null, at: Date, entryId: number): Promise<ClubAdjustmentRow | null> {
    const [row] = await this.db
      .update(clubAdjustments)
      .set({ status: 'applied', approvedBy: by, approvedAt: at, entryId })
      .where(and(eq(clubAdjustments.id, id), eq(clubAdjustments.status, 'pending')))
      .returning();
    return row ?? null;
  }

  async setEntry(id: string, entryId: number) {
    await this.db.update(clubAdjustments).set({ entryId }).where(eq(clubAdjustments.id, id));
  }
}
