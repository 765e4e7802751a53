import { CLUB_EVENT_KINDS, type ClubEventKind } from '@anju/contracts/club-events';
import type { RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Language } from '../../../platform/i18n.js';
import { parseChinaTime, parseCode, parseDay, rowReasons } from '../../../platform/imports/cells.js';
import { type Importer, type RowCheck, rowRefused } from '../../../platform/imports/importer.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { ClubEventRepository } from './club-event.repository.js';

const KIND_WORDS: Record<ClubEventKind, string[]> = {
  lecture: ['讲座'],
  programme: ['年龄段活动'],
  brand: ['品牌活动'],
  open_day: ['开放日'],
  interaction: ['互动活动', '物业互动活动', '真诚互动活动'],
};
const STATUS_WORDS = { held: ['已举办', '举办'], cancelled: ['已取消', '取消'] };

export type EventHistoryRow = {
  placeCode: string;
  kind: ClubEventKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  capacity: number;
  cancelled: boolean;
};

export function checkEventRow(v: Record<string, string>, lang: Language): RowCheck<EventHistoryRow> {
  const { reasons, say } = rowReasons(lang);
  if (!v.placeCode) say('项目或城市公司编码必填', 'project or city company code is required');
  const kind = v.kind ? parseCode(v.kind, KIND_WORDS) : 'interaction';
  if (!kind) say(`类型应为 ${CLUB_EVENT_KINDS.map((k) => KIND_WORDS[k][0]).join('、')}`, 'unknown kind');
  if (kind === 'programme') say('年龄段活动不能导入', 'programmes are not imported');
  const title = (v.title ?? '').trim();
  if (!title || title.length > 80) say('活动名称必填（80 字以内）', 'title is required (≤ 80)');
  const day = parseDay(v.heldOn ?? '');
  if (!day) say('活动日期必填，如 2025-05-18', 'date is required, e.g. 2025-05-18');
  const startsAt = day ? parseChinaTime(`${day} ${v.startTime || '14:00'}`) : null;
  const endsAt = day ? parseChinaTime(`${day} ${v.endTime || '16:00'}`) : null;
  if (day && (!startsAt || !endsAt)) say('时间格式应为 14:00', 'times like 14:00');
  else if (startsAt && endsAt && endsAt <= startsAt) say('结束时间早于开始时间', 'ends before it starts');
  const capacity = v.capacity ? Number(v.capacity) : 50;
  if (!Number.isInteger(capacity) || capacity < 1) say('名额应为正整数', 'capacity must be a whole number ≥ 1');
  const status = v.status ? parseCode(v.status, STATUS_WORDS) : 'held';
  if (!status) say('状态应为 已举办 或 已取消', 'status must be held or cancelled');
  if (reasons.length || !kind || !startsAt || !endsAt || !status) return { ok: false, reasons };
  return {
    ok: true,
    key: `${v.placeCode}/${startsAt.toISOString()}/${title}`,
    value: {
      placeCode: v.placeCode ?? '',
      kind,
      title,
      startsAt,
      endsAt,
      venue: (v.venue ?? '').trim().slice(0, 120),
      capacity,
      cancelled: status === 'cancelled',
    },
  };
}

type Deps = { directory: OrgDirectory; clock: Clock };

/** Writes the event, or updates the one of the same place, start and title (an import run again adds nothing). */
async function applyEventRow(tx: Tx, ctx: RequestContext, row: EventHistoryRow, deps: Deps) {
  const place = (await deps.directory.with(tx).byCodes([row.placeCode], ctx.principal.orgPath)).get(row.placeCode);
  if (place?.type !== 'project' && place?.type !== 'city_company') {
    throw rowRefused(`项目或城市公司「${row.placeCode}」不存在或不在范围内`, 'unknown project or city company');
  }
  const repo = new ClubEventRepository(tx);
  const now = deps.clock.now();
  const values = {
    kind: row.kind,
    title: row.title,
    venue: row.venue,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    capacity: row.capacity,
    status: row.cancelled ? 'cancelled' : 'scheduled',
    updatedAt: now,
  };
  const same = await repo.samePlaceAndStart(place.id, row.startsAt, row.title);
  if (same) {
    await repo.update(same.id, same.version, values);
    return 'updated' as const;
  }
  await repo.insert({
    ...values,
    orgUnitId: place.id,
    orgPath: place.path,
    projectId: place.type === 'project' ? place.id : null,
    createdBy: ctx.principal.userId,
    createdAt: now,
  });
  return 'imported' as const;
}

export const EVENT_HISTORY_COLUMNS = [
  { key: 'placeCode', zh: '项目或城市公司编码', en: 'Project or company code', required: true, example: 'SH-YT' },
  { key: 'kind', zh: '活动类型', en: 'Kind', example: '互动活动' },
  { key: 'title', zh: '活动名称', en: 'Title', required: true, example: '邻里茶话会' },
  { key: 'heldOn', zh: '活动日期', en: 'Date', required: true, example: '2025-05-18' },
  { key: 'startTime', zh: '开始时间', en: 'Start', example: '14:00' },
  { key: 'endTime', zh: '结束时间', en: 'End', example: '16:00' },
  { key: 'venue', zh: '地点', en: 'Venue', example: '物业服务中心' },
  { key: 'capacity', zh: '名额', en: 'Places', example: '40' },
  { key: 'status', zh: '状态', en: 'Status', example: '已举办' },
];

/** History club events (kind `events`, K18): one past event per row, interaction events unless a kind is given. */
export function eventHistoryImporter(deps: Deps): Importer<EventHistoryRow> {
  return {
    kind: 'history_events',
    permission: 'history.import',
    sheetName: '历史会员活动',
    columns: EVENT_HISTORY_COLUMNS,
    check: checkEventRow,
    apply: (tx, ctx, row) => applyEventRow(tx, ctx, row, deps),
    lockKeys: (row) => [`club-event:${row.placeCode}`],
    months: (row) => [chinaDate(row.startsAt).slice(0, 7)],
  };
}
