import { AWARD_CODES, type AwardCode, type AwardRanking, type KpiCode } from '@anju/contracts/analytics';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Language } from '../../platform/i18n.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory, OrgNode } from '../org/org-directory.js';
import { AwardRepository, type ProjectSum } from './award.repository.js';
import { KpiRepository } from './kpi.repository.js';
import type { KpiService } from './kpi.service.js';
import { figureOf, monthPlus } from './kpi-periods.js';
import { word } from './report-labels.js';

type Definition = {
  kpi: KpiCode | 'K19' | null;
  direction: 'at_least' | 'at_most' | null;
  threshold: number | null;
  budget: number | null;
};

/** KPIS.md's quality awards: measure, eligibility threshold, budget (万元). */
export const AWARDS: Record<AwardCode, Definition> = {
  repair_callback: { kpi: 'K2', direction: 'at_least', threshold: 0.88, budget: 3 },
  bimonthly_ranking: { kpi: 'K19', direction: 'at_most', threshold: 3, budget: 3 },
  leak_rate: { kpi: 'K7', direction: 'at_most', threshold: 0.03, budget: 2 },
  repairs_at_delivery: { kpi: 'K8', direction: 'at_most', threshold: 2.3, budget: 2 },
  door_window_repairs: { kpi: 'K8', direction: 'at_most', threshold: 2.3, budget: 1 },
  wall_repairs: { kpi: 'K8', direction: 'at_most', threshold: 2.3, budget: 1 },
  one_home_one_drawing: { kpi: 'K11', direction: 'at_least', threshold: 0.99, budget: 3 },
  sales_callback: { kpi: 'K13', direction: 'at_least', threshold: 0.93, budget: 2 },
  first_professional_award: { kpi: null, direction: null, threshold: null, budget: null },
};

type Figure = { value: number | null; basis: number; note: string | null };
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Award rankings per year: each project of the scope with its figure, whether it is eligible, and the winner. */
export class AwardService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly directory: OrgDirectory,
    private readonly kpis: KpiService,
  ) {}

  list(ctx: RequestContext) {
    assertPermission(ctx.principal, 'analytics.read');
    return AWARD_CODES.map((code) => ({ code, ...AWARDS[code] }));
  }

  async ranking(ctx: RequestContext, q: { award: AwardCode; year: number; scope?: string }): Promise<AwardRanking> {
    assertPermission(ctx.principal, 'analytics.read');
    const scope = await this.kpis.scopeOf(ctx, q.scope);
    const thisMonth = chinaDate(this.clock.now()).slice(0, 7);
    if (`${q.year}-01` > thisMonth) throw new AppError('PERIOD_IN_FUTURE', { period: String(q.year) });
    const months = Array.from({ length: 13 }, (_, i) => monthPlus(`${q.year}-01`, i)).filter((m) => m <= thisMonth);
    const runs = await this.kpis.runsOf(months);
    const figures = await this.figures(q.award, q.year, runs, months);
    const nodes = await this.directory.nodes([...figures.keys()]);
    const def = AWARDS[q.award];
    const rows = [...figures.entries()]
      .map(([id, f]) => ({ project: nodes.get(id), ...f }))
      .filter((r): r is typeof r & { project: OrgNode } => !!r.project && pathInScope(r.project.path, scope.path))
      .map((r) => ({
        ...r,
        eligible:
          def.direction === null || def.threshold === null
            ? true
            : r.value !== null &&
              (def.direction === 'at_least' ? r.value >= def.threshold - 1e-9 : r.value <= def.threshold + 1e-9),
      }));
    const sign = def.direction === 'at_most' ? 1 : -1;
    rows.sort((a, b) =>
      a.value === null || b.value === null
        ? (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.project.name.localeCompare(b.project.name)
        : sign * (a.value - b.value) || a.project.name.localeCompare(b.project.name),
    );
    const winner = rows.find((r) => r.eligible);
    return {
      award: { code: q.award, ...def },
      year: q.year,
      items: rows.map((r, i) => ({
        rank: i + 1,
        project: { id: r.project.id, name: r.project.name },
        value: r.value,
        eligible: r.eligible,
        winner: r === winner,
        basis: r.basis,
        note: r.note,
      })),
    };
  }

  /** Each project's figure for the award. */
  private async figures(award: AwardCode, year: number, runs: { id: string; period: string }[], months: string[]) {
    const out = new Map<string, Figure>();
    const repo = new AwardRepository(this.db);
    const yearRuns = runs.filter((r) => r.period.startsWith(String(year)));
    const pooled = (sums: (ProjectSum & { batches?: number })[], kpi: KpiCode) => {
      for (const s of sums) out.set(s.projectId, { value: figureOf(kpi, s.n, s.d), basis: s.batches ?? 0, note: null });
    };
    const monthly = (sums: ProjectSum[], kpi: KpiCode) => {
      const byProject = new Map<string, number[]>();
      for (const s of sums) {
        const v = figureOf(kpi, s.n, s.d);
        if (v !== null) byProject.set(s.projectId, [...(byProject.get(s.projectId) ?? []), v]);
      }
      for (const [id, vs] of byProject) out.set(id, { value: mean(vs), basis: vs.length, note: null });
    };
    const projectValues = async (kpi: KpiCode) => {
      const rows = await new KpiRepository(this.db).values(
        yearRuns.map((r) => r.id),
        { kpi, batchKey: '' },
      );
      const period = new Map(yearRuns.map((r) => [r.id, r.period]));
      const nodes = await this.directory.nodes([...new Set(rows.map((r) => r.scopeId))]);
      return rows
        .filter((r) => nodes.get(r.scopeId)?.type === 'project')
        .map((r) => ({
          projectId: r.scopeId,
          period: period.get(r.runId) as string,
          n: r.numerator,
          d: r.denominator,
        }));
    };
    switch (award) {
      case 'repair_callback':
        monthly(await projectValues('K2'), 'K2');
        break;
      case 'sales_callback':
        monthly(await projectValues('K13'), 'K13');
        break;
      case 'leak_rate':
        monthly(await repo.leakSums(year), 'K7');
        break;
      case 'repairs_at_delivery':
        pooled(await repo.deliverySums(year, null), 'K8');
        break;
      case 'door_window_repairs':
        pooled(await repo.deliverySums(year, 'doors_windows'), 'K8');
        break;
      case 'wall_repairs':
        pooled(await repo.deliverySums(year, 'walls'), 'K8');
        break;
      case 'one_home_one_drawing':
        pooled(
          await repo.drawingSums(year, months.filter((m) => m.startsWith(String(year))).at(-1) ?? `${year}-12`),
          'K11',
        );
        break;
      case 'bimonthly_ranking':
        // K19 is each evaluation's rank (reported in its second month); the award takes the year's average rank
        monthly(await projectValues('K19'), 'K19');
        break;
      case 'first_professional_award':
        for (const e of await repo.entries(year))
          out.set(e.projectId, { value: null, basis: 1, note: `${e.awardedOn} ${e.title}` });
        break;
    }
    return out;
  }

  async recordEntry(ctx: RequestContext, body: { year: number; projectId: string; title: string; awardedOn: string }) {
    assertPermission(ctx.principal, 'analytics.manage');
    const project = await this.kpis.scopeOf(ctx, body.projectId);
    if (project.type !== 'project') throw new AppError('VALIDATION_FAILED', { projectId: 'not a project' });
    if (body.awardedOn.slice(0, 4) !== String(body.year))
      throw new AppError('VALIDATION_FAILED', { awardedOn: 'not in the year' });
    return this.db.transaction(async (tx) => {
      const row = await new AwardRepository(tx).putEntry({
        award: 'first_professional_award',
        year: body.year,
        projectId: project.id,
        title: body.title,
        awardedOn: body.awardedOn,
        createdBy: ctx.principal.userId,
        createdAt: this.clock.now(),
      });
      await this.audit.record(tx, ctx, {
        action: 'award_entry.record',
        entityType: 'award_entry',
        entityId: row?.id ?? null,
        orgPath: project.path,
        after: body,
      });
      return row;
    });
  }

  /** A ranking as .xlsx in the reader's language (audited). */
  async export(ctx: RequestContext, q: { award: AwardCode; year: number; scope?: string }, lang: Language) {
    const ranking = await this.ranking(ctx, q);
    await this.audit.record(this.db, ctx, {
      action: 'award.export',
      entityType: 'award',
      entityId: null,
      orgPath: ctx.principal.orgPath,
      after: q,
    });
    const col = (c: string) => word(lang, 'column', c);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(`${q.award} ${q.year}`.slice(0, 31));
    ws.addRow([col('rank'), col('item'), col('value'), col('met'), '★']);
    for (const r of ranking.items)
      ws.addRow([
        r.rank,
        r.project.name,
        r.value ?? r.note ?? col('noData'),
        col(r.eligible ? 'yes' : 'no'),
        r.winner ? '★' : '',
      ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
