import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { familyLinks, ownerships, referrals } from './customer.tables.js';

type OwnershipTerms = Pick<
  typeof ownerships.$inferInsert,
  'firstVisitDate' | 'contractDate' | 'sharePercent' | 'deliveryDate' | 'moveInDate'
>;

/** The queries on a person's relations: the homes they own, their family links, their referrals. */
export class CustomerRelationsRepository {
  constructor(private readonly db: Executor) {}

  /** Links a person to a unit, or renews the link (active again, with these terms). */
  async upsertOwnership(customerId: string, unitId: string, terms: OwnershipTerms, at: Date) {
    const [row] = await this.db
      .insert(ownerships)
      .values({ customerId, unitId, ...terms, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: [ownerships.customerId, ownerships.unitId],
        set: { ...terms, active: true, updatedAt: at },
      })
      .returning();
    return row;
  }

  /** One ownership of this customer, active or ended. */
  async findOwnership(id: string, customerId: string) {
    const [row] = await this.db
      .select()
      .from(ownerships)
      .where(and(eq(ownerships.id, id), eq(ownerships.customerId, customerId)))
      .limit(1);
    return row;
  }

  /** Ends an active ownership; undefined when it is not (or no longer) active. */
  async endOwnership(id: string, customerId: string, at: Date) {
    const [row] = await this.db
      .update(ownerships)
      .set({ active: false, updatedAt: at, version: sql`${ownerships.version} + 1` })
      .where(and(eq(ownerships.id, id), eq(ownerships.customerId, customerId), eq(ownerships.active, true)))
      .returning();
    return row;
  }

  /** Sets how much of an active home's price is paid; undefined when the ownership is not (or no longer) active. */
  async setPaymentStatus(id: string, customerId: string, paymentStatus: string, at: Date) {
    const [row] = await this.db
      .update(ownerships)
      .set({ paymentStatus, updatedAt: at, version: sql`${ownerships.version} + 1` })
      .where(and(eq(ownerships.id, id), eq(ownerships.customerId, customerId), eq(ownerships.active, true)))
      .returning();
    return row;
  }

  /** The people registered as family members of this owner. */
  async familyMembersOf(ownerId: string): Promise<string[]> {
    const rows = await this.db
      .select({ memberId: familyLinks.memberId })
      .from(familyLinks)
      .where(eq(familyLinks.ownerId, ownerId));
    return rows.map((r) => r.memberId);
  }

  /** Links a family member to an owner, or changes the relation and unit of the existing link. */
  async upsertFamilyLink(link: typeof familyLinks.$inferInsert) {
    const [row] = await this.db
      .insert(familyLinks)
      .values(link)
      .onConflictDoUpdate({
        target: [familyLinks.ownerId, familyLinks.memberId],
        set: { relation: link.relation, unitId: link.unitId ?? null },
      })
      .returning();
    return row;
  }

  /** A new referral; undefined when the pair is already recorded. */
  async insertReferral(referral: typeof referrals.$inferInsert) {
    const [row] = await this.db.insert(referrals).values(referral).onConflictDoNothing().returning();
    return row;
  }

  async findReferral(id: string) {
    const [row] = await this.db.select().from(referrals).where(eq(referrals.id, id)).limit(1);
    return row;
  }

  async setReferralOutcome(id: string, outcome: 'referred' | 'visited' | 'bought', at: Date) {
    const [row] = await this.db
      .update(referrals)
      .set({ outcome, outcomeAt: at })
      .where(eq(referrals.id, id))
      .returning();
    return row;
  }
}
