import type { AcceptanceSummary, FindingSeverity, FindingStatus } from '@anju/contracts/acceptance';
import { and, asc, desc, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.js';
import { type AcceptanceFindingRow, acceptanceFindings } from '../handover/handover.tables.js';

export type NewFinding = typeof acceptanceFindings.$inferInsert;
type After = { createdAt: Date; id: string } | null;

/** Every query on simulated-acceptance findings. */
export class AcceptanceRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: NewFinding): Promise<AcceptanceFindingRow> {
    const [written] = await this.db.insert(acceptanceFindings).values(row).returning();
    return written as AcceptanceFindingRow;
  }

  async find(id: string): Promise<AcceptanceFindingRow | null> {
    const [row] = await this.db.select().from(acceptanceFindings).where(eq(acceptanceFindings.id, id));
    return row ?? null;
  }

  findMany(ids: string[]): Promise<AcceptanceFindingRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(acceptanceFindings).where(inArray(acceptanceFindings.id, ids));
  }

  /** A batch's findings, newest first (keyset on created time and id). */
  ofBatch(
    batchId: string,
    f: { status?: FindingStatus; severity?: FindingSeverity },
    after: After,
    limit: number,
  ): Promise<AcceptanceFindingRow[]> {
    return this.db
      .select()
      .from(acceptanceFindings)
      .where(
        and(
          eq(acceptanceFindings.batchId, batchId),
          f.status ? eq(acceptanceFindings.status, f.status) : undefined,
          f.severity ? eq(acceptanceFindings.severity, f.severity) : undefined,
          after ? olderThan(after) : undefined,
        ),
      )
      .orderBy(desc(acceptanceFindings.createdAt), desc(acceptanceFindings.id))
      .limit(limit);
  }

  /** A contractor's findings in one status, oldest due first. */
  ofContractor(contractorId: string, status: FindingStatus, after: { dueAt: Date; id: string } | null, limit: number) {
    return this.db
      .select()
      .from(acceptanceFindings)
      .where(
        and(
          eq(acceptanceFindings.contractorId, contractorId),
          eq(acceptanceFindings.status, status),
          after
            ? or(
                gt(acceptanceFindings.dueAt, after.dueAt),
                and(eq(acceptanceFindings.dueAt, after.dueAt), gt(acceptanceFindings.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(acceptanceFindings.dueAt), asc(acceptanceFindings.id))
      .limit(limit);
  }

  async summary(batchId: string): Promise<AcceptanceSummary> {
    const [totals] = await queryRows<Omit<AcceptanceSummary, 'byCategory'>>(
      this.db,
      sql`select count(*) filter (where status = 'open')::int as open,
                 count(*) filter (where status <> 'verified' and severity = 'blocking')::int as "openBlocking",
                 count(*) filter (where status = 'rectified')::int as rectified,
                 count(*) filter (where status = 'verified')::int as verified,
                 count(distinct unit_id) filter (where status <> 'verified')::int as "unitsWithOpenFindings"
            from ${acceptanceFindings} where batch_id = ${batchId}`,
    );
    const byCategory = await queryRows<AcceptanceSummary['byCategory'][number]>(
      this.db,
      sql`select category_code as "categoryCode", count(*) filter (where status <> 'verified')::int as open,
                 count(*)::int as total
            from ${acceptanceFindings} where batch_id = ${batchId}
           group by category_code order by count(*) desc, category_code`,
    );
    return { ...(totals as Omit<AcceptanceSummary, 'byCategory'>), byCategory };
  }

  /** Blocking findings of the batch not yet verified (they keep it from delivery). */
  async openBlocking(batchId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(acceptanceFindings)
      .where(
        and(
          eq(acceptanceFindings.batchId, batchId),
          eq(acceptanceFindings.severity, 'blocking'),
          ne(acceptanceFindings.status, 'verified'),
        ),
      );
    return row?.n ?? 0;
  }

  /** Moves a finding from `from` to the patch's status at this version; null when it moved meanwhile. */
  async move(
    id: string,
    version: number,
    from: FindingStatus,
    patch: Partial<
      Pick<NewFinding, 'status' | 'rectifiedAt' | 'rectifiedBy' | 'rectificationNote' | 'verifiedAt' | 'verifiedBy'>
    >,
    at: Date,
  ): Promise<AcceptanceFindingRow | null> {
    const [row] = await this.db
      .update(acceptanceFindings)
      .set({ ...patch, updatedAt: at, version: sql`${acceptanceFindings.version} + 1` })
      .where(
        and(
          eq(acceptanceFindings.id, id),
          eq(acceptanceFindings.version, version),
          eq(acceptanceFindings.status, from),
        ),
      )
      .returning();
    return row ?? null;
  }
}

const olderThan = (after: { createdAt: Date; id: string }) =>
  or(
    lt(acceptanceFindings.createdAt, after.createdAt),
    and(eq(acceptanceFindings.createdAt, after.createdAt), lt(acceptanceFindings.id, after.id)),
  );
