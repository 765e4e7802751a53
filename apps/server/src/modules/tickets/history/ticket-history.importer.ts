import { randomUUID } from 'node:crypto';
import type { COMPLAINT_CAUSES, ROOT_CAUSES, TICKET_CHANNELS, TICKET_TYPES } from '@anju/contracts';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Language } from '../../../platform/i18n.js';
import {
  chinaMonth,
  monthsFrom,
  parseChinaTime,
  parseCode,
  parseYesNo,
  rowReasons,
} from '../../../platform/imports/cells.js';
import { type Importer, type RowCheck, rowRefused } from '../../../platform/imports/importer.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import { TicketHistoryRepository } from './ticket-history.repository.js';

type Code<T extends readonly string[]> = T[number];

const TYPE_WORDS: Record<Code<typeof TICKET_TYPES>, string[]> = {
  complaint: ['投诉'],
  repair: ['报修', '维修'],
  consultation: ['咨询'],
  suggestion: ['建议'],
  praise: ['表扬'],
};
const CHANNEL_WORDS: Record<Code<typeof TICKET_CHANNELS>, string[]> = {
  hotline: ['热线', '电话'],
  walk_in: ['来访', '上门'],
  portal: ['业主端', '网上'],
  handover: ['交房'],
  open_day: ['开放日'],
  inspection: ['巡检'],
  online_forum: ['论坛', '网络'],
  other: ['其他'],
};
const CAUSE_WORDS: Record<Code<typeof COMPLAINT_CAUSES>, string[]> = {
  sales_promise: ['销售承诺'],
  delivery_delay: ['延期交付', '交付延期'],
  agency_promise: ['代理承诺', '中介承诺'],
  property_management: ['物业管理'],
  amenities: ['配套设施', '配套'],
  quality: ['质量', '工程质量'],
  other: ['其他'],
};
const ROOT_WORDS: Record<Code<typeof ROOT_CAUSES>, string[]> = {
  design: ['设计'],
  material: ['材料'],
  workmanship: ['工艺安装', '工艺', '安装'],
  owner_misuse: ['业主使用不当', '使用不当'],
  other: ['其他'],
};

/** The node times of a ticket in the order it passes them; each sets the status named. */
const NODES = [
  ['dispatchedAt', 'dispatched'],
  ['processingAt', 'processing'],
  ['closedAt', 'closed'],
  ['reopenedAt', 'processing'],
  ['reclosedAt', 'closed'],
  ['completedAt', 'completed'],
] as const;

export type TicketHistoryRow = {
  number: string;
  type: Code<typeof TICKET_TYPES>;
  channel: Code<typeof TICKET_CHANNELS>;
  projectCode: string;
  unitCode: string | null;
  title: string;
  description: string;
  category: string | null;
  complaintCause: Code<typeof COMPLAINT_CAUSES> | null;
  leak: boolean;
  drawingMismatch: boolean;
  rootCause: Code<typeof ROOT_CAUSES> | null;
  responsibleCode: string | null;
  departmentCode: string | null;
  reportedAt: Date;
  nodes: { at: Date; status: string }[];
  cancelledAt: Date | null;
};

export function checkTicketHistoryRow(v: Record<string, string>, lang: Language): RowCheck<TicketHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  const number = (v.number ?? '').trim();
  if (!/^[A-Za-z0-9-]{3,40}$/.test(number)) say('工单编号必填（字母、数字、连字符）', 'ticket number is required');
  const type = parseCode(v.type ?? '', TYPE_WORDS);
  if (!type) say('类型应为 投诉/报修/咨询/建议/表扬', 'type must be complaint/repair/consultation/suggestion/praise');
  const channel = parseCode(v.channel ?? '', CHANNEL_WORDS);
  if (channel === undefined) say('渠道无法识别', 'unknown channel');
  const complaintCause = parseCode(v.complaintCause ?? '', CAUSE_WORDS);
  if (complaintCause === undefined) say('投诉原因无法识别', 'unknown complaint cause');
  if (complaintCause && type && type !== 'complaint') say('只有投诉有投诉原因', 'only complaints have a cause');
  const rootCause = parseCode(v.rootCause ?? '', ROOT_WORDS);
  if (rootCause === undefined) say('根本原因应为 设计/材料/工艺安装/业主使用不当/其他', 'unknown root cause');
  const leak = parseYesNo(v.leak ?? '');
  const drawingMismatch = parseYesNo(v.drawingMismatch ?? '');
  if (leak === undefined || drawingMismatch === undefined)
    say('渗漏、图纸不符填 是 或 否', 'leak and mismatch: yes or no');
  if (!v.projectCode) say('项目编码必填', 'project code is required');
  const reportedAt = parseChinaTime(v.reportedAt ?? '');
  if (!reportedAt) say('受理时间必填，格式 2026-10-05 09:30', 'reported at is required, e.g. 2026-10-05 09:30');
  const nodes: { at: Date; status: string }[] = [];
  let last = reportedAt ?? null;
  for (const [key, status] of NODES) {
    const at = parseChinaTime(v[key] ?? '');
    if (at === undefined) say(`时间格式错误：${key}`, `bad time: ${key}`);
    if (!at) continue;
    if (last && at < last) say('节点时间应依次不早于前一节点', 'node times must not go back in time');
    nodes.push({ at, status });
    last = at;
  }
  const cancelledAt = parseChinaTime(v.cancelledAt ?? '');
  if (cancelledAt === undefined) say('取消时间格式错误', 'bad cancelled at');
  if (cancelledAt && reportedAt && cancelledAt < reportedAt) say('取消时间早于受理时间', 'cancelled before reported');
  if (reasons.length || !type || !reportedAt || cancelledAt === undefined) return { ok: false, reasons };
  return {
    ok: true,
    key: number,
    value: {
      number,
      type,
      channel: channel ?? 'other',
      projectCode: v.projectCode ?? '',
      unitCode: v.unitCode || null,
      title: (v.title || v.category || number).slice(0, 200),
      description: (v.description ?? '').slice(0, 4000),
      category: v.category || null,
      complaintCause: complaintCause ?? null,
      leak: !!leak,
      drawingMismatch: !!drawingMismatch,
      rootCause: rootCause ?? null,
      responsibleCode: v.responsibleCode || null,
      departmentCode: v.departmentCode || null,
      reportedAt,
      nodes,
      cancelledAt,
    },
  };
}

/** Writes one history ticket where its project (and unit) are in the importer's scope. */
async function applyTicketRow(tx: Tx, ctx: RequestContext, row: TicketHistoryRow, directory: OrgDirectory) {
  const dir = directory.with(tx);
  const codes = [row.projectCode, row.responsibleCode, row.departmentCode].filter((c): c is string => !!c);
  const nodes = await dir.byCodes(codes, ctx.principal.orgPath);
  const project = nodes.get(row.projectCode);
  if (project?.type !== 'project') throw rowRefused(`项目「${row.projectCode}」不存在或不在范围内`, 'unknown project');
  const unit = row.unitCode
    ? await new UnitLookup(tx).byProjectCodeInScope(row.projectCode, row.unitCode, ctx.principal.orgPath)
    : null;
  if (row.unitCode && !unit) throw rowRefused(`房号「${row.unitCode}」不在该项目`, 'unknown unit');
  const responsible = row.responsibleCode ? nodes.get(row.responsibleCode) : null;
  if (row.responsibleCode && responsible?.type !== 'contractor')
    throw rowRefused(`责任单位「${row.responsibleCode}」不是承包商`, 'responsible party is not a contractor');
  const department = row.departmentCode ? nodes.get(row.departmentCode) : null;
  if (row.departmentCode && department?.type !== 'department' && department?.type !== 'contractor')
    throw rowRefused(`处理部门「${row.departmentCode}」不存在`, 'unknown department');
  const company = await dir.companyOf(project);
  if (!company) throw rowRefused('项目不属于任何城市公司', 'the project belongs to no city company');
  const repo = new TicketHistoryRepository(tx);
  const [existing] = await repo.byNumbers([row.number]);
  if (existing && !existing.imported) throw rowRefused(`编号「${row.number}」已被系统内工单使用`, 'number taken');
  const id = existing?.id ?? randomUUID();
  const lastNode = row.nodes.at(-1);
  const status = row.cancelledAt ? 'cancelled' : (lastNode?.status ?? 'dispatch');
  const closing = [...row.nodes].reverse().find((n) => n.status === 'closed');
  const events = [
    { ticketId: id, at: row.reportedAt, kind: 'created', toStatus: 'dispatch', data: { code: 'history.imported' } },
    ...row.nodes.map((n, i) => ({
      ticketId: id,
      at: n.at,
      kind: 'transition',
      fromStatus: row.nodes[i - 1]?.status ?? 'dispatch',
      toStatus: n.status,
    })),
    ...(row.cancelledAt
      ? [
          {
            ticketId: id,
            at: row.cancelledAt,
            kind: 'transition',
            fromStatus: lastNode?.status ?? 'dispatch',
            toStatus: 'cancelled',
          },
        ]
      : []),
  ];
  await repo.put(
    {
      id,
      number: row.number,
      type: row.type,
      channel: row.channel,
      status,
      title: row.title,
      description: row.description,
      unitId: unit?.id ?? null,
      unitCode: unit?.code ?? null,
      projectId: project.id,
      companyId: company.id,
      orgPath: project.path,
      categoryCode: row.category,
      complaintCause: row.complaintCause,
      leak: row.leak,
      drawingMismatch: row.drawingMismatch,
      rootCause: row.rootCause,
      responsibleOrgId: responsible?.id ?? null,
      assigneeOrgId: department?.id ?? null,
      inspectionRequired: false,
      reportedAt: row.reportedAt,
      firstResponseAt: row.nodes[0]?.at ?? null,
      closedAt: status === 'closed' || status === 'completed' ? (closing?.at ?? null) : null,
      completedAt: status === 'completed' ? (lastNode?.at ?? null) : null,
      reopenCount: row.nodes.filter(
        (n, i) => i > 0 && n.status === 'processing' && row.nodes[i - 1]?.status === 'closed',
      ).length,
      imported: true,
      createdBy: ctx.principal.userId,
      createdAt: row.reportedAt,
      updatedAt: lastNode?.at ?? row.reportedAt,
    },
    events,
    !!existing,
  );
  return existing ? 'updated' : 'imported';
}

export const TICKET_HISTORY_COLUMNS = [
  { key: 'number', zh: '工单编号', en: 'Ticket number', required: true, example: 'BX20250312-0007' },
  { key: 'type', zh: '类型', en: 'Type', required: true, example: '报修' },
  { key: 'channel', zh: '渠道', en: 'Channel', example: '热线' },
  { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
  { key: 'unitCode', zh: '房号', en: 'Unit', example: '3-2-1502' },
  { key: 'title', zh: '标题', en: 'Title', example: '主卧窗台渗水' },
  { key: 'description', zh: '描述', en: 'Description' },
  { key: 'category', zh: '缺陷类别', en: 'Category', example: 'leak' },
  { key: 'complaintCause', zh: '投诉原因', en: 'Complaint cause', example: '延期交付' },
  { key: 'leak', zh: '渗漏', en: 'Leak', example: '是' },
  { key: 'drawingMismatch', zh: '图纸不符', en: 'Drawing mismatch', example: '否' },
  { key: 'rootCause', zh: '根本原因', en: 'Root cause', example: '工艺安装' },
  { key: 'responsibleCode', zh: '责任单位编码', en: 'Responsible contractor code' },
  { key: 'departmentCode', zh: '处理部门编码', en: 'Handling department code' },
  { key: 'reportedAt', zh: '受理时间', en: 'Reported at', required: true, example: '2025-03-12 09:30' },
  { key: 'dispatchedAt', zh: '派单时间', en: 'Dispatched at', example: '2025-03-12 10:00' },
  { key: 'processingAt', zh: '开始处理时间', en: 'Processing at' },
  { key: 'closedAt', zh: '关闭时间', en: 'Closed at', example: '2025-03-14 17:00' },
  { key: 'reopenedAt', zh: '重开时间', en: 'Reopened at' },
  { key: 'reclosedAt', zh: '再次关闭时间', en: 'Closed again at' },
  { key: 'completedAt', zh: '回访完成时间', en: 'Completed at' },
  { key: 'cancelledAt', zh: '取消时间', en: 'Cancelled at' },
];

/** History tickets (kind `tickets`): written as they ended, marked imported — no SMS, clock, journey or escalation. */
export function ticketHistoryImporter(directory: OrgDirectory): Importer<TicketHistoryRow> {
  return {
    kind: 'history_tickets',
    permission: 'history.import',
    sheetName: '历史工单',
    columns: TICKET_HISTORY_COLUMNS,
    check: checkTicketHistoryRow,
    apply: (tx, ctx, row) => applyTicketRow(tx, ctx, row, directory),
    lockKeys: (row) => [`ticket-number:${row.number}`],
    // the month it was reported and the months whose batch windows (D+30 … D+182) may count it
    months: (row) => monthsFrom(chinaMonth(row.reportedAt), 7),
  };
}
