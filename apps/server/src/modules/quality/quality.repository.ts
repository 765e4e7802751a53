import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import {
  type ClusterRow,
  clusterAcknowledgements,
  clusterEvents,
  clusterNumberSeq,
  clusterRules,
  clusterScopes,
  clusters,
  riskTickets,
  type TicketSignalRow,
  ticketSignals,
} from './quality.tables.js';

export type ClusterEventInsert = typeof clusterEvents.$inferInsert;
export type ClusterListFilter = {
  scopePath: string;
  status?: string;
  projectId?: string;
  minSeverity?: number;
  before?: { at: Date; id: string };
  limit: number;
};

/** Every query of the quality module's cluster detection. */
export class QualityRepository {
  constructor(private readonly db: Executor) {}

  /** The rules of the nodes on a path (the company's and the group's), nearest last. */
  rulesOf(nodeIds: string[]) {
    if (nodeIds.length === 0) return Promise.resolve([]);
    return this.db.select().from(clusterRules).where(inArray(clusterRules.orgUnitId, nodeIds));
  }

  rulesInScope(scopePath: string) {
    return this.db
      .select()
      .from(clusterRules)
      .where(withinScope(clusterRules.orgPath, scopePath))
      .orderBy(clusterRules.orgPath);
  }

  async upsertRule(row: typeof clusterRules.$inferInsert, expectedVersion: number | null) {
    if (expectedVersion === null) {
      const [created] = await this.db.insert(clusterRules).values(row).onConflictDoNothing().returning();
      return created ?? null;
    }
    const { orgUnitId, ...patch } = row;
    const [updated] = await this.db
      .update(clusterRules)
      .set({ ...patch, version: sql`${clusterRules.version} + 1` })
      .where(and(eq(clusterRules.orgUnitId, orgUnitId), eq(clusterRules.version, expectedVersion)))
      .returning();
    return updated ?? null;
  }

  /** Takes the scope's lock row (created on first use) until the transaction ends. */
  async lockScope(projectId: string, scopeKey: string) {
    await this.db.insert(clusterScopes).values({ projectId, scopeKey }).onConflictDoNothing();
    await this.db
      .select({ p: clusterScopes.projectId })
      .from(clusterScopes)
      .where(and(eq(clusterScopes.projectId, projectId), eq(clusterScopes.scopeKey, scopeKey)))
      .for('update');
  }

  async signal(ticketId: string): Promise<TicketSignalRow | null> {
    const [row] = await this.db.select().from(ticketSignals).where(eq(ticketSignals.ticketId, ticketId));
    return row ?? null;
  }

  async insertSignal(row: typeof ticketSignals.$inferInsert) {
    const [created] = await this.db.insert(ticketSignals).values(row).onConflictDoNothing().returning();
    return created ?? null;
  }

  /** The scope's active tickets in no cluster, reported in [from, to]: the candidates of a new cluster. */
  unclustered(projectId: string, scopeKey: string, from: Date, to: Date, limit: number) {
    return this.db
      .select()
      .from(ticketSignals)
      .where(
        and(
          eq(ticketSignals.projectId, projectId),
          eq(ticketSignals.scopeKey, scopeKey),
          eq(ticketSignals.active, true),
          isNull(ticketSignals.clusterId),
          gte(ticketSignals.reportedAt, from),
          lte(ticketSignals.reportedAt, to),
        ),
      )
      .orderBy(desc(ticketSignals.reportedAt))
      .limit(limit);
  }

  /** The scope's clusters still growing (open or below threshold) whose latest ticket is on or after `since`. */
  growingClusters(projectId: string, scopeKey: string, since: Date) {
    return this.db
      .select()
      .from(clusters)
      .where(
        and(
          eq(clusters.projectId, projectId),
          eq(clusters.scopeKey, scopeKey),
          gte(clusters.lastAt, since),
          inArray(clusters.status, ['open', 'below_threshold']),
        ),
      )
      .orderBy(desc(clusters.lastAt));
  }

  /** A cluster's active members, newest first. */
  members(clusterId: string, limit?: number) {
    const q = this.db
      .select()
      .from(ticketSignals)
      .where(and(eq(ticketSignals.clusterId, clusterId), eq(ticketSignals.active, true)))
      .orderBy(desc(ticketSignals.reportedAt), desc(ticketSignals.ticketId));
    return limit ? q.limit(limit) : q;
  }

  async setCluster(ticketIds: string[], clusterId: string | null) {
    if (ticketIds.length === 0) return;
    await this.db.update(ticketSignals).set({ clusterId }).where(inArray(ticketSignals.ticketId, ticketIds));
  }

  async deactivate(ticketId: string) {
    const [row] = await this.db
      .update(ticketSignals)
      .set({ active: false, clusterId: null })
      .where(and(eq(ticketSignals.ticketId, ticketId), eq(ticketSignals.active, true)))
      .returning();
    return row ?? null;
  }

  async nextNumber(day: string): Promise<number> {
    const [row] = await this.db
      .insert(clusterNumberSeq)
      .values({ day, last: 1 })
      .onConflictDoUpdate({ target: clusterNumberSeq.day, set: { last: sql`${clusterNumberSeq.last} + 1` } })
      .returning({ last: clusterNumberSeq.last });
    return row?.last ?? 1;
  }

  async insertCluster(row: typeof clusters.$inferInsert): Promise<ClusterRow> {
    const [created] = await this.db.insert(clusters).values(row).returning();
    return created as ClusterRow;
  }

  async updateCluster(id: string, patch: Partial<typeof clusters.$inferInsert>): Promise<ClusterRow> {
    const [row] = await this.db
      .update(clusters)
      .set({ ...patch, version: sql`${clusters.version} + 1` })
      .where(eq(clusters.id, id))
      .returning();
    return row as ClusterRow;
  }

  async addEvents(rows: ClusterEventInsert[]) {
    if (rows.length) await this.db.insert(clusterEvents).values(rows);
  }

  async cluster(id: string): Promise<ClusterRow | null> {
    const [row] = await this.db.select().from(clusters).where(eq(clusters.id, id));
    return row ?? null;
  }

  async clusterInScope(id: string, scopePath: string): Promise<ClusterRow | null> {
    const [row] = await this.db
      .select()
      .from(clusters)
      .where(and(eq(clusters.id, id), withinScope(clusters.orgPath, scopePath)));
    return row ?? null;
  }

  /** Clusters in a subtree, newest raised first (cursor: raised time and id). */
  list(f: ClusterListFilter) {
    return this.db
      .select()
      .from(clusters)
      .where(
        and(
          withinScope(clusters.orgPath, f.scopePath),
          f.status ? eq(clusters.status, f.status) : undefined,
          f.projectId ? eq(clusters.projectId, f.projectId) : undefined,
          f.minSeverity ? gte(clusters.severity, f.minSeverity) : undefined,
          f.before
            ? or(
                lt(clusters.raisedAt, f.before.at),
                and(eq(clusters.raisedAt, f.before.at), lt(clusters.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(clusters.raisedAt), desc(clusters.id))
      .limit(f.limit + 1);
  }

  events(clusterId: string) {
    return this.db.select().from(clusterEvents).where(eq(clusterEvents.clusterId, clusterId)).orderBy(clusterEvents.id);
  }

  acknowledgements(clusterId: string) {
    return this.db
      .select()
      .from(clusterAcknowledgements)
      .where(eq(clusterAcknowledgements.clusterId, clusterId))
      .orderBy(clusterAcknowledgements.at);
  }

  async acknowledge(row: typeof clusterAcknowledgements.$inferInsert) {
    const [created] = await this.db.insert(clusterAcknowledgements).values(row).onConflictDoNothing().returning();
    return created ?? null;
  }

  /** Of these clusters, the ones the user acknowledged. */
  async acknowledgedBy(userId: string, clusterIds: string[]) {
    if (clusterIds.length === 0) return [];
    const rows = await this.db
      .select({ id: clusterAcknowledgements.clusterId })
      .from(clusterAcknowledgements)
      .where(and(eq(clusterAcknowledgements.userId, userId), inArray(clusterAcknowledgements.clusterId, clusterIds)));
    return rows.map((r) => r.id);
  }

  async recordRisk(row: typeof riskTickets.$inferInsert) {
    const [created] = await this.db.insert(riskTickets).values(row).onConflictDoNothing().returning();
    return created ?? null;
  }

  /** Open clusters of a project by scope (the board's building map). */
  openByScope(projectId: string) {
    return this.db
      .select({
        scopeKey: clusters.scopeKey,
        buildingId: clusters.buildingId,
        severity: sql<number>`max(${clusters.severity})`.mapWith(Number),
        count: sql<number>`count(*)`.mapWith(Number),
      })
      .from(clusters)
      .where(and(eq(clusters.projectId, projectId), inArray(clusters.status, ['open', 'below_threshold'])))
      .groupBy(clusters.scopeKey, clusters.buildingId);
  }
}
