import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { Language } from '../../../platform/i18n.js';
import { parseChinaTime, parseDay, parseYesNo, rowReasons } from '../../../platform/imports/cells.js';
import type { Importer, RowCheck } from '../../../platform/imports/importer.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import { JourneyHistoryRepository } from './journey-history.repository.js';

export type PropertyHandoverHistoryRow = {
  projectCode: string;
  batchName: string;
  handedOverOn: string;
  /** null: not rated (yet). */
  rating: { timely: boolean; complete: boolean; ratedAt: Date } | null;
};

export function checkPropertyHandoverRow(
  v: Record<string, string>,
  lang: Language,
): RowCheck<PropertyHandoverHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  if (!v.projectCode) say('项目编码必填', 'project code is required');
  if (!v.batchName) say('批次名称必填', 'batch is required');
  const handedOverOn = parseDay(v.handedOverOn ?? '');
  if (!handedOverOn) say('移交日期必填，如 2025-07-20', 'hand-over date is required, e.g. 2025-07-20');
  const rated = !!(v.timely || v.complete || v.ratedAt);
  const timely = parseYesNo(v.timely ?? '');
  const complete = parseYesNo(v.complete ?? '');
  const ratedAt = parseChinaTime(v.ratedAt ?? '');
  if (rated && (!v.timely || !v.complete || timely === undefined || complete === undefined))
    say('评价须同时填写 及时 与 完整（是/否）', 'a rating gives timely and complete (yes/no)');
  if (rated && !ratedAt) say('评价须填写评价时间', 'a rating gives its time');
  if (reasons.length || !handedOverOn || ratedAt === undefined) return { ok: false, reasons };
  return {
    ok: true,
    key: `${v.projectCode}/${v.batchName}`,
    value: {
      projectCode: v.projectCode ?? '',
      batchName: v.batchName ?? '',
      handedOverOn,
      rating: rated && ratedAt ? { timely: !!timely, complete: !!complete, ratedAt } : null,
    },
  };
}

async function applyPropertyHandoverRow(tx: Tx, ctx: RequestContext, row: PropertyHandoverHistoryRow, clock: Clock) {
  const batch = await new UnitLookup(tx).batchByName(row.projectCode, row.batchName, ctx.principal.orgPath);
  if (!batch) throw new AppError('VALIDATION_FAILED', { reason: `批次「${row.batchName}」不存在 / unknown batch` });
  return new JourneyHistoryRepository(tx).putPropertyHandover({
    batchId: batch.id,
    projectId: batch.projectId,
    orgPath: batch.projectPath,
    handedOverOn: row.handedOverOn,
    items: [],
    recordedBy: ctx.principal.userId,
    recordedAt: clock.now(),
    timely: row.rating?.timely ?? null,
    complete: row.rating?.complete ?? null,
    ratedAt: row.rating?.ratedAt ?? null,
  });
}

export const PROPERTY_HANDOVER_HISTORY_COLUMNS = [
  { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
  { key: 'batchName', zh: '批次名称', en: 'Batch', required: true, example: '一期一批' },
  { key: 'handedOverOn', zh: '移交日期', en: 'Handed over on', required: true, example: '2025-07-20' },
  { key: 'timely', zh: '及时', en: 'Timely', example: '是' },
  { key: 'complete', zh: '完整', en: 'Complete', example: '否' },
  { key: 'ratedAt', zh: '评价时间', en: 'Rated at', example: '2025-07-28 15:00' },
];

/** History hand-overs to the property company (kind `propertyHandovers`, K10 and the managed projects of K16–K17). */
export function propertyHandoverHistoryImporter(clock: Clock): Importer<PropertyHandoverHistoryRow> {
  return {
    kind: 'history_propertyHandovers',
    permission: 'history.import',
    sheetName: '历史物业移交',
    columns: PROPERTY_HANDOVER_HISTORY_COLUMNS,
    check: checkPropertyHandoverRow,
    apply: (tx, ctx, row) => applyPropertyHandoverRow(tx, ctx, row, clock),
    months: (row) => [row.handedOverOn.slice(0, 7)],
  };
}
