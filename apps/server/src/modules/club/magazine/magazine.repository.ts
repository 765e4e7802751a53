import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import { clubMembers } from '../club.tables.js';
import {
  type ContributionRow,
  clubMagazineContributions,
  clubMagazineIssues,
  clubMagazineSubscriptions,
  type MagazineIssueRow,
  type MagazineSubscriptionRow,
} from './magazine.tables.js';

type Before = { at: Date; id: string } | null;
const older = (at: SQL | unknown, id: unknown, before: Before) =>
  before ? sql`(${at}, ${id}) < (${before.at}, ${before.id}::uuid)` : undefined;

/** The queries on the club magazine: issues, the mailing list, contributions. */
export class MagazineRepository {
  constructor(private readonly db: Executor) {}

  async insertIssue(values: typeof clubMagazineIssues.$inferInsert): Promise<MagazineIssueRow> {
    const [row] = await this.db.insert(clubMagazineIssues).values(values).returning();
    return row as MagazineIssueRow;
  }

  async issue(id: string): Promise<MagazineIssueRow | null> {
    const [row] = await this.db.select().from(clubMagazineIssues).where(eq(clubMagazineIssues.id, id));
    return row ?? null;
  }

  /** Changes an issue at the version read; null when someone changed it first. */
  async updateIssue(id: string, version: number, patch: Partial<typeof clubMagazineIssues.$inferInsert>) {
    const [row] = await this.db
      .update(clubMagazineIssues)
      .set({ ...patch, version: sql`${clubMagazineIssues.version} + 1` })
      .where(and(eq(clubMagazineIssues.id, id), eq(clubMagazineIssues.version, version)))
      .returning();
    return row ?? null;
  }

  /** Issues newest first (all, or by status; published ones by their publication). */
  issues(status: 'draft' | 'published' | undefined, before: Before, limit: number) {
    if (status === 'published') {
      return this.db
        .select()
        .from(clubMagazineIssues)
        .where(
          and(
            eq(clubMagazineIssues.status, 'published'),
            older(clubMagazineIssues.publishedAt, clubMagazineIssues.id, before),
          ),
        )
        .orderBy(desc(clubMagazineIssues.publishedAt), desc(clubMagazineIssues.id))
        .limit(limit);
    }
    return this.db
      .select()
      .from(clubMagazineIssues)
      .where(
        and(
          status ? eq(clubMagazineIssues.status, status) : undefined,
          older(clubMagazineIssues.createdAt, clubMagazineIssues.id, before),
        ),
      )
      .orderBy(desc(clubMagazineIssues.createdAt), desc(clubMagazineIssues.id))
      .limit(limit);
  }

  /** Active members on the mailing list, counted by delivery. */
  async recipientCounts(): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ delivery: clubMagazineSubscriptions.delivery, n: sql<number>`count(*)::int` })
      .from(clubMagazineSubscriptions)
      .innerJoin(clubMembers, eq(clubMembers.id, clubMagazineSubscriptions.memberId))
      .where(and(eq(clubMagazineSubscriptions.active, true), eq(clubMembers.status, 'active')))
      .groupBy(clubMagazineSubscriptions.delivery);
    return Object.fromEntries(rows.map((r) => [r.delivery, r.n]));
  }

  /** Active members on the list, by member id (keyset), with their card and customer. */
  recipients(deliveries: string[], afterMemberId: string | null, limit: number) {
    return this.db
      .select({
        memberId: clubMagazineSubscriptions.memberId,
        cardNo: clubMembers.cardNo,
        customerId: clubMembers.customerId,
        delivery: clubMagazineSubscriptions.delivery,
        address: clubMagazineSubscriptions.address,
        email: clubMagazineSubscriptions.email,
        orgPath: clubMembers.orgPath,
      })
      .from(clubMagazineSubscriptions)
      .innerJoin(clubMembers, eq(clubMembers.id, clubMagazineSubscriptions.memberId))
      .where(
        and(
          eq(clubMagazineSubscriptions.active, true),
          eq(clubMembers.status, 'active'),
          inArray(clubMagazineSubscriptions.delivery, deliveries),
          afterMemberId ? sql`${clubMagazineSubscriptions.memberId} > ${afterMemberId}::uuid` : undefined,
        ),
      )
      .orderBy(clubMagazineSubscriptions.memberId)
      .limit(limit);
  }

  async subscription(memberId: string): Promise<MagazineSubscriptionRow | null> {
    const [row] = await this.db
      .select()
      .from(clubMagazineSubscriptions)
      .where(eq(clubMagazineSubscriptions.memberId, memberId));
    return row ?? null;
  }

  async upsertSubscription(values: typeof clubMagazineSubscriptions.$inferInsert): Promise<MagazineSubscriptionRow> {
    const { memberId: _, ...changes } = values;
    const [row] = await this.db
      .insert(clubMagazineSubscriptions)
      .values(values)
      .onConflictDoUpdate({ target: clubMagazineSubscriptions.memberId, set: changes })
      .returning();
    return row as MagazineSubscriptionRow;
  }

  async insertContribution(values: typeof clubMagazineContributions.$inferInsert): Promise<ContributionRow> {
    const [row] = await this.db.insert(clubMagazineContributions).values(values).returning();
    return row as ContributionRow;
  }

  async contribution(id: string, scopePath: string): Promise<ContributionRow | null> {
    const [row] = await this.db
      .select()
      .from(clubMagazineContributions)
      .where(and(eq(clubMagazineContributions.id, id), withinScope(clubMagazineContributions.orgPath, scopePath)));
    return row ?? null;
  }

  /** Contributions within the reader's subtree, newest first, optionally by status. */
  contributions(scopePath: string, status: string | undefined, before: Before, limit: number) {
    return this.db
      .select()
      .from(clubMagazineContributions)
      .where(
        and(
          withinScope(clubMagazineContributions.orgPath, scopePath),
          status ? eq(clubMagazineContributions.status, status) : undefined,
          older(clubMagazineContributions.submittedAt, clubMagazineContributions.id, before),
        ),
      )
      .orderBy(desc(clubMagazineContributions.submittedAt), desc(clubMagazineContributions.id))
      .limit(limit);
  }

  contributionsOf(customerId: string, limit: number) {
    return this.db
      .select()
      .from(clubMagazineContributions)
      .where(eq(clubMagazineContributions.customerId, customerId))
      .orderBy(desc(clubMagazineContributions.submittedAt))
      .limit(limit);
  }

  async decide(id: string, version: number, patch: Partial<typeof clubMagazineContributions.$inferInsert>) {
    const [row] = await this.db
      .update(clubMagazineContributions)
      .set({ ...patch, version: sql`${clubMagazineContributions.version} + 1` })
      .where(and(eq(clubMagazineContributions.id, id), eq(clubMagazineContributions.version, version)))
      .returning();
    return row ?? null;
  }

  async issueTitles(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select({ id: clubMagazineIssues.id, title: clubMagazineIssues.title })
      .from(clubMagazineIssues)
      .where(inArray(clubMagazineIssues.id, ids));
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
