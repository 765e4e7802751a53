import type { Executor } from '../../platform/db/database.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import type { SurveyCallbacks } from '../surveys/survey-callbacks.js';
import { CallbackRepository } from './callback.repository.js';
import type { TicketRow } from './ticket.tables.js';

/** The portal's page behind an SMS callback link: rate without signing in. */
export const rateLink = (linkBaseUrl: string, token: string) => `${linkBaseUrl}/m/rate/${token}`;

/** A ticket as the subject of its callback (a request of the surveys module's repair_callback survey). */
const subjectOf = (ticket: TicketRow) => ({
  subjectType: 'ticket',
  subjectId: ticket.id,
  customerId: ticket.customerId,
  unitId: ticket.unitId,
  projectId: ticket.projectId,
  companyId: ticket.companyId,
  orgPath: ticket.orgPath,
});

/**
 * At close: a pending callback for the agents (a survey request, decisions §35), and when the ticket has a contact
 * phone the one SMS that tells the owner it is done, with a one-use link to rate it without signing in (the close
 * sends no other update). The link lasts the repair survey's `linkDays` (7); only the token's hash is stored.
 */
export async function openCallback(
  tx: Executor,
  deps: { messaging: MessagingService; linkBaseUrl: string; callbacks: SurveyCallbacks },
  ticket: TicketRow,
  at: Date,
) {
  const { id, token } = await deps.callbacks.open(tx, subjectOf(ticket), at, !!ticket.contactPhone);
  if (token && ticket.contactPhone) {
    await deps.messaging.send(tx, {
      channel: 'sms',
      recipient: ticket.contactPhone,
      template: 'ticket.callback_link',
      body: `【安居】您的报事 ${ticket.number} 已处理完毕，请确认并为我们的服务评分：${rateLink(deps.linkBaseUrl, token)}`,
      idempotencyKey: `callback.link:${id}`,
      orgPath: ticket.orgPath,
      refType: 'ticket',
      refId: ticket.id,
    });
  }
}

export async function cancelPendingCallback(tx: Executor, deps: { callbacks: SurveyCallbacks }, ticketId: string) {
  await deps.callbacks.cancelPending(tx, 'ticket', ticketId);
}

/**
 * A cancelled ticket: its pending callback ends, and so do its work orders still being worked (their assignees
 * must not go on site for it). Done orders awaiting confirmation keep their record.
 */
export async function cancelOpenWork(tx: Executor, deps: { callbacks: SurveyCallbacks }, ticketId: string, at: Date) {
  await deps.callbacks.cancelPending(tx, 'ticket', ticketId);
  await new CallbackRepository(tx).cancelOpenWorkOrders(ticketId, at);
}
