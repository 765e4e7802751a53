import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Language } from '../../../platform/i18n.js';
import { chinaMonth, monthsFrom, parseChinaTime, parseCode, rowReasons } from '../../../platform/imports/cells.js';
import { type Importer, type RowCheck, rowRefused } from '../../../platform/imports/importer.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import { CallbackHistoryRepository } from './callback-history.repository.js';
import type { TicketHistoryLookup } from './ticket-history-lookup.js';

const KIND_WORDS = {
  repair_callback: ['维修回访', '报修回访'],
  sales_callback: ['销售回访', '签约回访'],
  design_callback: ['设计回访'],
};
const RESULT_WORDS = { answered: ['已回访', '成功', '已接通'], unanswered: ['未接通', '无人接听', '失败'] };
type Kind = keyof typeof KIND_WORDS;

export type CallbackHistoryRow = {
  kind: Kind;
  ticketNumber: string | null;
  projectCode: string | null;
  unitCode: string | null;
  at: Date;
  answered: boolean;
  score: number | null;
  attempts: number;
  comment: string | null;
};

export function checkCallbackRow(v: Record<string, string>, lang: Language): RowCheck<CallbackHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  const kind = parseCode(v.kind ?? '', KIND_WORDS);
  if (!kind) say('回访类型应为 维修回访/销售回访/设计回访', 'kind must be a repair, sales or design callback');
  if (kind === 'repair_callback' && !v.ticketNumber) say('维修回访须填工单编号', 'a repair callback names its ticket');
  if (kind && kind !== 'repair_callback' && (!v.projectCode || !v.unitCode))
    say('销售/设计回访须填项目编码与房号', 'a sales or design callback names its project and unit');
  const at = parseChinaTime(v.at ?? '');
  if (!at) say('回访时间必填，如 2025-07-12 15:00', 'callback time is required, e.g. 2025-07-12 15:00');
  const result = parseCode(v.result ?? '', RESULT_WORDS) ?? (v.score ? 'answered' : undefined);
  if (!result) say('结果应为 已回访 或 未接通', 'result must be answered or unanswered');
  const score = v.score ? Number(v.score) : null;
  if (result === 'answered' && !(score !== null && Number.isInteger(score) && score >= 1 && score <= 5))
    say('已回访须有 1–5 分的评分', 'an answered callback has a score of 1–5');
  if (result === 'unanswered' && score !== null) say('未接通的回访没有评分', 'an unanswered callback has no score');
  const attempts = v.attempts ? Number(v.attempts) : 1;
  if (!(Number.isInteger(attempts) && attempts >= 1 && attempts <= 20)) say('尝试次数应为 1–20', 'attempts: 1–20');
  if (reasons.length || !kind || !at || !result) return { ok: false, reasons };
  return {
    ok: true,
    key: `${kind}|${v.ticketNumber || `${v.projectCode}/${v.unitCode}`}|${at.toISOString()}`,
    value: {
      kind,
      ticketNumber: v.ticketNumber || null,
      projectCode: v.projectCode || null,
      unitCode: v.unitCode || null,
      at,
      answered: result === 'answered',
      score: result === 'answered' ? score : null,
      attempts,
      comment: (v.comment || '').slice(0, 2000) || null,
    },
  };
}

async function applyCallbackRow(tx: Tx, ctx: RequestContext, row: CallbackHistoryRow, deps: Deps) {
  const repo = new CallbackHistoryRepository(tx);
  const survey = await repo.survey(row.kind);
  if (!survey) throw rowRefused('内置回访问卷缺失', 'the built-in callback survey is missing');
  let subject: {
    id: string;
    projectId: string | null;
    unitId: string | null;
    orgPath: string;
    customerId: string | null;
  };
  if (row.kind === 'repair_callback') {
    const ticket = await deps.tickets.byNumber(tx, row.ticketNumber as string);
    if (!ticket?.orgPath.startsWith(ctx.principal.orgPath))
      throw rowRefused(`工单「${row.ticketNumber}」不存在`, 'unknown ticket');
    subject = ticket;
  } else {
    const unit = await new UnitLookup(tx).byProjectCodeInScope(
      row.projectCode as string,
      row.unitCode as string,
      ctx.principal.orgPath,
    );
    if (!unit) throw rowRefused(`房号「${row.unitCode}」不在项目「${row.projectCode}」`, 'unknown unit');
    subject = { id: unit.id, projectId: unit.projectId, unitId: unit.id, orgPath: unit.projectPath, customerId: null };
  }
  const company = await deps.directory.with(tx).companyOf({ id: subject.projectId ?? '', path: subject.orgPath });
  if (!company) throw rowRefused('项目不属于任何城市公司', 'the project belongs to no city company');
  return repo.put({
    surveyId: survey.id,
    surveyVersion: survey.version,
    kind: row.kind,
    subjectType: row.kind === 'repair_callback' ? 'ticket' : 'unit',
    subjectId: subject.id,
    customerId: subject.customerId,
    unitId: subject.unitId,
    projectId: subject.projectId,
    companyId: company.id,
    orgPath: subject.orgPath,
    channel: 'phone',
    status: row.answered ? 'answered' : 'unanswered',
    method: 'phone',
    attempts: row.attempts,
    score: row.score,
    comment: row.comment,
    recordedBy: ctx.principal.userId,
    recordedAt: row.at,
    imported: true,
    createdAt: row.at,
  });
}

type Deps = { directory: OrgDirectory; tickets: TicketHistoryLookup };

export const CALLBACK_HISTORY_COLUMNS = [
  { key: 'kind', zh: '回访类型', en: 'Kind', required: true, example: '维修回访' },
  { key: 'ticketNumber', zh: '工单编号', en: 'Ticket number', example: 'BX20250312-0007' },
  { key: 'projectCode', zh: '项目编码', en: 'Project code', example: 'SH-YT' },
  { key: 'unitCode', zh: '房号', en: 'Unit', example: '3-2-1502' },
  { key: 'at', zh: '回访时间', en: 'Called at', required: true, example: '2025-03-16 15:00' },
  { key: 'result', zh: '结果', en: 'Result', example: '已回访' },
  { key: 'score', zh: '评分', en: 'Score', example: '5' },
  { key: 'attempts', zh: '尝试次数', en: 'Attempts', example: '1' },
  { key: 'comment', zh: '客户意见', en: 'Comment' },
];

/** History callbacks (kind `callbacks`): repair, sales and design callbacks with scores and unanswered attempts. */
export function callbackHistoryImporter(deps: Deps): Importer<CallbackHistoryRow> {
  return {
    kind: 'history_callbacks',
    permission: 'history.import',
    sheetName: '历史回访',
    columns: CALLBACK_HISTORY_COLUMNS,
    check: checkCallbackRow,
    apply: (tx, ctx, row) => applyCallbackRow(tx, ctx, row, deps),
    // a design callback counts for its batch's product-type coverage up to half a year after delivery
    months: (row) => (row.kind === 'design_callback' ? monthsFrom(chinaMonth(row.at), 7) : [chinaMonth(row.at)]),
  };
}
