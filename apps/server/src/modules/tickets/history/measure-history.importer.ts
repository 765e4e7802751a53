import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Language } from '../../../platform/i18n.js';
import { chinaMonth, parseChinaTime, rowReasons } from '../../../platform/imports/cells.js';
import { type Importer, type RowCheck, rowRefused } from '../../../platform/imports/importer.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { TicketHistoryRepository } from './ticket-history.repository.js';

export type MeasureHistoryRow = {
  number: string;
  seq: number;
  title: string;
  departmentCode: string;
  dueAt: Date;
  doneAt: Date | null;
  confirmedAt: Date | null;
};

export function checkMeasureRow(v: Record<string, string>, lang: Language): RowCheck<MeasureHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  const number = (v.number ?? '').trim();
  if (!number) say('工单编号必填', 'ticket number is required');
  const seq = Number(v.seq ?? '');
  if (!(Number.isInteger(seq) && seq > 0 && seq < 1000))
    say('措施序号必填（正整数）', 'measure seq: a positive integer');
  if (!v.departmentCode) say('责任部门编码必填', 'department code is required');
  const dueAt = parseChinaTime(v.dueAt ?? '');
  const doneAt = parseChinaTime(v.doneAt ?? '');
  const confirmedAt = parseChinaTime(v.confirmedAt ?? '');
  if (!dueAt) say('截止时间必填', 'due at is required');
  if (doneAt === undefined || confirmedAt === undefined) say('时间格式错误', 'bad time');
  if (confirmedAt && !doneAt) say('验证前须先完成', 'a measure is done before it is verified');
  if (doneAt && confirmedAt && confirmedAt < doneAt) say('验证时间早于完成时间', 'verified before done');
  if (reasons.length || !dueAt || doneAt === undefined || confirmedAt === undefined) return { ok: false, reasons };
  return {
    ok: true,
    key: `${number}|${seq}`,
    value: {
      number,
      seq,
      title: (v.title || '整改措施').slice(0, 200),
      departmentCode: v.departmentCode ?? '',
      dueAt,
      doneAt,
      confirmedAt,
    },
  };
}

async function applyMeasureRow(tx: Tx, ctx: RequestContext, row: MeasureHistoryRow, directory: OrgDirectory) {
  const repo = new TicketHistoryRepository(tx);
  const [ticket] = await repo.byNumbers([row.number]);
  if (!ticket?.orgPath.startsWith(ctx.principal.orgPath))
    throw rowRefused(`工单「${row.number}」不存在`, 'unknown ticket');
  if (!ticket.imported)
    throw rowRefused('只能为导入的历史工单导入措施', 'measures are imported for history tickets only');
  const dept = (await directory.with(tx).byCodes([row.departmentCode], ctx.principal.orgPath)).get(row.departmentCode);
  if (dept?.type !== 'department' && dept?.type !== 'contractor')
    throw rowRefused(`责任部门「${row.departmentCode}」不存在`, 'unknown department');
  const last = row.confirmedAt ?? row.doneAt ?? row.dueAt;
  const outcome = await repo.putWorkOrder({
    ticketId: ticket.id,
    seq: row.seq,
    title: row.title,
    assigneeOrgId: dept.id,
    assigneeOrgType: dept.type,
    status: row.confirmedAt ? 'confirmed' : row.doneAt ? 'done' : 'open',
    dueAt: row.dueAt,
    doneAt: row.doneAt,
    confirmedAt: row.confirmedAt,
    orgPath: ticket.orgPath,
    imported: true,
    createdBy: ctx.principal.userId,
    createdAt: new Date(Math.min(row.dueAt.getTime(), last.getTime())),
    updatedAt: last,
  });
  if (outcome === 'live') throw rowRefused(`序号 ${row.seq} 已被系统内任务使用`, 'a live work order has this number');
  return outcome;
}

export const MEASURE_HISTORY_COLUMNS = [
  { key: 'number', zh: '工单编号', en: 'Ticket number', required: true, example: 'TS20250312-0003' },
  { key: 'seq', zh: '措施序号', en: 'Measure seq', required: true, example: '1' },
  { key: 'title', zh: '措施内容', en: 'Measure', example: '更换单元门禁' },
  { key: 'departmentCode', zh: '责任部门编码', en: 'Department code', required: true, example: 'SH-WY' },
  { key: 'dueAt', zh: '截止时间', en: 'Due at', required: true, example: '2025-03-20 18:00' },
  { key: 'doneAt', zh: '完成时间', en: 'Done at' },
  { key: 'confirmedAt', zh: '验证时间', en: 'Verified at' },
];

/** History measures (kind `measures`): the property company's work orders on complaints, with due and verified times. */
export function measureHistoryImporter(directory: OrgDirectory): Importer<MeasureHistoryRow> {
  return {
    kind: 'history_measures',
    permission: 'history.import',
    sheetName: '历史物业措施',
    columns: MEASURE_HISTORY_COLUMNS,
    check: checkMeasureRow,
    apply: (tx, ctx, row) => applyMeasureRow(tx, ctx, row, directory),
    lockKeys: (row) => [`ticket-number:${row.number}`],
    months: (row) => [chinaMonth(row.dueAt)],
  };
}
