import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { type MemberScope, visibleMembers } from './club.repository.js';
import {
  type ClubAdjustmentRow,
  type ClubLedgerRow,
  type ClubMemberRow,
  clubAdjustments,
  clubLedger,
  clubMembers,
} from './club.tables.js';

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

  /** Locks the active members among `ids` (in id order, as single postings lock one row) for a batch posting. */
  async lockActiveMembers(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`select id from club_members
          where id in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))
            and status = 'active'
          order by id for update`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Appends earn entries in one statement, the members locked by `lockActiveMembers` first: keys already in the
   * ledger are left out (and `on conflict do nothing` behind it), each entry's `balance_after` runs on from the
   * member's balance in key order; then the balance and lifetime points of the members that got entries move by
   * their sum in a second statement. Answers the members changed, as rows.
   */
  async earnMany(
    entries: { memberId: string; sourceId: string; key: string }[],
    points: number,
    sourceType: string,
    actorId: string | null,
    at: Date,
  ): Promise<{ inserted: number; members: ClubMemberRow[] }> {
    if (entries.length === 0) return { inserted: 0, members: [] };
    const inserted = await queryRows<{ member_id: string; total: string; n: string }>(
      this.db,
      sql`with input as (
            select distinct on (i.key) i."memberId" as member_id, i."sourceId" as source_id, i.key
            from json_to_recordset(${JSON.stringify(entries)}::json) as i("memberId" uuid, "sourceId" text, key text)
            order by i.key
          ), fresh as (
            select i.*, m.balance + ${points}::int * row_number() over (partition by i.member_id order by i.key) as balance_after
            from input i join club_members m on m.id = i.member_id and m.status = 'active'
            where not exists (select 1 from club_ledger l where l.idempotency_key = i.key)
          ), added as (
            insert into club_ledger (member_id, kind, points, balance_after, source_type, source_id, idempotency_key, actor_id, at)
            select member_id, 'earn', ${points}::int, balance_after, ${sourceType}, source_id, key, ${actorId}::uuid, ${at}::timestamptz
            from fresh order by member_id, key
            on conflict do nothing
            returning member_id, points
          )
          select member_id, sum(points)::text as total, count(*)::text as n from added group by member_id`,
    );
    if (inserted.length === 0) return { inserted: 0, members: [] };
    const sums = inserted.map((r) => ({ memberId: r.member_id, total: Number(r.total) }));
    const members = await queryRows<Record<string, unknown>>(
      this.db,
      sql`update club_members m set balance = m.balance + s.total, lifetime_points = m.lifetime_points + s.total,
            updated_at = ${at}::timestamptz
          from json_to_recordset(${JSON.stringify(sums)}::json) as s("memberId" uuid, total int)
          where m.id = s."memberId" returning m.id`,
    );
    const ids = JSON.stringify(members.map((r) => r.id as string));
    const rows = await this.db
      .select()
      .from(clubMembers)
      .where(sql`${clubMembers.id} in (select value::uuid from json_array_elements_text(${ids}::json))`);
    return { inserted: inserted.reduce((n, r) => n + Number(r.n), 0), members: rows };
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
