import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import { clubMembers } from '../club.tables.js';
import {
  type ClubBenefitRow,
  type ClubPartnerRow,
  type ClubVoucherRow,
  clubBenefits,
  clubPartners,
  clubPartnerUsers,
  clubVouchers,
} from './partner.tables.js';

type Page = { after?: { at: Date; id: string }; limit: number };
/** Which partners a caller sees: all of them (staff) or the ones a partner user is linked to. */
export type PartnerScope = { partnerIds: string[] | null };
/** Which vouchers staff see: their subtree and the public members of their city company (as members). */
export type VoucherScope = { path: string; companyPath: string | null } | { partnerIds: string[] };
export type VoucherFilter = {
  partnerId?: string;
  benefitId?: string;
  memberId?: string;
  status?: 'issued' | 'redeemed' | 'expired';
  code?: string;
  now: Date;
  before?: { at: Date; id: string };
  limit: number;
};
export type VoucherView = ClubVoucherRow & {
  benefitTitle: string;
  discountText: string;
  partnerName: string;
  cardNo: string;
};

const onlyPartners = (column: typeof clubPartners.id | typeof clubBenefits.partnerId, scope: PartnerScope) =>
  scope.partnerIds === null ? undefined : scope.partnerIds.length ? inArray(column, scope.partnerIds) : sql`false`;

const voucherVisible = (scope: VoucherScope): SQL => {
  if ('partnerIds' in scope)
    return scope.partnerIds.length ? (inArray(clubVouchers.partnerId, scope.partnerIds) as SQL) : sql`false`;
  const own = withinScope(clubVouchers.orgPath, scope.path);
  return scope.companyPath ? (or(own, eq(clubVouchers.orgPath, scope.companyPath)) as SQL) : own;
};

const statusIs = (status: VoucherFilter['status'], now: Date) => {
  if (status === 'redeemed') return eq(clubVouchers.status, 'redeemed');
  if (status === 'expired') return and(eq(clubVouchers.status, 'issued'), lte(clubVouchers.expiresAt, now));
  if (status === 'issued') return and(eq(clubVouchers.status, 'issued'), gt(clubVouchers.expiresAt, now));
  return undefined;
};

/** The queries on partners, their users, benefits and vouchers. */
export class PartnerRepository {
  constructor(private readonly db: Executor) {}

  async partners(scope: PartnerScope, filter: { category?: string; active?: boolean } & Page) {
    return this.db
      .select()
      .from(clubPartners)
      .where(
        and(
          onlyPartners(clubPartners.id, scope),
          filter.category ? eq(clubPartners.category, filter.category) : undefined,
          filter.active === undefined ? undefined : eq(clubPartners.active, filter.active),
          filter.after
            ? or(
                gt(clubPartners.createdAt, filter.after.at),
                and(eq(clubPartners.createdAt, filter.after.at), gt(clubPartners.id, filter.after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(clubPartners.createdAt), asc(clubPartners.id))
      .limit(filter.limit);
  }

  async partner(id: string): Promise<ClubPartnerRow | null> {
    const [row] = await this.db.select().from(clubPartners).where(eq(clubPartners.id, id));
    return row ?? null;
  }

  async insertPartner(values: typeof clubPartners.$inferInsert) {
    const [row] = await this.db.insert(clubPartners).values(values).returning();
    return row as ClubPartnerRow;
  }

  async updatePartner(id: string, version: number, values: Partial<typeof clubPartners.$inferInsert>) {
    const [row] = await this.db
      .update(clubPartners)
      .set({ ...values, version: sql`${clubPartners.version} + 1` })
      .where(and(eq(clubPartners.id, id), eq(clubPartners.version, version)))
      .returning();
    return row ?? null;
  }

  async benefitCounts(partnerIds: string[]): Promise<Map<string, number>> {
    if (partnerIds.length === 0) return new Map();
    const rows = await this.db
      .select({ partnerId: clubBenefits.partnerId, n: count() })
      .from(clubBenefits)
      .where(inArray(clubBenefits.partnerId, partnerIds))
      .groupBy(clubBenefits.partnerId);
    return new Map(rows.map((r) => [r.partnerId, Number(r.n)]));
  }

  async partnerIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: clubPartnerUsers.partnerId })
      .from(clubPartnerUsers)
      .where(eq(clubPartnerUsers.userId, userId));
    return rows.map((r) => r.id);
  }

  async usersOfPartner(partnerId: string) {
    return this.db
      .select()
      .from(clubPartnerUsers)
      .where(eq(clubPartnerUsers.partnerId, partnerId))
      .orderBy(asc(clubPartnerUsers.linkedAt))
      .limit(200);
  }

  /** Links a user; false when already linked. */
  async link(values: typeof clubPartnerUsers.$inferInsert): Promise<boolean> {
    const rows = await this.db.insert(clubPartnerUsers).values(values).onConflictDoNothing().returning();
    return rows.length > 0;
  }

  async unlink(partnerId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(clubPartnerUsers)
      .where(and(eq(clubPartnerUsers.partnerId, partnerId), eq(clubPartnerUsers.userId, userId)))
      .returning();
    return rows.length > 0;
  }

  async benefits(
    scope: PartnerScope,
    filter: { partnerId?: string; category?: string; active?: boolean } & Page,
  ): Promise<(ClubBenefitRow & { partnerName: string; category: string })[]> {
    return this.db
      .select({ b: clubBenefits, partnerName: clubPartners.name, category: clubPartners.category })
      .from(clubBenefits)
      .innerJoin(clubPartners, eq(clubPartners.id, clubBenefits.partnerId))
      .where(
        and(
          onlyPartners(clubBenefits.partnerId, scope),
          filter.partnerId ? eq(clubBenefits.partnerId, filter.partnerId) : undefined,
          filter.category ? eq(clubPartners.category, filter.category) : undefined,
          filter.active === undefined ? undefined : eq(clubBenefits.active, filter.active),
          filter.after
            ? or(
                gt(clubBenefits.createdAt, filter.after.at),
                and(eq(clubBenefits.createdAt, filter.after.at), gt(clubBenefits.id, filter.after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(clubBenefits.createdAt), asc(clubBenefits.id))
      .limit(filter.limit)
      .then((rows) => rows.map((r) => ({ ...r.b, partnerName: r.partnerName, category: r.category })));
  }

  /** Active benefits of active partners valid on `today` (the portal's list), at most `limit`. */
  async claimable(today: string, limit: number) {
    return this.db
      .select({ b: clubBenefits, partnerName: clubPartners.name, category: clubPartners.category })
      .from(clubBenefits)
      .innerJoin(clubPartners, eq(clubPartners.id, clubBenefits.partnerId))
      .where(
        and(
          eq(clubBenefits.active, true),
          eq(clubPartners.active, true),
          lte(clubBenefits.validFrom, today),
          sql`${clubBenefits.validTo} >= ${today}`,
        ),
      )
      .orderBy(asc(clubPartners.category), asc(clubBenefits.createdAt))
      .limit(limit)
      .then((rows) => rows.map((r) => ({ ...r.b, partnerName: r.partnerName, category: r.category })));
  }

  async benefit(id: string): Promise<ClubBenefitRow | null> {
    const [row] = await this.db.select().from(clubBenefits).where(eq(clubBenefits.id, id));
    return row ?? null;
  }

  async insertBenefit(values: typeof clubBenefits.$inferInsert) {
    const [row] = await this.db.insert(clubBenefits).values(values).returning();
    return row as ClubBenefitRow;
  }

  async updateBenefit(id: string, version: number, values: Partial<typeof clubBenefits.$inferInsert>) {
    const [row] = await this.db
      .update(clubBenefits)
      .set({ ...values, version: sql`${clubBenefits.version} + 1` })
      .where(and(eq(clubBenefits.id, id), eq(clubBenefits.version, version)))
      .returning();
    return row ?? null;
  }

  /** Takes one voucher of the quota: one conditional update, so two last claims cannot both win. */
  async takeQuota(id: string): Promise<boolean> {
    const rows = await this.db
      .update(clubBenefits)
      .set({ claimed: sql`${clubBenefits.claimed} + 1` })
      .where(
        and(
          eq(clubBenefits.id, id),
          or(isNull(clubBenefits.quota), sql`${clubBenefits.claimed} < ${clubBenefits.quota}`),
        ),
      )
      .returning({ id: clubBenefits.id });
    return rows.length > 0;
  }

  /** Inserts a voucher; null when its code or the member's voucher of the benefit already exists. */
  async insertVoucher(values: typeof clubVouchers.$inferInsert): Promise<ClubVoucherRow | null> {
    const [row] = await this.db.insert(clubVouchers).values(values).onConflictDoNothing().returning();
    return row ?? null;
  }

  async voucherOf(benefitId: string, memberId: string): Promise<ClubVoucherRow | null> {
    const [row] = await this.db
      .select()
      .from(clubVouchers)
      .where(and(eq(clubVouchers.benefitId, benefitId), eq(clubVouchers.memberId, memberId)));
    return row ?? null;
  }

  async voucherByCode(code: string): Promise<ClubVoucherRow | null> {
    const [row] = await this.db.select().from(clubVouchers).where(eq(clubVouchers.code, code));
    return row ?? null;
  }

  /** Redeems an issued, unexpired voucher: one conditional update, so a second verification changes nothing. */
  async redeem(id: string, now: Date, by: string | null): Promise<ClubVoucherRow | null> {
    const [row] = await this.db
      .update(clubVouchers)
      .set({ status: 'redeemed', redeemedAt: now, redeemedBy: by })
      .where(and(eq(clubVouchers.id, id), eq(clubVouchers.status, 'issued'), gt(clubVouchers.expiresAt, now)))
      .returning();
    return row ?? null;
  }

  private viewQuery() {
    return this.db
      .select({
        v: clubVouchers,
        benefitTitle: clubBenefits.title,
        discountText: clubBenefits.discountText,
        partnerName: clubPartners.name,
        cardNo: clubMembers.cardNo,
      })
      .from(clubVouchers)
      .innerJoin(clubBenefits, eq(clubBenefits.id, clubVouchers.benefitId))
      .innerJoin(clubPartners, eq(clubPartners.id, clubVouchers.partnerId))
      .innerJoin(clubMembers, eq(clubMembers.id, clubVouchers.memberId));
  }

  async vouchers(scope: VoucherScope, f: VoucherFilter): Promise<VoucherView[]> {
    const rows = await this.viewQuery()
      .where(
        and(
          voucherVisible(scope),
          f.partnerId ? eq(clubVouchers.partnerId, f.partnerId) : undefined,
          f.benefitId ? eq(clubVouchers.benefitId, f.benefitId) : undefined,
          f.memberId ? eq(clubVouchers.memberId, f.memberId) : undefined,
          f.code ? eq(clubVouchers.code, f.code) : undefined,
          statusIs(f.status, f.now),
          f.before
            ? or(
                lt(clubVouchers.issuedAt, f.before.at),
                and(eq(clubVouchers.issuedAt, f.before.at), lt(clubVouchers.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(clubVouchers.issuedAt), desc(clubVouchers.id))
      .limit(f.limit);
    return rows.map(flatten);
  }

  async voucherViews(ids: string[]): Promise<VoucherView[]> {
    if (ids.length === 0) return [];
    return (await this.viewQuery().where(inArray(clubVouchers.id, ids))).map(flatten);
  }

  /** A customer's vouchers, newest first (the portal shows at most `limit`). */
  async vouchersOfCustomer(customerId: string, limit: number): Promise<VoucherView[]> {
    const rows = await this.viewQuery()
      .where(eq(clubVouchers.customerId, customerId))
      .orderBy(desc(clubVouchers.issuedAt), desc(clubVouchers.id))
      .limit(limit);
    return rows.map(flatten);
  }

  async benefitIdsClaimedBy(memberId: string): Promise<Set<string>> {
    const rows = await this.db
      .select({ id: clubVouchers.benefitId })
      .from(clubVouchers)
      .where(eq(clubVouchers.memberId, memberId));
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Per partner and benefit in [from, to): vouchers claimed (issued in the period), redeemed (in the period),
   * expired unused (their expiry in the period and before `now`) and the points spent on the claims.
   */
  async report(scope: PartnerScope, from: Date, to: Date, now: Date, partnerId?: string) {
    const inPeriod = (col: AnyPgColumn) => sql`${col} >= ${from} and ${col} < ${to}`;
    const expiredCut = now < to ? now : to;
    return this.db
      .select({
        partnerId: clubPartners.id,
        partnerName: clubPartners.name,
        category: clubPartners.category,
        benefitId: clubBenefits.id,
        benefitTitle: clubBenefits.title,
        claimed: sql<number>`count(${clubVouchers.id}) filter (where ${inPeriod(clubVouchers.issuedAt)})`.mapWith(
          Number,
        ),
        redeemed: sql<number>`count(${clubVouchers.id}) filter (where ${inPeriod(clubVouchers.redeemedAt)})`.mapWith(
          Number,
        ),
        expired: sql<number>`count(${clubVouchers.id}) filter (where ${clubVouchers.status} = 'issued'
          and ${clubVouchers.expiresAt} >= ${from} and ${clubVouchers.expiresAt} < ${expiredCut})`.mapWith(Number),
        points:
          sql<number>`coalesce(sum(${clubVouchers.points}) filter (where ${inPeriod(clubVouchers.issuedAt)}), 0)`.mapWith(
            Number,
          ),
      })
      .from(clubBenefits)
      .innerJoin(clubPartners, eq(clubPartners.id, clubBenefits.partnerId))
      .leftJoin(clubVouchers, eq(clubVouchers.benefitId, clubBenefits.id))
      .where(and(onlyPartners(clubBenefits.partnerId, scope), partnerId ? eq(clubPartners.id, partnerId) : undefined))
      .groupBy(clubPartners.id, clubPartners.name, clubPartners.category, clubBenefits.id, clubBenefits.title)
      .orderBy(asc(clubPartners.category), asc(clubPartners.name), asc(clubBenefits.title))
      .limit(5000);
  }
}

const flatten = (r: {
  v: ClubVoucherRow;
  benefitTitle: string;
  discountText: string;
  partnerName: string;
  cardNo: string;
}): VoucherView => ({
  ...r.v,
  benefitTitle: r.benefitTitle,
  discountText: r.discountText,
  partnerName: r.partnerName,
  cardNo: r.cardNo,
});
