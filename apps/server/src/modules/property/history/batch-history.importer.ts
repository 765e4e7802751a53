import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { Language } from '../../../platform/i18n.js';
import { monthsFrom, parseDay, rowReasons } from '../../../platform/imports/cells.js';
import type { Importer, RowCheck } from '../../../platform/imports/importer.js';
import { UnitLookup } from '../unit-lookup.js';
import { PropertyHistoryRepository } from './property-history.repository.js';

export type BatchHistoryRow = {
  projectCode: string;
  batchName: string;
  unitCode: string;
  plannedDate: string | null;
  actualDate: string | null;
  areaReportDate: string | null;
  surveyedArea: number | null;
};

export function checkBatchRow(v: Record<string, string>, lang: Language): RowCheck<BatchHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  if (!v.projectCode) say('项目编码必填', 'project code is required');
  const batchName = (v.batchName ?? '').trim();
  if (!batchName || batchName.length > 60) say('批次名称必填（60 字以内）', 'batch name is required (≤ 60)');
  if (!v.unitCode) say('房号必填', 'unit is required');
  const plannedDate = parseDay(v.plannedDate ?? '');
  const actualDate = parseDay(v.actualDate ?? '');
  const areaReportDate = parseDay(v.areaReportDate ?? '');
  if (plannedDate === undefined || actualDate === undefined || areaReportDate === undefined)
    say('日期格式错误，如 2025-06-30', 'bad date, e.g. 2025-06-30');
  const surveyedArea = v.surveyedArea ? Number(v.surveyedArea) : null;
  if (
    surveyedArea !== null &&
    !(surveyedArea > 0 && surveyedArea < 10_000 && /^\d+(\.\d{1,2})?$/.test(v.surveyedArea ?? ''))
  )
    say('查丈面积无效（大于 0，最多两位小数）', 'bad surveyed area (above 0, at most 2 decimals)');
  if (reasons.length || plannedDate === undefined || actualDate === undefined || areaReportDate === undefined)
    return { ok: false, reasons };
  return {
    ok: true,
    key: `${v.projectCode}/${v.unitCode}`,
    value: {
      projectCode: v.projectCode ?? '',
      batchName,
      unitCode: v.unitCode ?? '',
      plannedDate,
      actualDate,
      areaReportDate,
      surveyedArea,
    },
  };
}

async function applyBatchRow(tx: Tx, ctx: RequestContext, row: BatchHistoryRow, clock: Clock) {
  const repo = new PropertyHistoryRepository(tx);
  const unit = await new UnitLookup(tx).byProjectCodeInScope(row.projectCode, row.unitCode, ctx.principal.orgPath);
  if (!unit)
    throw new AppError('VALIDATION_FAILED', {
      reason: `房号「${row.unitCode}」不在项目「${row.projectCode}」/ unknown unit`,
    });
  const dates = {
    ...(row.plannedDate ? { plannedDate: row.plannedDate } : {}),
    ...(row.actualDate ? { actualDate: row.actualDate } : {}),
    ...(row.areaReportDate ? { areaReportDate: row.areaReportDate } : {}),
  };
  const now = clock.now();
  const batchId = await repo.putBatch(unit.projectId, row.batchName, dates, now);
  await repo.placeUnit(unit.id, batchId, row.actualDate, row.surveyedArea, now);
  return 'imported' as const;
}

export const BATCH_HISTORY_COLUMNS = [
  { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
  { key: 'batchName', zh: '批次名称', en: 'Batch', required: true, example: '一期一批' },
  { key: 'unitCode', zh: '房号', en: 'Unit', required: true, example: '3-2-1502' },
  { key: 'plannedDate', zh: '计划交付日期', en: 'Planned delivery', example: '2025-06-30' },
  { key: 'actualDate', zh: '实际交付日期', en: 'Actual delivery', example: '2025-06-28' },
  { key: 'areaReportDate', zh: '查丈报告日期', en: 'Area survey report date', example: '2025-06-05' },
  { key: 'surveyedArea', zh: '查丈面积', en: 'Surveyed area', example: '127.86' },
];

/** History delivery batches (kind `batches`): one row per unit — its batch (created on first sight) and dates. */
export function batchHistoryImporter(clock: Clock): Importer<BatchHistoryRow> {
  return {
    kind: 'history_batches',
    permission: 'history.import',
    sheetName: '历史交付批次',
    columns: BATCH_HISTORY_COLUMNS,
    check: checkBatchRow,
    apply: (tx, ctx, row) => applyBatchRow(tx, ctx, row, clock),
    lockKeys: (row) => [`batch:${row.projectCode}/${row.batchName}`],
    // a batch's figures are reported from its planned delivery to half a year after it was delivered
    months: (row) => {
      const first = [row.plannedDate, row.actualDate].filter((d): d is string => !!d).sort()[0];
      return first ? monthsFrom(first.slice(0, 7), 7) : [];
    },
  };
}
