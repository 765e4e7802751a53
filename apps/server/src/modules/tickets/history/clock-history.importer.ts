import { SLA_NODES, type SlaNode } from '@anju/contracts';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Language } from '../../../platform/i18n.js';
import { chinaMonth, parseChinaTime, parseCode, rowReasons } from '../../../platform/imports/cells.js';
import { type Importer, type RowCheck, rowRefused } from '../../../platform/imports/importer.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { ClockService } from '../../sla/clock.service.js';
import { TICKET_CLOCKS } from '../sla/sla.service.js';
import { TicketHistoryRepository } from './ticket-history.repository.js';

const NODE_WORDS: Record<SlaNode, string[]> = {
  reception: ['受理', '接待'],
  inspection: ['勘查', '查验'],
  dispatch: ['派单'],
  first_response: ['首次响应', '响应'],
  processing: ['处理'],
  callback: ['回访'],
  work_order: ['工单', '派工', '任务'],
};

export type ClockHistoryRow = {
  number: string;
  node: SlaNode;
  holderCode: string | null;
  workOrderSeq: number | null;
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
};

export function checkClockRow(v: Record<string, string>, lang: Language): RowCheck<ClockHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  const number = (v.number ?? '').trim();
  if (!number) say('工单编号必填', 'ticket number is required');
  const node = parseCode(v.node ?? '', NODE_WORDS);
  if (!node) say(`节点应为 ${SLA_NODES.join('/')} 或其中文名`, `node must be one of ${SLA_NODES.join('/')}`);
  const seq = v.workOrderSeq ? Number(v.workOrderSeq) : null;
  if (seq !== null && !(Number.isInteger(seq) && seq > 0))
    say('工单序号应为正整数', 'work order seq: a positive integer');
  const startedAt = parseChinaTime(v.startedAt ?? '');
  const dueAt = parseChinaTime(v.dueAt ?? '');
  const stoppedAt = parseChinaTime(v.stoppedAt ?? '');
  if (!startedAt) say('开始时间必填', 'started at is required');
  if (!dueAt) say('截止时间必填', 'due at is required');
  if (stoppedAt === undefined) say('停止时间格式错误', 'bad stopped at');
  if (startedAt && dueAt && dueAt < startedAt) say('截止时间早于开始时间', 'due before start');
  if (startedAt && stoppedAt && stoppedAt < startedAt) say('停止时间早于开始时间', 'stopped before start');
  if (reasons.length || !node || !startedAt || !dueAt || stoppedAt === undefined) return { ok: false, reasons };
  return {
    ok: true,
    key: `${number}|${node}|${seq ?? ''}|${startedAt.toISOString()}`,
    value: { number, node, holderCode: v.holderCode || null, workOrderSeq: seq, startedAt, dueAt, stoppedAt },
  };
}

async function applyClockRow(tx: Tx, ctx: RequestContext, row: ClockHistoryRow, deps: Deps) {
  const [ticket] = await new TicketHistoryRepository(tx).byNumbers([row.number]);
  if (!ticket?.orgPath.startsWith(ctx.principal.orgPath))
    throw rowRefused(`工单「${row.number}」不存在`, 'unknown ticket');
  if (!ticket.imported)
    throw rowRefused('只能为导入的历史工单导入时限', 'clocks are imported for history tickets only');
  const holder = row.holderCode
    ? (await deps.directory.with(tx).byCodes([row.holderCode], ctx.principal.orgPath)).get(row.holderCode)
    : null;
  if (row.holderCode && holder?.type !== 'department' && holder?.type !== 'contractor')
    throw rowRefused(`承办部门「${row.holderCode}」不存在`, 'unknown holding department');
  const partId = row.workOrderSeq
    ? await new TicketHistoryRepository(tx).workOrderId(ticket.id, row.workOrderSeq)
    : null;
  if (row.workOrderSeq && !partId) throw rowRefused(`工单没有序号 ${row.workOrderSeq} 的任务`, 'no such work order');
  const limitMinutes = Math.max(1, Math.round((row.dueAt.getTime() - row.startedAt.getTime()) / 60_000));
  await deps.clocks.putImported(tx, {
    subjectType: TICKET_CLOCKS,
    subjectId: ticket.id,
    partId,
    node: row.node,
    mode: 'calendar',
    limitMinutes,
    warnPercent: 80,
    ladder: [],
    startedAt: row.startedAt,
    warnAt: row.dueAt,
    dueAt: row.dueAt,
    stoppedAt: row.stoppedAt,
    outcome: row.stoppedAt ? (row.stoppedAt <= row.dueAt ? 'met' : 'breached') : null,
    breachedAt: row.stoppedAt && row.stoppedAt <= row.dueAt ? null : row.dueAt,
    orgPath: ticket.orgPath,
    holderOrgId: holder?.id ?? null,
  });
  return 'imported' as const;
}

type Deps = { directory: OrgDirectory; clocks: ClockService };

export const CLOCK_HISTORY_COLUMNS = [
  { key: 'number', zh: '工单编号', en: 'Ticket number', required: true, example: 'BX20250312-0007' },
  { key: 'node', zh: '节点', en: 'Node', required: true, example: '处理' },
  { key: 'holderCode', zh: '承办部门编码', en: 'Holding department code', example: 'SH-ENG' },
  { key: 'workOrderSeq', zh: '任务序号', en: 'Work order seq' },
  { key: 'startedAt', zh: '开始时间', en: 'Started at', required: true, example: '2025-03-12 10:00' },
  { key: 'dueAt', zh: '截止时间', en: 'Due at', required: true, example: '2025-03-14 18:00' },
  { key: 'stoppedAt', zh: '停止时间', en: 'Stopped at', example: '2025-03-14 17:00' },
];

/** History clocks (kind `clocks`) of history tickets: who held each node, its deadline and when it stopped. */
export function clockHistoryImporter(deps: Deps): Importer<ClockHistoryRow> {
  return {
    kind: 'history_clocks',
    permission: 'history.import',
    sheetName: '历史时限',
    columns: CLOCK_HISTORY_COLUMNS,
    check: checkClockRow,
    apply: (tx, ctx, row) => applyClockRow(tx, ctx, row, deps),
    lockKeys: (row) => [`ticket-number:${row.number}`],
    // counted in the month it stopped, or in the month its deadline passed while it ran
    months: (row) => [...new Set([chinaMonth(row.dueAt), ...(row.stoppedAt ? [chinaMonth(row.stoppedAt)] : [])])],
  };
}
