import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { UnitLookup } from '../property/unit-lookup.js';
import { type ClusterListFilter, QualityRepository } from './quality.repository.js';
import type { ClusterRow } from './quality.tables.js';

/** The level a person acknowledges at: the group 3, a region 2, anyone else 1 (who is asked to act first). */
const levelOf = (orgUnitType: string) => (orgUnitType === 'group' ? 3 : orgUnitType === 'region' ? 2 : 1);

/**
 * Clusters as people read them: the board's list and map, a cluster with its tickets and timeline, and the
 * acknowledgement (who and when; it never silences a warning — a city company cannot suppress a cluster).
 */
export class ClusterService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  async list(ctx: RequestContext, f: Omit<ClusterListFilter, 'scopePath'>) {
    assertPermission(ctx.principal, 'quality.read');
    const rows = await new QualityRepository(this.db).list({ ...f, scopePath: ctx.principal.orgPath });
    return { rows, ...(await this.labels(rows.slice(0, f.limit), ctx.principal.userId)) };
  }

  async get(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'quality.read');
    const repo = new QualityRepository(this.db);
    const row = await repo.clusterInScope(id, ctx.principal.orgPath);
    if (!row) throw new AppError('QUALITY_CLUSTER_NOT_FOUND');
    const [members, events, acknowledgements, labels] = await Promise.all([
      repo.members(id, 500),
      repo.events(id),
      repo.acknowledgements(id),
      this.labels([row], ctx.principal.userId),
    ]);
    return { row, members, events, acknowledgements, ...labels };
  }

  /** Records that the caller has seen the warning (once per person; a second time answers the same). */
  async acknowledge(ctx: RequestContext, id: string, note: string) {
    assertPermission(ctx.principal, 'quality.read');
    const row = await new QualityRepository(this.db).clusterInScope(id, ctx.principal.orgPath);
    if (!row) throw new AppError('QUALITY_CLUSTER_NOT_FOUND');
    const now = this.clock.now();
    const { principal } = ctx;
    await this.db.transaction(async (tx) => {
      const repo = new QualityRepository(tx);
      const level = levelOf(principal.orgUnitType);
      const created = await repo.acknowledge({
        clusterId: id,
        userId: principal.userId,
        userName: principal.displayName,
        level,
        note,
        at: now,
      });
      if (!created) return;
      await repo.addEvents([
        {
          clusterId: id,
          at: now,
          kind: 'acknowledged',
          level,
          actorId: principal.userId,
          actorName: principal.displayName,
          data: note ? { note } : null,
        },
      ]);
      await this.audit.record(tx, ctx, {
        action: 'quality_cluster.acknowledge',
        entityType: 'quality_cluster',
        entityId: id,
        orgPath: row.orgPath,
        after: { level, note },
      });
    });
    return this.get(ctx, id);
  }

  /** A project's buildings with the severity of their open clusters, and its common areas with open clusters. */
  async map(ctx: RequestContext, projectId: string) {
    assertPermission(ctx.principal, 'quality.read');
    const node = await this.directory.node(projectId);
    if (node?.type !== 'project' || !pathInScope(node.path, ctx.principal.orgPath)) {
      throw new AppError('PROJECT_NOT_FOUND');
    }
    const [buildings, open] = await Promise.all([
      new UnitLookup(this.db).buildingsOfProject(projectId),
      new QualityRepository(this.db).openByScope(projectId),
    ]);
    const byBuilding = new Map(open.filter((o) => o.buildingId).map((o) => [o.buildingId, o]));
    return {
      buildings: buildings.map((b) => ({
        id: b.id,
        code: b.code,
        name: b.name,
        severity: byBuilding.get(b.id)?.severity ?? 0,
        clusters: byBuilding.get(b.id)?.count ?? 0,
      })),
      commonAreas: open
        .filter((o) => !o.buildingId)
        .map((o) => ({ place: o.scopeKey.slice('loc:'.length), severity: o.severity, clusters: o.count })),
    };
  }

  /** Project and building names and the caller's acknowledgements of a page of clusters, in three reads. */
  private async labels(rows: ClusterRow[], userId: string) {
    const [projects, buildings, acked] = await Promise.all([
      this.directory.names(rows.map((r) => r.projectId)),
      new UnitLookup(this.db).buildings(rows.flatMap((r) => (r.buildingId ? [r.buildingId] : []))),
      new QualityRepository(this.db).acknowledgedBy(
        userId,
        rows.map((r) => r.id),
      ),
    ]);
    return {
      projects,
      buildings: new Map(buildings.map((b) => [b.id, b.name])),
      acknowledged: new Set(acked),
    };
  }
}
