import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database.js';
import { type MemberScope, visibleMembers } from './club.repository.js';
import { type ClubAdjustmentRow, type ClubLedgerRow, clubAdjustments, clubLedger, clubMembers } from './club.tables.js';

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

  /**
   * What of a member's points the expiry plan still reaches (first in, first out): credits posted before `cutoff`
   * less every debit so far (redemptions, earlier expiries, negative adjustments), reversed entries and the
   * reversals themselves left out on both sides.
   */
  async expirable(memberId: string, cutoff: Date): Promise<number> {
    const reversal = alias(clubLedger, 'reversal');
    const [row] = await this.db
      .select({
        credits: sql<string>`coalesce(sum(${clubLedger.points}) filter (where ${clubLedger.points} > 0 and ${clubLedger.at} < ${cutoff}), 0)`,
        debits: sql<string>`coalesce(sum(-${clubLedger.points}) filter (where ${clubLedger.points} < 0), 0)`,
      })
      .from(clubLedger)
      .leftJoin(reversal, eq(reversal.reversesId, clubLedger.id))
      .where(and(eq(clubLedger.memberId, memberId), sql`${clubLedger.kind} <> 'reverse'`, sql`${reversal.id} is null`));
    return Math.max(0, Number(row?.credits ?? 0) - Number(row?.debits ?? 0));
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

  /** Adjustments of members the reader sees, by status, newest first (index club_adjustments_status_idx). */
  adjustments(scope: MemberScope, status: string, before: { at: Date; id: string } | null, limit: number) {
    return this.db
      .select({ adjustment: clubAdjustments, cardNo: clubMembers.cardNo, customerId: clubMembers.customerId })
      .from(clubAdjustments)
      .innerJoin(clubMembers, eq(clubMembers.id, clubAdjustments.memberId))
      .where(
        and(
          eq(clubAdjustments.status, status),
          visibleMembers(scope),
          before
            ? sql`(${clubAdjustments.requestedAt}, ${clubAdjustments.id}) < (${before.at}, ${before.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(clubAdjustments.requestedAt), desc(clubAdjustments.id))
      .limit(limit);
  }

  /** Moves a pending adjustment to rejected; null when it is no longer pending. */
  async reject(id: string, by: string | null, at: Date): Promise<ClubAdjustmentRow | null> {
    const [row] = await this.db
      .update(clubAdjustments)
      .set({ status: 'rejected', approvedBy: by, approvedAt: at })
      .where(and(eq(clubAdjustments.id, id), eq(clubAdjustments.status, 'pending')))
      .returning();
    return row ?? null;
  }

  async setEntry(id: string, entryId: number) {
    await this.db.update(clubAdjustments).set({ entryId }).where(eq(clubAdjustments.id, id));
  }
}
