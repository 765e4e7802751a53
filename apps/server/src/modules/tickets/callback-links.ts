import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { CallbackRepository } from './callback.repository.js';
import type { TicketRow } from './ticket.tables.js';

/** An SMS callback link works for 7 days and once. */
export const LINK_DAYS = 7;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The owner portal's page behind an SMS callback link: rate without signing in. */
export const rateLink = (linkBaseUrl: string, token: string) => `${linkBaseUrl}/m/rate/${token}`;

/**
 * At close: a pending callback task for the agents, and when the ticket has a contact phone the one SMS that
 * tells the owner it is done, with a one-use link to rate it without signing in (the close sends no other
 * update). Only the token's hash is stored.
 */
export async function openCallback(
  tx: Executor,
  deps: { messaging: MessagingService; linkBaseUrl: string },
  ticket: TicketRow,
  at: Date,
) {
  const token = ticket.contactPhone ? randomBytes(24).toString('base64url') : null;
  const row = await new CallbackRepository(tx).open({
    ticketId: ticket.id,
    tokenHash: token ? hashToken(token) : null,
    tokenExpiresAt: token ? new Date(at.getTime() + LINK_DAYS * 86_400_000) : null,
    orgPath: ticket.orgPath,
    createdAt: at,
  });
  if (token && ticket.contactPhone && row) {
    await deps.messaging.send(tx, {
      channel: 'sms',
      recipient: ticket.contactPhone,
      template: 'ticket.callback_link',
      body: `【安居】您的报事 ${ticket.number} 已处理完毕，请确认并为我们的服务评分：${rateLink(deps.linkBaseUrl, token)}`,
      idempotencyKey: `callback.link:${row.id}`,
      orgPath: ticket.orgPath,
      refType: 'ticket',
      refId: ticket.id,
    });
  }
}

export async function cancelPendingCallback(tx: Executor, ticketId: string) {
  await new CallbackRepository(tx).cancelPending(ticketId);
}

/**
 * A cancelled ticket: its pending callback ends, and so do its work orders still being worked (their assignees
 * must not go on site for it), in one statement. Done orders awaiting confirmation keep their record.
 */
export async function cancelOpenWork(tx: Executor, ticketId: string, at: Date) {
  await new CallbackRepository(tx).cancelOpenWork(ticketId, at);
}
