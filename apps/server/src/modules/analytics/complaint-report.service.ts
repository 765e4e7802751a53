import type { ComplaintReport } from '@anju/contracts/analytics';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Language } from '../../platform/i18n.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { ComplaintReportRepository } from './complaint-report.repository.js';
import type { KpiService } from './kpi.service.js';
import { chinaMidnight, parsePeriod } from './kpi-periods.js';
import { word } from './report-labels.js';

const TOP_PROBLEMS = 10;

/**
 * The monthly complaint report (投诉月报) of a city company (or any scope) and optionally one department: volumes by
 * type, channel, category, cause and project; each department's timeliness (K1); reopened and escalated tickets; the
 * top problems. Exported as .xlsx in the reader's language.
 */
export class ComplaintReportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly directory: OrgDirectory,
    private readonly kpis: KpiService,
  ) {}

  async get(ctx: RequestContext, q: { scope?: string; period: string; department?: string }): Promise<ComplaintReport> {
    assertPermission(ctx.principal, 'analytics.read');
    const scope = await this.kpis.scopeOf(ctx, q.scope);
    this.kpis.monthsOf(q.period);
    const department = q.department ? await this.directory.node(q.department) : null;
    if (q.department && (!department || !pathInScope(department.path, ctx.principal.orgPath)))
      throw new AppError('OUT_OF_SCOPE');
    if (department && department.type !== 'department' && department.type !== 'contractor')
      throw new AppError('DASHBOARD_NOT_A_DEPARTMENT');
    const period = parsePeriod(q.period);
    const w = {
      scopePath: scope.path,
      from: chinaMidnight(period.fromDay),
      to: chinaMidnight(period.toDay),
      department: department?.id ?? null,
    };
    const repo = new ComplaintReportRepository(this.db);
    const [byType, byChannel, byCategory, byCause, byProject, moved, topProblems] = await Promise.all([
      repo.countBy(w, 'type'),
      repo.countBy(w, 'channel'),
      repo.countBy(w, 'category_code', 'repair'),
      repo.countBy(w, 'complaint_cause', 'complaint'),
      repo.byProject(w),
      repo.reopenedAndEscalated(w),
      repo.topProblems(w, TOP_PROBLEMS),
    ]);
    // K1 of the company's departments (and contractors): the company above the scope, or the scope itself
    const company = scope.type === 'city_company' ? scope : await this.directory.companyOf(scope);
    const k1 = company
      ? await this.kpis.values(ctx, { kpi: 'K1', scope: company.id, period: q.period, children: true }).catch(() => [])
      : [];
    return {
      scope: { id: scope.id, name: scope.name, type: scope.type },
      department: department ? { id: department.id, name: department.name } : null,
      period: q.period,
      total: byType.reduce((s, r) => s + r.count, 0),
      byType,
      byChannel,
      byCategory,
      byCause,
      byProject,
      timeliness: k1
        .filter((v) => v.scopeType === 'department' || v.scopeType === 'contractor')
        .filter((v) => !department || v.scopeId === department.id)
        .map((v) => ({
          scopeId: v.scopeId,
          name: v.scopeName,
          type: v.scopeType,
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
          met: v.met,
        })),
      reopened: moved.reopened,
      escalated: moved.escalated,
      topProblems,
    };
  }

  /** The report as .xlsx in the reader's language; the export is audited. */
  async export(ctx: RequestContext, q: { scope?: string; period: string; department?: string }, lang: Language) {
    const report = await this.get(ctx, q);
    await this.audit.record(this.db, ctx, {
      action: 'complaint_report.export',
      entityType: 'complaint_report',
      entityId: report.scope.id,
      orgPath: ctx.principal.orgPath,
      after: { period: q.period, department: q.department ?? null },
    });
    const names = new Map(
      (await new ComplaintReportRepository(this.db).categoryNames()).map((c) => [
        c.code,
        lang === 'en-US' ? c.en : c.zh,
      ]),
    );
    const col = (c: string) => word(lang, 'column', c);
    const wb = new ExcelJS.Workbook();
    wb.created = this.clock.now();
    const summary = wb.addWorksheet(word(lang, 'sheet', 'summary'));
    summary.addRows([
      [col('scope'), report.department ? `${report.scope.name} / ${report.department.name}` : report.scope.name],
      [col('period'), report.period],
      [col('total'), report.total],
      [col('reopened'), report.reopened],
      [col('escalated'), report.escalated],
    ]);
    const table = (sheet: string, rows: [string, number][]) => {
      const ws = wb.addWorksheet(word(lang, 'sheet', sheet));
      ws.addRow([col('item'), col('count')]);
      ws.addRows(rows);
    };
    table(
      'type',
      report.byType.map((r) => [word(lang, 'type', r.key), r.count]),
    );
    table(
      'channel',
      report.byChannel.map((r) => [word(lang, 'channel', r.key), r.count]),
    );
    table(
      'category',
      report.byCategory.map((r) => [r.key ? (names.get(r.key) ?? r.key) : '—', r.count]),
    );
    table(
      'cause',
      report.byCause.map((r) => [word(lang, 'cause', r.key), r.count]),
    );
    table(
      'project',
      report.byProject.map((r) => [r.name || '—', r.count]),
    );
    const timeliness = wb.addWorksheet(word(lang, 'sheet', 'timeliness'));
    timeliness.addRow([col('item'), col('value'), col('numerator'), col('denominator'), col('met')]);
    for (const r of report.timeliness)
      timeliness.addRow([
        r.name,
        r.value,
        r.numerator,
        r.denominator,
        r.met === null ? col('noData') : col(r.met ? 'yes' : 'no'),
      ]);
    const top = wb.addWorksheet(word(lang, 'sheet', 'top'));
    top.addRow([col('item'), col('type'), col('key'), col('count')]);
    for (const r of report.topProblems)
      top.addRow([
        r.projectName,
        word(lang, 'type', r.type),
        r.type === 'complaint' ? word(lang, 'cause', r.key) : r.key ? (names.get(r.key) ?? r.key) : '—',
        r.count,
      ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
