import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import {
  type ServiceDefinitionRow,
  type ServiceRequestRow,
  type ServiceRequestStepRow,
  serviceDefinitions,
  serviceRequestNumbers,
  serviceRequestSteps,
  serviceRequests,
} from './services.tables.js';

type NewDefinition = typeof serviceDefinitions.$inferInsert;
type NewRequest = typeof serviceRequests.$inferInsert;
type NewStep = typeof serviceRequestSteps.$inferInsert;

export type RequestFilter = {
  status?: string;
  serviceId?: string;
  projectId?: string;
  customerId?: string;
  before?: { createdAt: Date; id: string };
  limit: number;
};

/** The only queries on the services tables. */
export class ServicesRepository {
  constructor(private readonly db: Executor) {}

  // ---- the catalogue

  /** The catalogue in its order (sort order, code), keyset-paged after `after` when given. */
  definitions(
    activeOnly = false,
    page: { after: { sortOrder: number; code: string } | null; limit: number } | null = null,
  ): Promise<ServiceDefinitionRow[]> {
    const after = page?.after;
    const query = this.db
      .select()
      .from(serviceDefinitions)
      .where(
        and(
          activeOnly ? eq(serviceDefinitions.active, true) : undefined,
          after
            ? sql`(${serviceDefinitions.sortOrder}, ${serviceDefinitions.code}) > (${after.sortOrder}::int, ${after.code}::text)`
            : undefined,
        ),
      )
      .orderBy(asc(serviceDefinitions.sortOrder), asc(serviceDefinitions.code));
    return page ? query.limit(page.limit) : query;
  }

  async definition(id: string): Promise<ServiceDefinitionRow | null> {
    const [row] = await this.db.select().from(serviceDefinitions).where(eq(serviceDefinitions.id, id));
    return row ?? null;
  }

  async definitionByCode(code: string): Promise<ServiceDefinitionRow | null> {
    const [row] = await this.db.select().from(serviceDefinitions).where(eq(serviceDefinitions.code, code));
    return row ?? null;
  }

  /** Inserts a new code; null when the code was taken meanwhile. */
  async insertDefinition(values: NewDefinition): Promise<ServiceDefinitionRow | null> {
    const [row] = await this.db.insert(serviceDefinitions).values(values).onConflictDoNothing().returning();
    return row ?? null;
  }

  /** Saves an edit made on `version`; null when someone saved first. */
  async updateDefinition(code: string, version: number, values: Partial<NewDefinition>) {
    const [row] = await this.db
      .update(serviceDefinitions)
      .set({ ...values, version: sql`${serviceDefinitions.version} + 1` })
      .where(and(eq(serviceDefinitions.code, code), eq(serviceDefinitions.version, version)))
      .returning();
    return row ?? null;
  }

  // ---- requests

  /** The next number of the day (FW20261207-0001), counted in the caller's transaction. */
  async nextNumber(day: string): Promise<string> {
    const [row] = await this.db
      .insert(serviceRequestNumbers)
      .values({ day, last: 1 })
      .onConflictDoUpdate({ target: serviceRequestNumbers.day, set: { last: sql`${serviceRequestNumbers.last} + 1` } })
      .returning({ last: serviceRequestNumbers.last });
    const n = row?.last ?? 1;
    return `FW${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
  }

  async insertRequest(values: NewRequest, steps: Omit<NewStep, 'requestId'>[]): Promise<ServiceRequestRow> {
    const [row] = await this.db.insert(serviceRequests).values(values).returning();
    if (!row) throw new Error('service request insert returned nothing');
    await this.db.insert(serviceRequestSteps).values(steps.map((s) => ({ ...s, requestId: row.id })));
    return row;
  }

  /** One request (within the reader's subtree when a scope is given). */
  async request(id: string, scopePath: string | null = null): Promise<ServiceRequestRow | null> {
    const [row] = await this.db
      .select()
      .from(serviceRequests)
      .where(
        and(
          eq(serviceRequests.id, id),
          scopePath === null ? undefined : withinScope(serviceRequests.orgPath, scopePath),
        ),
      );
    return row ?? null;
  }

  requestsByIds(ids: string[]): Promise<ServiceRequestRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(serviceRequests).where(inArray(serviceRequests.id, ids));
  }

  /** The newest requests in the reader's subtree matching the filter (`limit` rows). */
  list(scopePath: string, f: RequestFilter): Promise<ServiceRequestRow[]> {
    return this.db
      .select()
      .from(serviceRequests)
      .where(
        and(
          withinScope(serviceRequests.orgPath, scopePath),
          f.status ? eq(serviceRequests.status, f.status) : undefined,
          f.serviceId ? eq(serviceRequests.serviceId, f.serviceId) : undefined,
          f.projectId ? eq(serviceRequests.projectId, f.projectId) : undefined,
          f.customerId ? eq(serviceRequests.customerId, f.customerId) : undefined,
          f.before
            ? or(
                lt(serviceRequests.createdAt, f.before.createdAt),
                and(eq(serviceRequests.createdAt, f.before.createdAt), lt(serviceRequests.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
      .limit(f.limit);
  }

  /** A customer's requests, newest first (the portal shows at most `limit`). */
  ofCustomer(customerId: string, limit: number): Promise<ServiceRequestRow[]> {
    return this.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.customerId, customerId))
      .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
      .limit(limit);
  }

  /**
   * Claims the move from step `seq` to the next (or to done): a conditional update on the current step and status,
   * so of two staff completing the same step only one gets the row back.
   */
  async claimAdvance(id: string, seq: number, next: number | null, at: Date) {
    const [row] = await this.db
      .update(serviceRequests)
      .set({
        currentStep: next,
        status: next === null ? 'done' : 'open',
        doneAt: next === null ? at : null,
        updatedAt: at,
        version: sql`${serviceRequests.version} + 1`,
      })
      .where(and(eq(serviceRequests.id, id), eq(serviceRequests.status, 'open'), eq(serviceRequests.currentStep, seq)))
      .returning();
    return row ?? null;
  }

  /** Cancels an open request (conditional on its status): null when it was no longer open. */
  async cancel(id: string, at: Date, reason: string, by: 'staff' | 'owner') {
    const [row] = await this.db
      .update(serviceRequests)
      .set({
        status: 'cancelled',
        currentStep: null,
        cancelledAt: at,
        cancelReason: reason,
        cancelledBy: by,
        updatedAt: at,
        version: sql`${serviceRequests.version} + 1`,
      })
      .where(and(eq(serviceRequests.id, id), eq(serviceRequests.status, 'open')))
      .returning();
    return row ?? null;
  }

  /** Rates a done request once: null when not done or rated already. */
  async rate(id: string, customerId: string, score: number, comment: string, at: Date) {
    const [row] = await this.db
      .update(serviceRequests)
      .set({ rating: score, ratingComment: comment, ratedAt: at, version: sql`${serviceRequests.version} + 1` })
      .where(
        and(
          eq(serviceRequests.id, id),
          eq(serviceRequests.customerId, customerId),
          eq(serviceRequests.status, 'done'),
          sql`${serviceRequests.rating} is null`,
        ),
      )
      .returning();
    return row ?? null;
  }

  async setCallbackRequest(id: string, callbackRequestId: string) {
    await this.db.update(serviceRequests).set({ callbackRequestId }).where(eq(serviceRequests.id, id));
  }

  // ---- steps

  steps(requestIds: string[]): Promise<ServiceRequestStepRow[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(serviceRequestSteps)
      .where(inArray(serviceRequestSteps.requestId, requestIds))
      .orderBy(asc(serviceRequestSteps.requestId), asc(serviceRequestSteps.seq));
  }

  async completeStep(
    requestId: string,
    seq: number,
    v: { at: Date; by: string | null; byName: string | null; note: string | null; ownerNote: string | null },
  ) {
    const [row] = await this.db
      .update(serviceRequestSteps)
      .set({ status: 'done', doneAt: v.at, doneBy: v.by, doneByName: v.byName, note: v.note, ownerNote: v.ownerNote })
      .where(
        and(
          eq(serviceRequestSteps.requestId, requestId),
          eq(serviceRequestSteps.seq, seq),
          eq(serviceRequestSteps.status, 'active'),
        ),
      )
      .returning();
    return row ?? null;
  }

  async startStep(requestId: string, seq: number, at: Date) {
    const [row] = await this.db
      .update(serviceRequestSteps)
      .set({ status: 'active', startedAt: at })
      .where(
        and(
          eq(serviceRequestSteps.requestId, requestId),
          eq(serviceRequestSteps.seq, seq),
          eq(serviceRequestSteps.status, 'waiting'),
        ),
      )
      .returning();
    return row ?? null;
  }

  /** The steps not done of a cancelled request end as cancelled. */
  async cancelSteps(requestId: string) {
    await this.db
      .update(serviceRequestSteps)
      .set({ status: 'cancelled' })
      .where(
        and(eq(serviceRequestSteps.requestId, requestId), inArray(serviceRequestSteps.status, ['waiting', 'active'])),
      );
  }
}
