import type {
  DesignFeedback,
  ScorecardQuery,
  SupplierScorecard,
  SupplierScorecardRow,
} from '@anju/contracts/scorecards';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { Language } from '../../../platform/i18n.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import { monthPlus } from '../../analytics/kpi-periods.js';
import { idsOfPath, type OrgDirectory } from '../../org/org-directory.js';
import { type ScorecardFilter, ScorecardRepository, type ScorecardScope } from './scorecard.repository.js';
import { scorecardWorkbook } from './scorecard-export.js';
import { figuresOf, periodRange, previousPeriod, rankSuppliers, trendOf } from './scorecard-figures.js';

const WATCH_LIST_LIMIT = 500;

/**
 * Supplier and contractor scorecards (优胜劣汰) and design feedback, counted from repair items (docs/quality.md,
 * "Scorecards"). Staff with `scorecards.read` see the repairs of their subtree; a contractor's staff see only their
 * own company's scorecard. The watch list is kept with `quality.manage`.
 */
export class ScorecardService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly categories: {
      listDefectCategories(): Promise<{ code: string; nameZh: string; nameEn: string }[]>;
    },
  ) {}

  list(ctx: RequestContext, q: ScorecardQuery) {
    return this.listIn(this.scopeOf(ctx), q);
  }

  /** The ranking as .xlsx in the reader's language; audited. */
  async export(ctx: RequestContext, q: ScorecardQuery, lang: Language) {
    const list = await this.list(ctx, q);
    const [project, categories] = await Promise.all([
      q.projectId ? this.directory.names([q.projectId]).then((n) => n.get(q.projectId as string) ?? null) : null,
      q.category ? this.categories.listDefectCategories() : [],
    ]);
    const category = categories.find((c) => c.code === q.category);
    await this.audit.record(this.db, ctx, {
      action: 'quality_scorecard.export',
      entityType: 'quality_scorecard',
      entityId: null,
      orgPath: ctx.principal.orgPath,
      after: q,
    });
    const categoryLabel = category ? (lang === 'en-US' ? category.nameEn : category.nameZh) : (q.category ?? null);
    return scorecardWorkbook(list, q, { project, category: categoryLabel }, lang);
  }

  /** The ranking of the suppliers whose repairs lie in a scope (the monthly mailing reads a company's). */
  async listIn(scope: ScorecardScope, q: ScorecardQuery) {
    const previous = previousPeriod(q.period);
    const [now, before] = await Promise.all([this.rows(scope, q), this.rows(scope, { ...q, period: previous })]);
    const beforeBy = new Map(before.map((r) => [r.supplierId, r]));
    const items: SupplierScorecardRow[] = now.map((r) => {
      const b = beforeBy.get(r.supplierId);
      return {
        ...r,
        previousPer100Units: b?.per100Units ?? null,
        previousRank: b?.rank ?? null,
        trend: trendOf(r.per100Units, b?.per100Units ?? null),
      };
    });
    items.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    return { period: q.period, previousPeriod: previous, items };
  }

  async get(ctx: RequestContext, supplierId: string, q: ScorecardQuery): Promise<SupplierScorecard> {
    const scope = this.scopeOf(ctx);
    const supplier = await this.supplierInView(ctx, supplierId);
    const listed = await this.list(ctx, q);
    const watch = (await new ScorecardRepository(this.db).watched([supplierId])).get(supplierId);
    const row = listed.items.find((r) => r.supplierId === supplierId) ?? {
      ...figuresOf(undefined, 0),
      supplierId,
      supplierName: supplier.name,
      supplierCode: supplier.code,
      watched: !!watch,
      rank: null,
      previousPer100Units: null,
      previousRank: null,
      trend: null,
    };
    const range = periodRange(q.period);
    const filter: ScorecardFilter = { ...scope, ...q, supplierId, from: range.from, to: range.to };
    const repo = new ScorecardRepository(this.db);
    const sums = await repo.sums(filter, 'cell');
    const projectIds = [...new Set(sums.map((s) => s.projectId).filter((id): id is string => !!id))];
    const delivered = await this.deliveredOf(projectIds, range.toDay);
    const [names, batches] = await Promise.all([
      this.directory.names(projectIds),
      repo.batchNames([...new Set(sums.map((s) => s.batchId).filter((id): id is string => !!id))]),
    ]);
    const cells = sums
      .map((s) => ({
        ...figuresOf(s, s.projectId ? delivered.unitsOf(s.projectId, s.batchId) : 0),
        category: s.category,
        projectId: s.projectId,
        projectName: s.projectId ? (names.get(s.projectId) ?? null) : null,
        batchId: s.batchId,
        batchName: s.batchId ? (batches.get(s.batchId) ?? null) : null,
      }))
      .sort((a, b) => b.repairs - a.repairs || (a.category ?? '').localeCompare(b.category ?? ''));
    const lastMonth = range.months.at(-1) as string;
    const firstMonth = monthPlus(lastMonth, -11);
    const monthly = await repo.monthly({
      ...filter,
      from: periodRange(firstMonth).from,
      to: range.to,
    });
    const byMonth = new Map(monthly.map((m) => [m.month, m]));
    const months = Array.from({ length: 12 }, (_, i) => {
      const month = monthPlus(firstMonth, i);
      const m = byMonth.get(month);
      const f = figuresOf(m ? { ...m, avgHours: m.avgHours } : undefined, 0);
      return {
        month,
        repairs: f.repairs,
        repeats: f.repeats,
        satisfaction: f.satisfaction,
        avgHoursToFix: f.avgHoursToFix,
      };
    });
    const byName = watch?.createdBy ? (await this.directory.users([watch.createdBy]))[0]?.displayName : null;
    return {
      period: q.period,
      supplier: { ...row, watched: !!watch },
      cells,
      months,
      watch: watch ? { reason: watch.reason, since: watch.createdAt.toISOString(), byName: byName ?? null } : null,
    };
  }

  /** Put a supplier on the watch list, or take it off; audited. Answers nothing (the same state twice is a no-op). */
  async setWatch(
    ctx: RequestContext,
    supplierId: string,
    body: { watched: true; reason: string } | { watched: false },
  ) {
    assertPermission(ctx.principal, 'quality.manage');
    const supplier = await this.supplierInView(ctx, supplierId);
    await this.db.transaction(async (tx) => {
      const repo = new ScorecardRepository(tx);
      if (body.watched) {
        const added = await repo.watch({
          supplierOrgId: supplierId,
          orgPath: supplier.path,
          reason: body.reason,
          createdBy: ctx.principal.userId,
          createdAt: this.clock.now(),
        });
        if (!added) return;
        await this.audit.record(tx, ctx, {
          action: 'quality_supplier.watch',
          entityType: 'org_unit',
          entityId: supplierId,
          orgPath: supplier.path,
          after: { reason: body.reason },
        });
        return;
      }
      const removed = await repo.unwatch(supplierId);
      if (!removed) return;
      await this.audit.record(tx, ctx, {
        action: 'quality_supplier.unwatch',
        entityType: 'org_unit',
        entityId: supplierId,
        orgPath: supplier.path,
        before: { reason: removed.reason },
      });
    });
  }

  /** The watched suppliers that may serve the caller's subtree (flagged when chosen for a work order). */
  async watchList(ctx: RequestContext) {
    assertPermission(ctx.principal, 'scorecards.read');
    const rows = await new ScorecardRepository(this.db).watchedFor(ctx.principal.orgPath, WATCH_LIST_LIMIT);
    const names = await this.directory.names(rows.map((r) => r.supplierOrgId));
    return rows.map((r) => ({
      supplierId: r.supplierOrgId,
      supplierName: names.get(r.supplierOrgId) ?? '',
      reason: r.reason,
      since: r.createdAt.toISOString(),
    }));
  }

  /** Design-caused repairs (root cause design, or flagged 图纸不符) per project × product type × layout × part. */
  async designFeedback(ctx: RequestContext, q: { period: string; projectId?: string }): Promise<DesignFeedback> {
    assertPermission(ctx.principal, 'scorecards.read');
    if (ctx.principal.orgUnitType === 'contractor') throw new AppError('FORBIDDEN', { missing: ['scorecards.read'] });
    const range = periodRange(q.period);
    const f = { scopePath: ctx.principal.orgPath, from: range.from, to: range.to, projectId: q.projectId };
    const repo = new ScorecardRepository(this.db);
    const [sums, totals] = await Promise.all([repo.designSums(f), repo.designTotals(f)]);
    const names = await this.directory.names([...new Set(sums.map((s) => s.projectId))]);
    const across = new Map<string, Omit<(typeof sums)[number], 'projectId'>>();
    for (const s of sums) {
      const key = JSON.stringify([s.productType, s.layout, s.room, s.category]);
      const into = across.get(key);
      if (into) {
        into.repairs += s.repairs;
        into.households += s.households;
        into.drawingMismatches += s.drawingMismatches;
      } else {
        const { projectId: _project, ...rest } = s;
        across.set(key, { ...rest });
      }
    }
    return {
      period: q.period,
      totals: {
        ...totals,
        designShare: totals.repairs > 0 ? Math.round((totals.designRepairs / totals.repairs) * 10_000) / 10_000 : null,
      },
      rows: sums.map((s) => ({ ...s, projectName: names.get(s.projectId) ?? '' })),
      acrossProjects: [...across.values()].sort((a, b) => b.repairs - a.repairs),
    };
  }

  /** One row per supplier with its figures and rank in the period (no trend). */
  private async rows(scope: ScorecardScope, q: ScorecardQuery) {
    const range = periodRange(q.period);
    const repo = new ScorecardRepository(this.db);
    const filter: ScorecardFilter = { ...scope, ...q, from: range.from, to: range.to };
    const [sums, pairs] = await Promise.all([repo.sums(filter, 'supplier'), repo.supplierProjects(filter)]);
    const delivered = await this.deliveredOf([...new Set(pairs.map((p) => p.projectId))], range.toDay);
    const projectsOf = new Map<string, string[]>();
    for (const p of pairs) projectsOf.set(p.supplierId, [...(projectsOf.get(p.supplierId) ?? []), p.projectId]);
    const supplierIds = sums.map((s) => s.supplierId);
    const [nodes, watched] = await Promise.all([this.directory.nodes(supplierIds), repo.watched(supplierIds)]);
    const rows = sums.map((s) => {
      const units = (projectsOf.get(s.supplierId) ?? []).reduce((n, p) => n + delivered.unitsOf(p, undefined), 0);
      const node = nodes.get(s.supplierId);
      return {
        supplierId: s.supplierId,
        name: node?.name ?? '',
        code: node?.code ?? null,
        figures: figuresOf(s, units),
      };
    });
    const ranks = rankSuppliers(rows);
    return rows.map((r) => ({
      ...r.figures,
      supplierId: r.supplierId,
      supplierName: r.name,
      supplierCode: r.code,
      watched: watched.has(r.supplierId),
      rank: ranks.get(r.supplierId) ?? null,
    }));
  }

  /** Delivered units per project and batch: a batch's own; no batch (or a supplier's total): the whole project's. */
  private async deliveredOf(projectIds: string[], toDay: string) {
    const rows = await new ScorecardRepository(this.db).deliveredUnits(projectIds, toDay);
    return {
      unitsOf: (projectId: string, batchId: string | null | undefined) =>
        rows
          .filter((r) => r.projectId === projectId && (batchId ? r.batchId === batchId : true))
          .reduce((n, r) => n + r.units, 0),
    };
  }

  private scopeOf(ctx: RequestContext): ScorecardScope {
    assertPermission(ctx.principal, 'scorecards.read');
    const p = ctx.principal;
    return p.orgUnitType === 'contractor' ? { supplierId: p.orgUnitId } : { scopePath: p.orgPath };
  }

  /**
   * A contractor the caller may see: its own company (a contractor's staff), else one placed in the caller's subtree
   * or directly under a node above it. Anything else is not found.
   */
  private async supplierInView(ctx: RequestContext, supplierId: string) {
    const p = ctx.principal;
    const node = await this.directory.node(supplierId);
    const above = idsOfPath(p.orgPath);
    const visible =
      !!node &&
      node.type === 'contractor' &&
      (p.orgUnitType === 'contractor'
        ? node.id === p.orgUnitId
        : node.path.startsWith(p.orgPath) || above.includes(node.parentId ?? ''));
    if (!node || !visible) throw new AppError('QUALITY_SUPPLIER_NOT_FOUND');
    return node;
  }
}
