import type { MyRequest, MyRequestSummary, RequestStage, TitleParts } from '@anju/contracts';
import { presentFile } from '../../platform/files/files.presenter.js';
import type { FileRow } from '../../platform/files/files.service.js';
import type { CallbackRow, TicketRow } from '../tickets/ticket.tables.js';

const STAGE: Record<string, RequestStage> = {
  inspection: 'inspecting',
  dispatch: 'received',
  dispatched: 'assigning',
  processing: 'in_progress',
  on_hold: 'on_hold',
  closed: 'awaiting_confirmation',
  completed: 'completed',
  cancelled: 'cancelled',
};

const NEXT: Partial<Record<RequestStage, RequestStage>> = {
  received: 'assigning',
  inspecting: 'assigning',
  assigning: 'in_progress',
  in_progress: 'awaiting_confirmation',
  awaiting_confirmation: 'completed',
};

/** The owner's words for where a ticket stands. */
const stageOf = (t: TicketRow): RequestStage => STAGE[t.status] ?? 'received';

/** Ticket event kinds in the owner's vocabulary; other events (photos, SLA warnings, merges) are not shown. */
const OWNER_KIND: Record<string, MyRequest['events'][number]['kind']> = {
  created: 'created',
  inspect: 'inspected',
  dispatch: 'dispatched',
  startProcessing: 'processing',
  hold: 'held',
  resume: 'resumed',
  close: 'closed',
  reopen: 'reopened',
  cancel: 'cancelled',
  note: 'reply',
  callback: 'rated',
  confirmed: 'confirmed',
};
/**
 * Events whose text the owner may read: our replies, hold/close reasons and their own words. Events written with
 * a code keep only such words in their body (the portal words the rest); older ones show their body as it is.
 */
const TEXT_KINDS = new Set(['note', 'hold', 'close', 'cancel', 'confirmed', 'callback', 'reopen']);

/** The owner's rating an event carries: a callback answered, or the low score that reopened the request. */
function scoreOf(data: unknown): number | null {
  const d = (data ?? {}) as { code?: unknown; score?: unknown };
  if (d.code !== 'callback.answered' && d.code !== 'reopen.low_score') return null;
  return typeof d.score === 'number' ? d.score : null;
}

export const presentMyRequestSummary = (
  t: TicketRow,
  extra: { unread: boolean; projectName: string | null },
): MyRequestSummary => ({
  id: t.id,
  number: t.number,
  type: t.type as MyRequestSummary['type'],
  title: t.title,
  titleParts: (t.titleParts as TitleParts | null) ?? null,
  stage: stageOf(t),
  unitCode: t.unitCode,
  projectName: extra.projectName,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
  unread: extra.unread,
});

export function presentMyRequest(d: {
  ticket: TicketRow;
  events: { at: Date; kind: string; body: string | null; visibility: string; data: unknown }[];
  photos: FileRow[];
  callback: CallbackRow | null;
  holder: string | null;
  projectName: string | null;
}): MyRequest {
  const t = d.ticket;
  const stage = stageOf(t);
  const heldStage = t.heldFrom ? (STAGE[t.heldFrom] ?? null) : null;
  const rated = d.callback?.status === 'answered' && d.callback.score !== null ? d.callback : null;
  return {
    ...presentMyRequestSummary(t, { unread: false, projectName: d.projectName }),
    description: t.description,
    room: t.room as MyRequest['room'],
    location: t.location,
    categoryCode: t.categoryCode,
    warrantyStatus: t.warrantyStatus as MyRequest['warrantyStatus'],
    warrantyUntil: t.warrantyUntil,
    holder: ['completed', 'cancelled'].includes(t.status) ? null : d.holder,
    nextStage: stage === 'on_hold' ? heldStage : (NEXT[stage] ?? null),
    dueBy: ['closed', 'completed', 'cancelled', 'on_hold'].includes(t.status)
      ? null
      : (t.nextDueAt?.toISOString() ?? null),
    holdReason: t.holdReason,
    resumeOn: t.resumeOn,
    resolution: t.resolution,
    photos: d.photos.map(portalFile),
    events: d.events.flatMap((e) => {
      const kind = OWNER_KIND[e.kind];
      if (!kind || (e.kind === 'note' && e.visibility !== 'customer')) return [];
      return [{ at: e.at.toISOString(), kind, text: TEXT_KINDS.has(e.kind) ? e.body : null, score: scoreOf(e.data) }];
    }),
    rating: rated
      ? { score: rated.score as number, comment: rated.comment, at: (rated.recordedAt ?? t.updatedAt).toISOString() }
      : null,
    canRate: t.status === 'closed' && d.callback?.status === 'pending',
    confirmedFixed:
      t.status === 'closed' &&
      d.events.filter((e) => ['close', 'reopen', 'confirmed'].includes(e.kind)).at(-1)?.kind === 'confirmed',
  };
}

/** A file as the portal serves it: its bytes behind the portal's own (owner-checked) URLs. */
export function portalFile(f: FileRow) {
  const shown = presentFile(f);
  return {
    ...shown,
    url: `/api/portal/files/${f.id}`,
    thumbnailUrl: f.thumbnailKey ? `/api/portal/files/${f.id}/thumbnail` : null,
  };
}
