import { KPI_DEFINITIONS, type KpiCode } from '@anju/contracts/analytics';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { Language } from '../../platform/i18n.js';
import type { KpiService, ValuesQuery } from './kpi.service.js';
import { kpiName, word } from './report-labels.js';

/** A KPI table (the figures `getKpiValues` answers) as .xlsx: value, target, numerator, denominator, met. */
export async function exportKpiValues(
  deps: { db: Db; kpis: KpiService; audit: AuditService },
  ctx: RequestContext,
  q: ValuesQuery,
  lang: Language,
) {
  const rows = await deps.kpis.values(ctx, q);
  await deps.audit.record(deps.db, ctx, {
    action: 'kpi.export',
    entityType: 'kpi',
    entityId: null,
    orgPath: ctx.principal.orgPath,
    after: q,
  });
  const col = (c: string) => word(lang, 'column', c);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(word(lang, 'sheet', 'kpis'));
  ws.columns = [
    { header: col('scope'), key: 'scope', width: 24 },
    { header: col('kpi'), key: 'kpi', width: 36 },
    { header: col('period'), key: 'period', width: 10 },
    { header: col('value'), key: 'value', width: 12 },
    { header: col('target'), key: 'target', width: 10 },
    { header: col('numerator'), key: 'numerator', width: 10 },
    { header: col('denominator'), key: 'denominator', width: 12 },
    { header: col('met'), key: 'met', width: 8 },
  ];
  const order = Object.keys(KPI_DEFINITIONS);
  rows.sort((a, b) => a.scopeName.localeCompare(b.scopeName) || order.indexOf(a.kpi) - order.indexOf(b.kpi));
  for (const r of rows)
    ws.addRow({
      scope: r.scopeName,
      kpi: kpiName(lang, r.kpi as KpiCode),
      period: r.period,
      value: r.value ?? col('noData'),
      target: r.target,
      numerator: r.numerator,
      denominator: r.denominator,
      met: r.met === null ? col('noData') : col(r.met ? 'yes' : 'no'),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
