import type { UpsertClusterRuleBody } from '@anju/contracts/quality';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import { idsOfPath, type OrgDirectory } from '../org/org-directory.js';
import { type ClusterRule, DEFAULT_CLUSTER_RULE } from './cluster-rules.js';
import { QualityRepository } from './quality.repository.js';
import type { ClusterRuleRow } from './quality.tables.js';

const ruleOf = (r: ClusterRuleRow): ClusterRule => ({
  windowDays: r.windowDays,
  minTickets: r.minTickets,
  minHouseholds: r.minHouseholds,
  similarity: r.similarity,
  doubleCategories: r.doubleCategories,
  signalWords: r.signalWords,
  groupLevel: r.groupLevel,
});

/**
 * The cluster rules: one per city company, the group's for companies without one, the built-in defaults
 * (W = 7, N = 5, H = 4) for a group without one. Read by `quality.read`, edited with `quality.manage` at the node or
 * above it.
 */
export class ClusterRuleService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  /** The rule in force for a record at `orgPath`: the nearest node on its path with a rule. */
  async ruleFor(tx: Tx | Db, orgPath: string): Promise<ClusterRule> {
    const ids = idsOfPath(orgPath);
    const rows = await new QualityRepository(tx).rulesOf(ids);
    const nearest = rows.sort((a, b) => ids.indexOf(b.orgUnitId) - ids.indexOf(a.orgUnitId))[0];
    return nearest ? ruleOf(nearest) : DEFAULT_CLUSTER_RULE;
  }

  /** The rules stored in the caller's subtree and above it (the ones that apply to it), and the defaults. */
  async list(ctx: RequestContext) {
    assertPermission(ctx.principal, 'quality.read');
    const repo = new QualityRepository(this.db);
    const [inside, above] = await Promise.all([
      repo.rulesInScope(ctx.principal.orgPath),
      repo.rulesOf(idsOfPath(ctx.principal.orgPath).slice(0, -1)),
    ]);
    const rows = [...above, ...inside].sort((a, b) => a.orgPath.localeCompare(b.orgPath));
    const names = await this.directory.names(rows.map((r) => r.orgUnitId));
    return { rows, names, defaults: DEFAULT_CLUSTER_RULE };
  }

  /** Sets the rule of a city company or the group (no version: a new rule; with the version read: an edit). */
  async upsert(ctx: RequestContext, orgUnitId: string, body: UpsertClusterRuleBody) {
    assertPermission(ctx.principal, 'quality.manage');
    const node = await this.directory.node(orgUnitId);
    if (!node || !pathInScope(node.path, ctx.principal.orgPath)) throw new AppError('ORG_UNIT_NOT_FOUND');
    if (node.type !== 'city_company' && node.type !== 'group') {
      throw new AppError('QUALITY_RULE_NODE', { type: node.type });
    }
    if (body.minHouseholds > body.minTickets) throw new AppError('QUALITY_RULE_INVALID', { field: 'minHouseholds' });
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const repo = new QualityRepository(tx);
      const [before] = await repo.rulesOf([orgUnitId]);
      if (before && body.version === undefined) throw new AppError('VERSION_CONFLICT');
      if (!before && body.version !== undefined) throw new AppError('VERSION_CONFLICT');
      const row = await repo.upsertRule(
        {
          orgUnitId,
          orgPath: node.path,
          windowDays: body.windowDays,
          minTickets: body.minTickets,
          minHouseholds: body.minHouseholds,
          similarity: body.similarity,
          doubleCategories: [...new Set(body.doubleCategories)],
          signalWords: [...new Set(body.signalWords.map((w) => w.trim()).filter(Boolean))],
          groupLevel: body.groupLevel,
          updatedBy: ctx.principal.userId,
          updatedAt: now,
        },
        body.version ?? null,
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'quality_rule.upsert',
        entityType: 'quality_rule',
        entityId: orgUnitId,
        orgPath: node.path,
        before: before ? ruleOf(before) : null,
        after: ruleOf(row),
      });
      return { row, created: !before, name: node.name };
    });
  }
}
