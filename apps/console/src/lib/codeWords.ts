import {
  AUDIT_ACTIONS,
  type AuditAction,
  CONSENT_CHANNELS,
  type CodeParams,
  NOTIFICATION_KINDS,
  type NotificationKind,
  OUTBOX_TEMPLATES,
  type OutboxTemplate,
  SLA_NODES,
  TICKET_EVENT_CODES,
  TICKET_EVENT_KINDS,
  TIMELINE_CODES,
  type TicketEventCode,
  type TicketEventKind,
  type TimelineCode,
} from '@anju/contracts';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const isIn =
  <T extends string>(list: readonly T[]) =>
  (v: unknown): v is T =>
    list.includes(v as T);
export const isEventKind = isIn<TicketEventKind>(TICKET_EVENT_KINDS);
const isEventCode = isIn<TicketEventCode>(TICKET_EVENT_CODES);
const isTimelineCode = isIn<TimelineCode>(TIMELINE_CODES);
const isNoticeKind = isIn<NotificationKind>(NOTIFICATION_KINDS);
const isTemplate = isIn<OutboxTemplate>(OUTBOX_TEMPLATES);
const isAuditAction = isIn<AuditAction>(AUDIT_ACTIONS);
const isNode = isIn(SLA_NODES);
const RELATIONS = ['spouse', 'child', 'parent', 'sibling', 'other', 'co_owner', 'owner_of_member'] as const;

/** Parameters that are codes themselves (an SLA node, a consent channel, a relation, an event kind) in words. */
/**
 * Parameters as words of the reader's language: codes become labels, and a pair `<x>Zh` / `<x>En` (names people
 * typed in both languages, e.g. a journey step's) becomes `<x>` in the reader's language.
 */
function paramWords(
  t: TFunction,
  params: CodeParams,
  lang = 'zh-CN',
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = { ...params };
  for (const [k, v] of Object.entries(params)) {
    const base = k.endsWith('Zh') ? k.slice(0, -2) : null;
    if (base && `${base}En` in params) out[base] = lang.startsWith('en') ? (params[`${base}En`] ?? v) : v;
  }
  const { node, channel, relation, event } = params;
  if (isNode(node)) out.node = t(`enums.slaNode.${node}`);
  if (isIn(CONSENT_CHANNELS)(channel)) out.channel = t(`enums.consentChannel.${channel}`);
  if (isIn(RELATIONS)(relation)) out.relation = t(`customers.relations.${relation}`);
  if (isEventKind(event)) out.event = t(`tickets.events.${event}`);
  return out;
}

const paramsOf = (data: unknown): CodeParams => {
  if (!data || typeof data !== 'object') return {};
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)),
  );
};

/**
 * Words for the codes the server writes, in the console's language: what a ticket event, a timeline entry or a
 * notice says, and the names of outbox templates and audit actions. Each falls back to the stored text (rows
 * written before codes) or the code itself.
 */
export function useCodeWords() {
  const { t, i18n } = useTranslation();
  /** The detail line of a ticket event with a code (null without one: its body is shown as it is). */
  const eventDetail = useCallback(
    (data: unknown): string | null => {
      const params = paramsOf(data);
      const code = params.code;
      return isEventCode(code) ? t(`codes.eventText.${code}`, paramWords(t, params)) : null;
    },
    [t],
  );
  const eventKind = useCallback((kind: string) => (isEventKind(kind) ? t(`tickets.events.${kind}`) : kind), [t]);
  /** A customer timeline entry's title, and the detail line of the ticket event it stands for. */
  const timeline = useCallback(
    (e: { code: string | null; params: CodeParams | null; title: string }) => {
      const params = e.params ?? {};
      if (!isTimelineCode(e.code)) return { title: e.title, detail: null };
      const title = t(`codes.timeline.${e.code}`, paramWords(t, params));
      const detail = e.code === 'ticket.event' ? eventDetail({ ...params, code: params.eventCode }) : null;
      return { title, detail };
    },
    [t, eventDetail],
  );
  const notice = useCallback(
    (n: { kind: string; params: CodeParams | null; title: string }) =>
      isNoticeKind(n.kind) && n.params
        ? t(`codes.notification.${n.kind}`, paramWords(t, n.params, i18n.language))
        : n.title,
    [t, i18n.language],
  );
  const template = useCallback((name: string) => (isTemplate(name) ? t(`codes.template.${name}`) : name), [t]);
  const auditAction = useCallback(
    (action: string) => (isAuditAction(action) ? t(`codes.audit.${action}`) : action),
    [t],
  );
  return { eventDetail, eventKind, timeline, notice, template, auditAction };
}
