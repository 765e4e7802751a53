import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { Language } from '../../../platform/i18n.js';
import { parseDay, rowReasons } from '../../../platform/imports/cells.js';
import type { Importer, RowCheck } from '../../../platform/imports/importer.js';
import { UnitLookup } from '../unit-lookup.js';
import { PropertyHistoryRepository } from './property-history.repository.js';

export type VisitHistoryRow = {
  projectCode: string;
  unitCode: string;
  visitedOn: string;
  visitorName: string;
  issues: string;
  measures: string;
};

export function checkVisitRow(v: Record<string, string>, lang: Language): RowCheck<VisitHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  if (!v.projectCode) say('项目编码必填', 'project code is required');
  if (!v.unitCode) say('房号必填', 'unit is required');
  const visitedOn = parseDay(v.visitedOn ?? '');
  if (!visitedOn) say('走访日期必填，如 2025-06-30', 'visit date is required, e.g. 2025-06-30');
  const visitorName = (v.visitorName ?? '').trim();
  if (!visitorName || visitorName.length > 40) say('走访人必填（40 字以内）', 'visitor is required (≤ 40)');
  if (reasons.length || !visitedOn) return { ok: false, reasons };
  return {
    ok: true,
    key: `${v.projectCode}/${v.unitCode}/${visitedOn}/${visitorName}`,
    value: {
      projectCode: v.projectCode ?? '',
      unitCode: v.unitCode ?? '',
      visitedOn,
      visitorName,
      issues: (v.issues ?? '').slice(0, 2000),
      measures: (v.measures ?? '').slice(0, 2000),
    },
  };
}

async function applyVisitRow(tx: Tx, ctx: RequestContext, row: VisitHistoryRow, clock: Clock) {
  const repo = new PropertyHistoryRepository(tx);
  const unit = await new UnitLookup(tx).byProjectCodeInScope(row.projectCode, row.unitCode, ctx.principal.orgPath);
  if (!unit)
    throw new AppError('VALIDATION_FAILED', {
      reason: `房号「${row.unitCode}」不在项目「${row.projectCode}」/ unknown unit`,
    });
  return repo.putVisit({
    projectId: unit.projectId,
    unitId: unit.id,
    visitorName: row.visitorName,
    visitedOn: row.visitedOn,
    issues: row.issues,
    measures: row.measures,
    orgPath: unit.projectPath,
    imported: true,
    createdBy: ctx.principal.userId,
    createdAt: clock.now(),
  });
}

export const VISIT_HISTORY_COLUMNS = [
  { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
  { key: 'unitCode', zh: '房号', en: 'Unit', required: true, example: '3-2-1502' },
  { key: 'visitedOn', zh: '走访日期', en: 'Visited on', required: true, example: '2025-07-12' },
  { key: 'visitorName', zh: '走访人', en: 'Visitor', required: true, example: '王管家' },
  { key: 'issues', zh: '客户反映问题', en: 'Issues raised' },
  { key: 'measures', zh: '处理措施', en: 'Measures' },
];

/** History property visits (kind `visits`, KPI K17). */
export function visitHistoryImporter(clock: Clock): Importer<VisitHistoryRow> {
  return {
    kind: 'history_visits',
    permission: 'history.import',
    sheetName: '历史物业走访',
    columns: VISIT_HISTORY_COLUMNS,
    check: checkVisitRow,
    apply: (tx, ctx, row) => applyVisitRow(tx, ctx, row, clock),
    months: (row) => [row.visitedOn.slice(0, 7)],
  };
}
