import { KPI_CODES, KPI_DEFINITIONS, type KpiCode, type KpiValue } from '@anju/contracts/analytics';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory, OrgNode } from '../org/org-directory.js';
import type { KpiRunRow, KpiValueRow } from './analytics.tables.js';
import { KpiRepository } from './kpi.repository.js';
import type { KpiEngine } from './kpi-engine.js';
import { dayPlus, figureOf, halved, meets, monthOf, parsePeriod } from './kpi-periods.js';
import { KpiRecordsRepository } from './kpi-records.repository.js';

export type ValuesQuery = { kpi?: KpiCode; scope?: string; period: string; batchId?: string; children?: boolean };

/** The month a batch KPI's figure is reported in: the month its window ends (KPIS.md, docs/analytics.md). */
export function reportMonthOf(kpi: KpiCode, batch: { plannedDate: string | null; actualDate: string | null }) {
  if (kpi === 'K15' || kpi === 'K15T') {
    const day = batch.plannedDate ?? batch.actualDate;
    return day ? monthOf(day) : null;
  }
  if (!batch.actualDate) return null;
  const window = { K4: 45, K8: 30, K9: 182, K12: 182 }[kpi as 'K4'];
  return window === undefined ? null : monthOf(dayPlus(batch.actualDate, window));
}

/**
 * KPI figures for a scope and period (from the runs, computing a month that has none), their drill-downs,
 * targets and recomputes. Every figure is limited to the caller's subtree.
 */
export class KpiService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly directory: OrgDirectory,
    readonly engine: KpiEngine,
  ) {}

  /** The scope asked (the caller's own node by default), refused outside the caller's subtree. */
  async scopeOf(ctx: RequestContext, scopeId?: string): Promise<OrgNode> {
    const node = await this.directory.node(scopeId ?? ctx.principal.orgUnitId);
    if (!node) throw new AppError('NOT_FOUND');
    if (!pathInScope(node.path, ctx.principal.orgPath)) throw new AppError('OUT_OF_SCOPE');
    return node;
  }

  /** The months of a period that have begun (a period wholly in the future is refused). */
  monthsOf(periodKey: string): string[] {
    const period = parsePeriod(periodKey);
    const thisMonth = chinaDate(this.clock.now()).slice(0, 7);
    if (period.fromDay.slice(0, 7) > thisMonth) throw new AppError('PERIOD_IN_FUTURE', { period: periodKey });
    return period.months.filter((m) => m <= thisMonth);
  }

  /** The current run of each month, computing the months that have none yet. */
  async runsOf(months: string[]): Promise<KpiRunRow[]> {
    const runs = await new KpiRepository(this.db).currentMany(months);
    for (const month of months.filter((m) => !runs.some((r) => r.period === m)))
      runs.push(await this.engine.runMonth({ month, ...this.engine.stateOf(month) }));
    return runs.sort((a, b) => a.period.localeCompare(b.period));
  }

  async listKpis(ctx: RequestContext) {
    assertPermission(ctx.principal, 'analytics.read');
    const repo = new KpiRepository(this.db);
    const year = Number(chinaDate(this.clock.now()).slice(0, 4));
    const targets = await this.engine.targetsFor(this.db, repo, year, [ctx.principal.orgUnitId]);
    return KPI_CODES.map((code) => {
      const d = KPI_DEFINITIONS[code];
      return {
        code,
        grain: d.grain,
        unit: d.unit,
        direction: d.direction,
        owner: d.owner,
        bareHalving: !!d.bareHalving,
        byDepartment: !!d.byDepartment,
        target: targets.get(`${ctx.principal.orgUnitId}:${code}`) ?? d.target,
      };
    });
  }

  async values(ctx: RequestContext, q: ValuesQuery): Promise<KpiValue[]> {
    assertPermission(ctx.principal, 'analytics.read');
    const scope = await this.scopeOf(ctx, q.scope);
    if (q.batchId) return this.batchValues(scope, q as ValuesQuery & { batchId: string });
    const months = this.monthsOf(q.period);
    const runs = await this.runsOf(months);
    const repo = new KpiRepository(this.db);
    const rows = await repo.values(
      runs.map((r) => r.id),
      { kpi: q.kpi, batchKey: '' },
    );
    const nodes = await this.directory.nodes([...new Set(rows.map((r) => r.scopeId))]);
    const wanted = (id: string) => {
      const n = nodes.get(id);
      if (!n) return false;
      if (id === scope.id) return true;
      return (
        !!q.children && n.path.startsWith(scope.path) && n.path.split('/').length === scope.path.split('/').length + 1
      );
    };
    const mine = rows.filter((r) => wanted(r.scopeId));
    const single = runs.length === 1 ? runs[0] : null;
    const previous =
      single?.state === 'closed' && single.version > 1 ? await this.previousOf(repo, single, q.kpi) : null;
    const year = Number(q.period.slice(0, 4));
    const targets = await this.engine.targetsFor(this.db, repo, year, [...new Set(mine.map((r) => r.scopeId))]);
    const grouped = new Map<string, KpiValueRow[]>();
    for (const r of mine) {
      const key = `${r.kpi}|${r.scopeId}`;
      grouped.set(key, [...(grouped.get(key) ?? []), r]);
    }
    const lastRun = runs.at(-1)?.id;
    return [...grouped.values()].map((group) => {
      const first = group[0] as KpiValueRow;
      const kpi = first.kpi as KpiCode;
      const node = nodes.get(first.scopeId) as OrgNode;
      // K11 is a phase's standing at the period's end; every other KPI adds up over the period's months.
      const counted = kpi === 'K11' ? group.filter((g) => g.runId === lastRun) : group;
      const n = counted.reduce((s, g) => s + g.numerator, 0);
      const d = counted.reduce((s, g) => s + g.denominator, 0);
      const value = figureOf(kpi, n, d);
      const target =
        group.length === 1 ? first.target : (targets.get(`${first.scopeId}:${kpi}`) ?? KPI_DEFINITIONS[kpi].target);
      const before = previous?.get(`${kpi}|${first.scopeId}`) ?? null;
      return {
        kpi,
        scopeId: first.scopeId,
        scopeName: node.name,
        scopeType: node.type,
        period: q.period,
        batchKey: '',
        value,
        numerator: n,
        denominator: d,
        target,
        met: group.length === 1 ? first.met : meets(kpi, value, target),
        version: single?.state === 'closed' ? single.version : null,
        state: runs.every((r) => r.state === 'closed') ? 'closed' : 'provisional',
        previous: before ? { value: before.value, numerator: before.numerator, denominator: before.denominator } : null,
      };
    });
  }

  /** One batch's figures: K4 from its frozen day-46 run, the others from the run of the month they are reported in. */
  private async batchValues(scope: OrgNode, q: ValuesQuery & { batchId: string }) {
    const records = new KpiRecordsRepository(this.db);
    const batch = await records.batch(q.batchId);
    if (!batch) throw new AppError('DELIVERY_BATCH_NOT_FOUND');
    const project = await this.directory.node(batch.projectId);
    if (!project || !pathInScope(project.path, scope.path)) throw new AppError('OUT_OF_SCOPE');
    const kpis = (q.kpi ? [q.kpi] : KPI_CODES).filter((k) => KPI_DEFINITIONS[k].grain === 'batch');
    const repo = new KpiRepository(this.db);
    const out: KpiValue[] = [];
    for (const kpi of kpis) {
      const month = reportMonthOf(kpi, batch);
      if (!month || month > chinaDate(this.clock.now()).slice(0, 7)) continue;
      const frozen = kpi === 'K4' ? await repo.current(month, batch.id) : undefined;
      const run = frozen ?? (await this.runsOf([month]))[0];
      if (!run) continue;
      const [row] = await repo.values([run.id], { kpi, scopeIds: [project.id], batchKey: batch.id });
      const value = row ?? null;
      out.push({
        kpi,
        scopeId: project.id,
        scopeName: project.name,
        scopeType: project.type,
        period: month,
        batchKey: batch.id,
        value: value?.value ?? null,
        numerator: value?.numerator ?? 0,
        denominator: value?.denominator ?? 0,
        target: value?.target ?? halved(kpi, KPI_DEFINITIONS[kpi].target, null),
        met: value?.met ?? null,
        version: run.state === 'closed' ? run.version : null,
        state: run.state as 'provisional' | 'closed',
        previous: null,
      });
    }
    return out;
  }

  private async previousOf(repo: KpiRepository, run: KpiRunRow, kpi?: KpiCode) {
    const versions = await repo.closedVersions(run.period);
    const before = versions.find((v) => v.version < run.version);
    if (!before) return null;
    const rows = await repo.values([before.id], { kpi, batchKey: '' });
    return new Map(rows.map((r) => [`${r.kpi}|${r.scopeId}`, r]));
  }

  async drilldown(
    ctx: RequestContext,
    q: {
      kpi: KpiCode;
      scope: string;
      period: string;
      batchId?: string;
      part: 'all' | 'numerator';
      cursor?: string;
      limit: number;
    },
  ) {
    assertPermission(ctx.principal, 'analytics.read');
    const scope = await this.scopeOf(ctx, q.scope);
    let run: KpiRunRow | undefined;
    if (q.batchId && KPI_DEFINITIONS[q.kpi].grain === 'batch') {
      const batch = await new KpiRecordsRepository(this.db).batch(q.batchId);
      if (!batch) throw new AppError('DELIVERY_BATCH_NOT_FOUND');
      const month = reportMonthOf(q.kpi, batch);
      if (!month) return { items: [], nextCursor: null };
      run =
        (q.kpi === 'K4' ? await new KpiRepository(this.db).current(month, batch.id) : undefined) ??
        (await this.runsOf([month]))[0];
    } else {
      const months = this.monthsOf(q.period);
      if (months.length !== 1) throw new AppError('KPI_DRILLDOWN_MONTH_ONLY');
      run = (await this.runsOf(months))[0];
    }
    if (!run) return { items: [], nextCursor: null };
    const afterId = q.cursor ? Number(q.cursor) : null;
    if (afterId !== null && !Number.isSafeInteger(afterId))
      throw new AppError('VALIDATION_FAILED', { cursor: 'invalid' });
    const facts = await new KpiRepository(this.db).drilldown(run.id, q.kpi, scope.path, {
      batchId: q.batchId,
      numeratorOnly: q.part === 'numerator',
      afterId,
      limit: q.limit + 1,
    });
    const page = facts.slice(0, q.limit);
    const [labels, scopes] = await Promise.all([
      new KpiRecordsRepository(this.db).labels(page),
      this.directory.nodes(page.map((f) => f.scopeId)),
    ]);
    return {
      items: page.map((f) => ({
        recordType: f.recordType,
        recordId: f.recordId,
        label: labels.get(f.recordId) ?? f.recordId,
        scopeId: f.scopeId,
        scopeName: scopes.get(f.scopeId)?.name ?? '',
        batchId: f.batchId,
        category: f.category,
        numerator: f.numerator,
        denominator: f.denominator,
      })),
      nextCursor: facts.length > q.limit ? String(page.at(-1)?.id) : null,
    };
  }

  async listTargets(ctx: RequestContext, q: { companyId: string; year: number }) {
    assertPermission(ctx.principal, 'analytics.read');
    const company = await this.scopeOf(ctx, q.companyId);
    const rows = await new KpiRepository(this.db).targets(q.year);
    return rows
      .filter((r) => r.companyId === company.id)
      .map((r) => ({
        kpi: r.kpi as KpiCode,
        companyId: r.companyId,
        year: r.year,
        target: r.target,
        version: r.version,
      }));
  }

  async upsertTarget(
    ctx: RequestContext,
    kpi: KpiCode,
    body: { companyId: string; year: number; target: number; version?: number },
  ) {
    assertPermission(ctx.principal, 'analytics.manage');
    const company = await this.scopeOf(ctx, body.companyId);
    if (company.type !== 'city_company' && company.type !== 'group')
      throw new AppError('KPI_TARGET_NOT_COMPANY', { companyId: body.companyId });
    return this.db.transaction(async (tx) => {
      const repo = new KpiRepository(tx);
      const before = await repo.target(company.id, body.year, kpi);
      const expected = before ? (body.version ?? before.version) : null;
      const row = await repo.putTarget(
        {
          companyId: company.id,
          year: body.year,
          kpi,
          target: body.target,
          updatedBy: ctx.principal.userId,
          updatedAt: this.clock.now(),
        },
        expected,
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'kpi_target.update',
        entityType: 'kpi_target',
        entityId: company.id,
        orgPath: company.path,
        before: before ? { kpi, year: body.year, target: before.target } : null,
        after: { kpi, year: body.year, target: row.target },
      });
      return row;
    });
  }

  /** Recomputes a month: a closed month gains a version (the old one kept), an open one is refreshed. */
  async recompute(ctx: RequestContext, body: { period: string; reason: string }) {
    assertPermission(ctx.principal, 'analytics.manage');
    const [month] = this.monthsOf(body.period);
    if (!month) throw new AppError('PERIOD_IN_FUTURE', { period: body.period });
    const { state, asOf } = this.engine.stateOf(month);
    const run = await this.engine.runMonth({
      month,
      state,
      asOf,
      recompute: true,
      reason: body.reason,
      requestedBy: ctx.principal.userId,
    });
    await this.audit.record(this.db, ctx, {
      action: 'kpi.recompute',
      entityType: 'kpi_run',
      entityId: run.id,
      orgPath: ctx.principal.orgPath,
      reason: body.reason,
      after: { period: month, version: run.version, state: run.state },
    });
    return { run, facts: await new KpiRepository(this.db).factCount(run.id) };
  }
}
