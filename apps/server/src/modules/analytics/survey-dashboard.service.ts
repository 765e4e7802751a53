import { SURVEY_DIMENSIONS, SURVEY_STAGES } from '@anju/contracts/surveys';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { OrgDirectory, OrgNode } from '../org/org-directory.js';
import { idsOfPath } from '../org/org-directory.js';
import type { KpiService } from './kpi.service.js';
import { chinaMidnight } from './kpi-periods.js';
import { SurveyDashboardRepository } from './survey-dashboard.repository.js';

/** The annual survey's dimensions in KPIS.md's order, loyalty (derived) second. */
export const DASHBOARD_DIMENSIONS = [
  'overall',
  'loyalty',
  ...SURVEY_DIMENSIONS.filter((d) => d !== 'overall'),
] as const;

/**
 * Seed 003's figures (KPIS.md): 2004 and 2005 results and the 2006 target of the company, the group's 2005 result.
 * `null`: the seed has none.
 */
const SEED_HISTORY: Record<string, [number | null, number | null, number, number]> = {
  overall: [0.68, 0.76, 0.8, 0.82],
  loyalty: [0.55, 0.42, 0.52, 0.53],
  repurchase: [0.7, 0.58, 0.66, 0.64],
  referral: [0.85, 0.74, 0.8, 0.74],
  continued_attention: [null, 0.73, 0.75, 0.69],
  complaint_handling: [null, 0.65, 0.7, 0.7],
  sales_service: [0.53, 0.62, 0.7, 0.7],
  planning_design: [0.79, 0.87, 0.89, 0.85],
  amenities: [null, 0.47, 0.6, 0.62],
  engineering_quality: [null, 0.49, 0.62, 0.68],
  property_management: [null, 0.88, 0.9, 0.9],
};

const share = (n: number, d: number) => ({ value: d ? n / d : null, respondents: d });
const yearSpan = (year: number) => ({ from: chinaMidnight(`${year}-01-01`), to: chinaMidnight(`${year + 1}-01-01`) });

/**
 * The survey dashboard: the eleven dimensions of a year's annual survey in a scope against the two years before
 * (from the answers, else the loaded history), the year's target and the group; and the dive curve — overall
 * satisfaction by the respondent's journey stage and by the service just received.
 */
export class SurveyDashboardService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly directory: OrgDirectory,
    private readonly kpis: KpiService,
  ) {}

  async get(scope: OrgNode, year: number) {
    if (year > Number(chinaDate(this.clock.now()).slice(0, 4)))
      throw new AppError('PERIOD_IN_FUTURE', { period: String(year) });
    const repo = new SurveyDashboardRepository(this.db);
    const group = (await this.directory.node(idsOfPath(scope.path)[0] as string)) as OrgNode;
    const figures = async (node: OrgNode, y: number) => {
      const { from, to } = yearSpan(y);
      const [dims, loyal] = await Promise.all([
        repo.dimensions(node.path, from, to),
        repo.loyalty(node.path, from, to),
      ]);
      const out = new Map(dims.map((r) => [r.dimension, share(r.n, r.d)]));
      out.set('loyalty', share(loyal.n, loyal.d));
      return out;
    };
    const [now, before1, before2, groupNow] = await Promise.all([
      figures(scope, year),
      figures(scope, year - 1),
      figures(scope, year - 2),
      figures(group, year),
    ]);
    const company = scope.type === 'city_company' ? scope : await this.directory.companyOf(scope);
    const benchmarks = await repo.benchmarks(
      [...new Set([scope.id, company?.id, group.id].filter((id): id is string => !!id))],
      [year - 2, year - 1, year],
    );
    const bench = (scopeId: string | undefined, y: number, dimension: string, kind: 'actual' | 'target') =>
      benchmarks.find((b) => b.scopeId === scopeId && b.year === y && b.dimension === dimension && b.kind === kind)
        ?.value ?? null;
    const { from, to } = yearSpan(year);
    const [byStage, byService] = await Promise.all([
      repo.overallBy('stage', scope.path, from, to),
      repo.overallBy('service', scope.path, from, to),
    ]);
    return {
      kind: 'survey' as const,
      scope: { id: scope.id, name: scope.name, type: scope.type },
      year,
      dimensions: DASHBOARD_DIMENSIONS.map((dimension) => {
        const f = now.get(dimension) ?? { value: null, respondents: 0 };
        const previous = (
          [
            [year - 2, before2],
            [year - 1, before1],
          ] as const
        ).map(([y, m]) => {
          const answered = m.get(dimension);
          if (answered?.respondents) return { year: y, value: answered.value, source: 'answers' as const };
          return { year: y, value: bench(company?.id ?? scope.id, y, dimension, 'actual'), source: 'history' as const };
        });
        const groupAnswered = groupNow.get(dimension);
        return {
          dimension,
          ...f,
          previous,
          target: bench(company?.id ?? scope.id, year, dimension, 'target'),
          group: groupAnswered?.respondents ? groupAnswered.value : bench(group.id, year, dimension, 'actual'),
        };
      }),
      diveCurve: {
        byStage: SURVEY_STAGES.map((stage) => {
          const r = byStage.find((s) => s.key === stage);
          return { stage, ...share(r?.n ?? 0, r?.d ?? 0) };
        }),
        byService: byService.map((r) => ({ service: r.key, ...share(r.n, r.d) })),
      },
    };
  }

  /**
   * Loads seed 003's figures as history for a company (its 2004 and 2005 results and 2006 target) and the group (its
   * 2005 result): the survey dashboard then compares a company starting on Anju with its own past.
   */
  async loadSeedHistory(ctx: RequestContext, companyId: string) {
    assertPermission(ctx.principal, 'analytics.manage');
    const company = await this.kpis.scopeOf(ctx, companyId);
    if (company.type !== 'city_company') throw new AppError('KPI_TARGET_NOT_COMPANY', { companyId });
    const groupId = idsOfPath(company.path)[0] as string;
    const at = this.clock.now();
    const by = ctx.principal.userId;
    const rows = Object.entries(SEED_HISTORY).flatMap(([dimension, [y04, y05, t06, g05]]) => [
      ...(y04 === null ? [] : [{ scopeId: company.id, year: 2004, dimension, kind: 'actual', value: y04 }]),
      ...(y05 === null ? [] : [{ scopeId: company.id, year: 2005, dimension, kind: 'actual', value: y05 }]),
      { scopeId: company.id, year: 2006, dimension, kind: 'target', value: t06 },
      { scopeId: groupId, year: 2005, dimension, kind: 'actual', value: g05 },
    ]);
    await this.db.transaction(async (tx) => {
      await new SurveyDashboardRepository(tx).putBenchmarks(rows.map((r) => ({ ...r, updatedBy: by, updatedAt: at })));
      await this.audit.record(tx, ctx, {
        action: 'survey_benchmark.load',
        entityType: 'survey_benchmark',
        entityId: company.id,
        orgPath: company.path,
        after: { rows: rows.length },
      });
    });
    return { loaded: rows.length };
  }
}
