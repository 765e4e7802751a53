import type { CodeParams, NotificationKind } from '@anju/contracts';
import type { Executor } from '../../platform/db/database.js';
import type { MessagingService, StaffNotice } from '../../platform/messaging/messaging.service.js';
import { NODE_ZH } from './ticket.labels.js';
import type { TicketRow } from './ticket.tables.js';
import { WorkOrderRepository } from './work-order.repository.js';

const p = (params: CodeParams, key: string) => String(params[key] ?? '');
const node = (params: CodeParams) => NODE_ZH[p(params, 'node') as keyof typeof NODE_ZH] ?? p(params, 'node');

/** The Chinese copy of each notice's title, stored beside its kind and parameters (the console renders those). */
/** The kinds of notice the tickets module sends (journey tasks, acceptance findings, service requests word their own). */
export type TicketNoticeKind = Exclude<
  NotificationKind,
  | `journey_task.${string}`
  | `acceptance_finding.${string}`
  | `service_request.${string}`
  | `quality${string}`
  | `group_case_task.${string}`
>;

const TITLE_ZH: Record<TicketNoticeKind, (params: CodeParams) => string> = {
  'work_order.assigned': (v) => `新派工单 ${p(v, 'number')}-${p(v, 'seq')}`,
  'ticket.assigned': (v) => `工单 ${p(v, 'number')} 已派给您`,
  'sla.warn': (v) => `工单 ${p(v, 'number')}「${node(v)}」即将超时`,
  'sla.breach': (v) => `工单 ${p(v, 'number')}「${node(v)}」已超时`,
  'sla.escalate': (v) => `工单 ${p(v, 'number')}「${node(v)}」超时升级至第 ${p(v, 'level')} 级`,
  'work_order.done': (v) => `派工单 ${p(v, 'number')}-${p(v, 'seq')} 已完工，待确认`,
  'ticket.reopened': (v) => `工单 ${p(v, 'number')} 已重新打开`,
  'ticket.rated': (v) => `工单 ${p(v, 'number')} 业主评价 ${p(v, 'score')} 分`,
};

/** The Chinese copy of a notice's title. */
export const noticeTitleZh = (kind: TicketNoticeKind, params: CodeParams) => TITLE_ZH[kind](params);

/** A notice of `kind` with its parameters; the title column keeps the Chinese copy. */
export function staffNotice(
  n: { kind: TicketNoticeKind; params: CodeParams; key: string; body?: string | null; link?: string | null },
  userIds: string[],
): StaffNotice {
  return {
    userIds,
    kind: n.kind,
    params: n.params,
    title: TITLE_ZH[n.kind](n.params),
    body: n.body ?? null,
    link: n.link ?? null,
    idempotencyKey: n.key,
  };
}

/**
 * Tells the people handling a ticket — whoever took it in, its named assignee, whoever gave out its work orders —
 * about a change they must act on (a work order done, a reopen, an owner's rating); not the person who made it,
 * and only those who may open the ticket.
 */
export async function noticeToHandlers(
  tx: Executor,
  messaging: MessagingService,
  ticket: TicketRow,
  actorId: string | null,
  n: { kind: TicketNoticeKind; params: CodeParams; key: string },
) {
  const people = await new WorkOrderRepository(tx).handlers(ticket.id);
  const to = people.filter(
    (person) =>
      person.id !== actorId && person.permissions.includes('tickets.read') && ticket.orgPath.startsWith(person.path),
  );
  if (to.length === 0) return;
  await messaging.notify(
    tx,
    staffNotice(
      { ...n, body: ticket.title, link: `/tickets/${ticket.id}` },
      to.map((person) => person.id),
    ),
  );
}
