import { and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import {
  type ClubMemberRow,
  type ClubTierRow,
  clubEarnRules,
  clubMemberEvents,
  clubMembers,
  clubSettings,
  clubTiers,
} from './club.tables.js';

/** Where a reader sees members: their subtree, and the public members of their city company. */
export type MemberScope = { path: string; companyPath: string | null };

export type MemberFilter = {
  class?: string;
  tierId?: string;
  projectId?: string;
  minPoints?: number;
  maxPoints?: number;
  cardNo?: string;
  /** Members of these customers only (a search by name, phone or home found them). */
  customerIds?: string[];
  before?: { joinedAt: Date; id: string };
  limit: number;
};

/** Members a reader sees (other club queries join on members with it). */
export const visibleMembers = (scope: MemberScope): SQL => {
  const own = withinScope(clubMembers.orgPath, scope.path);
  if (!scope.companyPath) return own;
  return or(own, and(eq(clubMembers.class, 'public'), eq(clubMembers.orgPath, scope.companyPath))) as SQL;
};

/** The queries on members, their history, tiers, earn rules and the club's settings. */
export class ClubRepository {
  constructor(private readonly db: Executor) {}

  async settings() {
    const [row] = await this.db.select().from(clubSettings).where(eq(clubSettings.id, 'club'));
    return row ?? null;
  }

  async updateSettings(
    values: {
      name: string;
      approvalThreshold: number;
      expiryYears: number | null;
      referralDiscountNote: string | null;
    },
    version: number,
    by: string | null,
    at: Date,
  ) {
    const [row] = await this.db
      .update(clubSettings)
      .set({ ...values, updatedBy: by, updatedAt: at, version: sql`${clubSettings.version} + 1` })
      .where(and(eq(clubSettings.id, 'club'), eq(clubSettings.version, version)))
      .returning();
    return row ?? null;
  }

  /** Members with points whose expiry the job has not looked at in `year` (index club_members_expiry_idx). */
  dueForExpiry(year: number, limit: number): Promise<{ id: string }[]> {
    return this.db
      .select({ id: clubMembers.id })
      .from(clubMembers)
      .where(and(lt(clubMembers.expiryCheckedYear, year), sql`${clubMembers.balance} > 0`))
      .orderBy(asc(clubMembers.expiryCheckedYear), asc(clubMembers.id))
      .limit(limit);
  }

  async markExpiryChecked(memberId: string, year: number) {
    await this.db.update(clubMembers).set({ expiryCheckedYear: year }).where(eq(clubMembers.id, memberId));
  }

  /** A new member; null when the customer is already one or the card number is taken (the caller retries). */
  async insertMember(values: typeof clubMembers.$inferInsert): Promise<ClubMemberRow | null> {
    const [row] = await this.db.insert(clubMembers).values(values).onConflictDoNothing().returning();
    return row ?? null;
  }

  async memberOfCustomer(customerId: string): Promise<ClubMemberRow | null> {
    const [row] = await this.db.select().from(clubMembers).where(eq(clubMembers.customerId, customerId));
    return row ?? null;
  }

  /** Members by id (one statement, however many). */
  membersByIds(ids: string[]): Promise<ClubMemberRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(clubMembers)
      .where(
        sql`${clubMembers.id} in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`,
      );
  }

  async membersOfCustomers(customerIds: string[]): Promise<ClubMemberRow[]> {
    if (customerIds.length === 0) return [];
    return this.db
      .select()
      .from(clubMembers)
      .where(
        sql`${clubMembers.customerId} in (${sql.join(
          customerIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
  }

  async member(id: string, scope: MemberScope | null): Promise<ClubMemberRow | null> {
    const [row] = await this.db
      .select()
      .from(clubMembers)
      .where(and(eq(clubMembers.id, id), scope ? visibleMembers(scope) : undefined));
    return row ?? null;
  }

  /** The member row locked for the rest of the transaction (ledger postings serialise on it). */
  async lockMember(id: string): Promise<ClubMemberRow | null> {
    const [row] = await this.db.select().from(clubMembers).where(eq(clubMembers.id, id)).for('update');
    return row ?? null;
  }

  async updateMember(id: string, patch: Partial<typeof clubMembers.$inferInsert>, at: Date, version?: number) {
    const [row] = await this.db
      .update(clubMembers)
      .set({ ...patch, updatedAt: at, version: sql`${clubMembers.version} + 1` })
      .where(and(eq(clubMembers.id, id), version === undefined ? undefined : eq(clubMembers.version, version)))
      .returning();
    return row ?? null;
  }

  /** Newest members first, keyset-paged on (joined_at, id). */
  list(scope: MemberScope, f: MemberFilter): Promise<ClubMemberRow[]> {
    return this.db
      .select()
      .from(clubMembers)
      .where(
        and(
          visibleMembers(scope),
          f.class ? eq(clubMembers.class, f.class) : undefined,
          f.tierId ? eq(clubMembers.tierId, f.tierId) : undefined,
          f.projectId ? eq(clubMembers.projectId, f.projectId) : undefined,
          f.minPoints !== undefined ? gte(clubMembers.balance, f.minPoints) : undefined,
          f.maxPoints !== undefined ? lte(clubMembers.balance, f.maxPoints) : undefined,
          f.cardNo ? eq(clubMembers.cardNo, f.cardNo) : undefined,
          f.customerIds ? inArray(clubMembers.customerId, f.customerIds) : undefined,
          f.before
            ? or(
                lt(clubMembers.joinedAt, f.before.joinedAt),
                and(eq(clubMembers.joinedAt, f.before.joinedAt), lt(clubMembers.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(clubMembers.joinedAt), desc(clubMembers.id))
      .limit(f.limit);
  }

  addEvent(values: typeof clubMemberEvents.$inferInsert) {
    return this.db.insert(clubMemberEvents).values(values);
  }

  /** The member's history, newest first. */
  events(memberId: string, limit: number) {
    return this.db
      .select()
      .from(clubMemberEvents)
      .where(eq(clubMemberEvents.memberId, memberId))
      .orderBy(desc(clubMemberEvents.at), desc(clubMemberEvents.id))
      .limit(limit);
  }

  tiers(): Promise<ClubTierRow[]> {
    return this.db.select().from(clubTiers).orderBy(desc(clubTiers.rank), asc(clubTiers.code));
  }

  async tierByCode(code: string): Promise<ClubTierRow | null> {
    const [row] = await this.db.select().from(clubTiers).where(eq(clubTiers.code, code));
    return row ?? null;
  }

  async insertTier(values: typeof clubTiers.$inferInsert): Promise<ClubTierRow | null> {
    const [row] = await this.db.insert(clubTiers).values(values).onConflictDoNothing().returning();
    return row ?? null;
  }

  async updateTier(code: string, version: number, patch: Partial<typeof clubTiers.$inferInsert>, at: Date) {
    const [row] = await this.db
      .update(clubTiers)
      .set({ ...patch, updatedAt: at, version: sql`${clubTiers.version} + 1` })
      .where(and(eq(clubTiers.code, code), eq(clubTiers.version, version)))
      .returning();
    return row ?? null;
  }

  earnRules() {
    return this.db.select().from(clubEarnRules).orderBy(asc(clubEarnRules.code));
  }

  async earnRule(code: string) {
    const [row] = await this.db.select().from(clubEarnRules).where(eq(clubEarnRules.code, code));
    return row ?? null;
  }

  async updateEarnRule(code: string, version: number, values: { points: number; active: boolean }, at: Date) {
    const [row] = await this.db
      .update(clubEarnRules)
      .set({ ...values, updatedAt: at, version: sql`${clubEarnRules.version} + 1` })
      .where(and(eq(clubEarnRules.code, code), eq(clubEarnRules.version, version)))
      .returning();
    return row ?? null;
  }
}
