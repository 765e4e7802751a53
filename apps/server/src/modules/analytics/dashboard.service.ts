import {
  type DashboardResponse,
  KPI_CODES,
  KPI_DEFINITIONS,
  type KpiCode,
  type KpiValue,
} from '@anju/contracts/analytics';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { OrgDirectory, OrgNode } from '../org/org-directory.js';
import { DashboardRepository } from './dashboard.repository.js';
import { KpiRepository } from './kpi.repository.js';
import type { KpiService } from './kpi.service.js';
import { chinaMidnight, dayPlus, figureOf, meets, monthPlus } from './kpi-periods.js';
import type { SurveyDashboardService } from './survey-dashboard.service.js';

type Query = {
  kind: 'executive' | 'manager' | 'department' | 'survey';
  scope?: string;
  period?: string;
  productType?: string;
  finish?: 'bare' | 'finished';
  year?: number;
};
type Figure = { value: number | null; target: number | null; met: boolean | null };

/** Red / amber / green of a figure: met; missed by at most a tenth of the target; missed by more. */
export function ragOf(kpi: KpiCode, f: Figure): 'green' | 'amber' | 'red' | 'none' {
  if (f.met === null || f.value === null || f.target === null) return 'none';
  if (f.met) return 'green';
  const gap = KPI_DEFINITIONS[kpi].direction === 'at_least' ? f.target - f.value : f.value - f.target;
  return gap <= Math.abs(f.target) * 0.1 ? 'amber' : 'red';
}

const ref = (n: OrgNode) => ({ id: n.id, name: n.name, type: n.type });

/**
 * The dashboards: the executive's (every KPI of a month against its target with its 12-month trend, projects ranked),
 * the CR manager's (today's live counts and the recent day-46 figures) and a department's (its K1 and open work).
 */
export class DashboardService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly kpis: KpiService,
    private readonly surveys: SurveyDashboardService,
  ) {}

  async get(ctx: RequestContext, q: Query): Promise<DashboardResponse> {
    assertPermission(ctx.principal, 'analytics.read');
    // a department's dashboard defaults to the caller's own department
    const own = q.kind === 'department' && !q.scope ? await this.directory.departmentOf(ctx.principal.userId) : null;
    const scope = await this.kpis.scopeOf(ctx, q.scope ?? own ?? undefined);
    const today = chinaDate(this.clock.now());
    const month = q.period ?? monthPlus(today.slice(0, 7), -1);
    if (q.kind === 'manager') return this.manager(scope, today);
    if (q.kind === 'survey') return this.surveys.get(scope, q.year ?? Number(today.slice(0, 4)));
    if (q.kind === 'department') return this.department(ctx, scope, month);
    return this.executive(scope, month, q);
  }

  private async executive(scope: OrgNode, month: string, q: Query): Promise<DashboardResponse> {
    const months = Array.from({ length: 12 }, (_, i) => monthPlus(month, i - 11));
    this.kpis.monthsOf(month);
    const runs = await this.kpis.runsOf(months.filter((m) => m <= chinaDate(this.clock.now()).slice(0, 7)));
    const runOf = new Map(runs.map((r) => [r.id, r.period]));
    const filtered = !!(q.productType || q.finish);
    // value rows per (month, KPI, scope): from the snapshot values, or, under a filter, summed from the facts
    type Row = { period: string; kpi: KpiCode; scopeId: string; n: number; d: number; target: number | null };
    let rows: Row[];
    if (filtered) {
      const sums = await new DashboardRepository(this.db).filteredSums(
        runs.map((r) => r.id),
        scope.path,
        q,
      );
      const leaves = await this.directory.nodes([...new Set(sums.map((s) => s.scopeId))]);
      const add = new Map<string, Row>();
      for (const s of sums) {
        const leaf = leaves.get(s.scopeId);
        const project = leaf?.type === 'project' ? leaf.id : null;
        for (const id of project ? [scope.id, project] : [scope.id]) {
          const key = `${s.runId}|${s.kpi}|${id}`;
          const row = add.get(key) ?? {
            period: runOf.get(s.runId) as string,
            kpi: s.kpi as KpiCode,
            scopeId: id,
            n: 0,
            d: 0,
            target: null,
          };
          row.n += s.n;
          row.d += s.d;
          add.set(key, row);
        }
      }
      rows = [...add.values()];
    } else {
      const values = await new DashboardRepository(this.db).subtreeValues(
        runs.map((r) => r.id),
        scope,
      );
      rows = values.map((v) => ({ ...v, period: runOf.get(v.runId) as string, kpi: v.kpi as KpiCode }));
    }
    const year = Number(month.slice(0, 4));
    const nodes = await this.directory.nodes([...new Set(rows.map((r) => r.scopeId))]);
    const targets = await this.kpis.engine.targetsFor(this.db, new KpiRepository(this.db), year, [
      ...new Set([scope.id, ...nodes.keys()]),
    ]);
    const judge = (r: Row | undefined, kpi: KpiCode, scopeId: string) => {
      const value = r ? figureOf(kpi, r.n, r.d) : null;
      const target = r?.target ?? targets.get(`${scopeId}:${kpi}`) ?? KPI_DEFINITIONS[kpi].target;
      const met = meets(kpi, value, target);
      return { value, numerator: r?.n ?? 0, denominator: r?.d ?? 0, target, met };
    };
    const at = (period: string, kpi: KpiCode, scopeId: string) =>
      rows.find((r) => r.period === period && r.kpi === kpi && r.scopeId === scopeId);
    const kpis = KPI_CODES.map((kpi) => {
      const f = judge(at(month, kpi, scope.id), kpi, scope.id);
      return {
        kpi,
        ...f,
        rag: ragOf(kpi, f),
        trend: months.map((m) => {
          const t = judge(at(m, kpi, scope.id), kpi, scope.id);
          return { period: m, value: t.value, target: t.target };
        }),
      };
    });
    const projects = [...nodes.values()].filter((n) => n.type === 'project' && n.path.startsWith(scope.path));
    const scored = projects.map((p) => {
      const figures = KPI_CODES.map((kpi) => ({ kpi, ...judge(at(month, kpi, p.id), kpi, p.id) })).filter(
        (f) => f.met !== null,
      );
      const met = figures.filter((f) => f.met).length;
      return {
        project: ref(p),
        score: figures.length ? met / figures.length : null,
        met,
        missed: figures.length - met,
        red: figures.filter((f) => ragOf(f.kpi, f) === 'red').map((f) => f.kpi),
      };
    });
    scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.project.name.localeCompare(b.project.name));
    return {
      kind: 'executive',
      scope: ref(scope),
      period: month,
      kpis,
      projects: scored.map((s, i) => ({ rank: i + 1, ...s })),
    };
  }

  private async manager(scope: OrgNode, today: string): Promise<DashboardResponse> {
    const now = this.clock.now();
    const repo = new DashboardRepository(this.db);
    const [counts, reopen, backlog, batches] = await Promise.all([
      repo.ticketCounts(scope.path, now, chinaMidnight(today), chinaMidnight(dayPlus(today, -1))),
      repo.reopenRate(scope.path, new Date(now.getTime() - 30 * 86_400_000)),
      repo.backlog(scope.path, now),
      repo.recentDay46(scope.path, new Date(now.getTime() - 90 * 86_400_000)),
    ]);
    const projects = await this.directory.nodes(batches.map((b) => b.projectId));
    const buckets = ['lt1d', 'd1to3', 'd3to7', 'd7to30', 'gt30d'] as const;
    return {
      kind: 'manager',
      scope: ref(scope),
      today,
      ...counts,
      reopenRate: { ...reopen, value: reopen.closed ? reopen.reopened / reopen.closed : null },
      backlogByAge: buckets.map((bucket) => ({ bucket, count: backlog.find((b) => b.bucket === bucket)?.count ?? 0 })),
      recentBatches: batches.flatMap((b) => {
        const p = projects.get(b.projectId);
        return p
          ? [{ batchId: b.batchId, project: ref(p), period: b.period, value: b.value, target: b.target, met: b.met }]
          : [];
      }),
    };
  }

  private async department(ctx: RequestContext, scope: OrgNode, month: string): Promise<DashboardResponse> {
    if (scope.type !== 'department' && scope.type !== 'contractor') throw new AppError('DASHBOARD_NOT_A_DEPARTMENT');
    const [k1] = (await this.kpis.values(ctx, { kpi: 'K1', scope: scope.id, period: month })) as (
      | KpiValue
      | undefined
    )[];
    const work = await new DashboardRepository(this.db).workOrders(scope.id, this.clock.now());
    const f = {
      kpi: 'K1' as const,
      value: k1?.value ?? null,
      numerator: k1?.numerator ?? 0,
      denominator: k1?.denominator ?? 0,
      target: k1?.target ?? KPI_DEFINITIONS.K1.target,
      met: k1?.met ?? null,
    };
    return {
      kind: 'department',
      scope: ref(scope),
      period: month,
      k1: { ...f, rag: ragOf('K1', f) },
      openWorkOrders: work.open,
      overdueWorkOrders: work.overdue,
      openTickets: work.tickets,
    };
  }
}
