import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { Language } from '../../../platform/i18n.js';
import { monthsFrom, parseDay, rowReasons } from '../../../platform/imports/cells.js';
import type { Importer, RowCheck } from '../../../platform/imports/importer.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import { HandoverHistoryRepository } from './handover-history.repository.js';

export type HandoverHistoryRow = {
  projectCode: string;
  unitCode: string;
  handoverDate: string | null;
  moveInDate: string | null;
};

export function checkHandoverRow(v: Record<string, string>, lang: Language): RowCheck<HandoverHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  if (!v.projectCode) say('项目编码必填', 'project code is required');
  if (!v.unitCode) say('房号必填', 'unit is required');
  const handoverDate = parseDay(v.handoverDate ?? '');
  const moveInDate = parseDay(v.moveInDate ?? '');
  if (handoverDate === undefined || moveInDate === undefined)
    say('日期格式错误，如 2025-06-30', 'bad date, e.g. 2025-06-30');
  if (!handoverDate && !moveInDate) say('交房日期与入住日期至少填一个', 'a hand-over or a move-in date is required');
  if (handoverDate && moveInDate && moveInDate < handoverDate) say('入住日期早于交房日期', 'move-in before hand-over');
  if (reasons.length || handoverDate === undefined || moveInDate === undefined) return { ok: false, reasons };
  return {
    ok: true,
    key: `${v.projectCode}/${v.unitCode}`,
    value: { projectCode: v.projectCode ?? '', unitCode: v.unitCode ?? '', handoverDate, moveInDate },
  };
}

async function applyHandoverRow(tx: Tx, ctx: RequestContext, row: HandoverHistoryRow, clock: Clock) {
  const unit = await new UnitLookup(tx).byProjectCodeInScope(row.projectCode, row.unitCode, ctx.principal.orgPath);
  if (!unit)
    throw new AppError('VALIDATION_FAILED', {
      reason: `房号「${row.unitCode}」不在项目「${row.projectCode}」/ unknown unit`,
    });
  const dates = {
    ...(row.handoverDate ? { deliveryDate: row.handoverDate } : {}),
    ...(row.moveInDate ? { moveInDate: row.moveInDate } : {}),
  };
  const owners = await new HandoverHistoryRepository(tx).setDates(unit.id, dates, clock.now());
  if (owners === 0)
    throw new AppError('VALIDATION_FAILED', {
      reason: '该房号没有业主，请先导入业主名册 / the unit has no owner: import the roster first',
    });
  return 'updated' as const;
}

export const HANDOVER_HISTORY_COLUMNS = [
  { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
  { key: 'unitCode', zh: '房号', en: 'Unit', required: true, example: '3-2-1502' },
  { key: 'handoverDate', zh: '交房日期', en: 'Hand-over date', example: '2025-07-02' },
  { key: 'moveInDate', zh: '入住日期', en: 'Move-in date', example: '2025-09-15' },
];

/**
 * History hand-overs and move-ins (kind `handovers`): the dates a household took its keys and moved in, set on the
 * unit's ownerships (the owners come from the roster import). KPIs read possession and move-in from them.
 */
export function handoverHistoryImporter(clock: Clock): Importer<HandoverHistoryRow> {
  return {
    kind: 'history_handovers',
    permission: 'history.import',
    sheetName: '历史交房与入住',
    columns: HANDOVER_HISTORY_COLUMNS,
    check: checkHandoverRow,
    apply: (tx, ctx, row) => applyHandoverRow(tx, ctx, row, clock),
    lockKeys: (row) => [`unit:${row.projectCode}/${row.unitCode}`],
    // households count from their hand-over on: every later month's per-household figures may change
    months: (row) => {
      const first = [row.handoverDate, row.moveInDate].filter((d): d is string => !!d).sort()[0] as string;
      return monthsFrom(first.slice(0, 7), 7);
    },
  };
}
