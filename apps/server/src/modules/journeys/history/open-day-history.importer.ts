import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Language } from '../../../platform/i18n.js';
import { parseChinaTime, parseCode, parseDay, rowReasons } from '../../../platform/imports/cells.js';
import { type Importer, type RowCheck, rowRefused } from '../../../platform/imports/importer.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import { JourneyHistoryRepository } from './journey-history.repository.js';

const KIND_WORDS = { suggestion: ['建议', '业主建议'], issue: ['工程问题', '问题', '质量问题'] };

export type OpenDayHistoryRow = {
  projectCode: string;
  heldOn: string;
  batchName: string | null;
  kind: 'suggestion' | 'issue';
  content: string;
  category: string;
  answer: string | null;
  answeredAt: Date | null;
  rectifiedAt: Date | null;
  verifiedAt: Date | null;
};

export function checkOpenDayRow(v: Record<string, string>, lang: Language): RowCheck<OpenDayHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  if (!v.projectCode) say('项目编码必填', 'project code is required');
  const heldOn = parseDay(v.heldOn ?? '');
  if (!heldOn) say('开放日日期必填，如 2025-05-18', 'open day date is required, e.g. 2025-05-18');
  const kind = parseCode(v.kind ?? '', KIND_WORDS);
  if (!kind) say('类型应为 建议 或 工程问题', 'kind must be suggestion or issue');
  const content = (v.content ?? '').trim();
  if (!content || content.length > 1000) say('内容必填（1000 字以内）', 'content is required (≤ 1000)');
  const answeredAt = parseChinaTime(v.answeredAt ?? '');
  const rectifiedAt = parseChinaTime(v.rectifiedAt ?? '');
  const verifiedAt = parseChinaTime(v.verifiedAt ?? '');
  if (answeredAt === undefined || rectifiedAt === undefined || verifiedAt === undefined)
    say('时间格式错误', 'bad time');
  if (kind === 'suggestion' && (rectifiedAt || verifiedAt))
    say('建议只有答复时间', 'a suggestion is answered, not rectified');
  if (kind === 'issue' && answeredAt)
    say('工程问题填整改与验证时间', 'an issue is rectified and verified, not answered');
  if (verifiedAt && !rectifiedAt) say('验证前须先整改', 'an issue is rectified before it is verified');
  if (rectifiedAt && verifiedAt && verifiedAt < rectifiedAt) say('验证时间早于整改时间', 'verified before rectified');
  if (
    reasons.length ||
    !heldOn ||
    !kind ||
    answeredAt === undefined ||
    rectifiedAt === undefined ||
    verifiedAt === undefined
  )
    return { ok: false, reasons };
  return {
    ok: true,
    key: `${v.projectCode}/${heldOn}/${kind}/${content}`,
    value: {
      projectCode: v.projectCode ?? '',
      heldOn,
      batchName: v.batchName || null,
      kind,
      content,
      category: (v.category || 'other').slice(0, 40),
      answer: v.answer || null,
      answeredAt,
      rectifiedAt,
      verifiedAt,
    },
  };
}

async function applyOpenDayRow(tx: Tx, ctx: RequestContext, row: OpenDayHistoryRow, deps: Deps) {
  const project = (await deps.directory.with(tx).byCodes([row.projectCode], ctx.principal.orgPath)).get(
    row.projectCode,
  );
  if (project?.type !== 'project') throw rowRefused(`项目「${row.projectCode}」不存在或不在范围内`, 'unknown project');
  const batch = row.batchName
    ? await new UnitLookup(tx).batchByName(row.projectCode, row.batchName, ctx.principal.orgPath)
    : null;
  if (row.batchName && !batch) throw rowRefused(`批次「${row.batchName}」不存在`, 'unknown batch');
  const repo = new JourneyHistoryRepository(tx);
  const now = deps.clock.now();
  const openDayId = await repo.openDay(project, row.heldOn, batch?.id ?? null, now);
  const status =
    row.kind === 'suggestion'
      ? row.answeredAt
        ? 'answered'
        : 'open'
      : row.verifiedAt
        ? 'verified'
        : row.rectifiedAt
          ? 'rectified'
          : 'open';
  return repo.putItem({
    openDayId,
    projectId: project.id,
    orgPath: project.path,
    kind: row.kind,
    categoryCode: row.category,
    content: row.content,
    status,
    answer: row.answer,
    answeredAt: row.answeredAt,
    rectifiedAt: row.rectifiedAt,
    verifiedAt: row.verifiedAt,
    createdBy: ctx.principal.userId,
    createdAt: new Date(`${row.heldOn}T12:00:00+08:00`),
    updatedAt: now,
  });
}

type Deps = { directory: OrgDirectory; clock: Clock };

export const OPEN_DAY_HISTORY_COLUMNS = [
  { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
  { key: 'heldOn', zh: '开放日日期', en: 'Open day', required: true, example: '2025-05-18' },
  { key: 'batchName', zh: '批次名称', en: 'Batch' },
  { key: 'kind', zh: '类型', en: 'Kind', required: true, example: '建议' },
  { key: 'content', zh: '内容', en: 'Content', required: true, example: '希望增加儿童游乐设施' },
  { key: 'category', zh: '类别', en: 'Category', example: 'amenities' },
  { key: 'answer', zh: '答复内容', en: 'Answer' },
  { key: 'answeredAt', zh: '答复时间', en: 'Answered at', example: '2025-05-25 10:00' },
  { key: 'rectifiedAt', zh: '整改时间', en: 'Rectified at' },
  { key: 'verifiedAt', zh: '验证时间', en: 'Verified at' },
];

/** History open days (kind `openDays`, K5 and K6): one row per suggestion or engineering issue collected. */
export function openDayHistoryImporter(deps: Deps): Importer<OpenDayHistoryRow> {
  return {
    kind: 'history_openDays',
    permission: 'history.import',
    sheetName: '历史开放日',
    columns: OPEN_DAY_HISTORY_COLUMNS,
    check: checkOpenDayRow,
    apply: (tx, ctx, row) => applyOpenDayRow(tx, ctx, row, deps),
    lockKeys: (row) => [`open-day:${row.projectCode}/${row.heldOn}`],
    months: (row) => [row.heldOn.slice(0, 7)],
  };
}
