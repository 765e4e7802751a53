import type { TitleParts } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { CallbackRepository } from './callback.repository.js';
import { hashToken } from './callback-links.js';
import { ownerLinkContext } from './system-context.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';
import type { CallbackRow, TicketRow } from './ticket.tables.js';
import { CALLBACK_RECORDED, type CallbackRecorded } from './ticket-events.js';
import type { EventDetail, TicketEventInput } from './ticket-inputs.js';
import { noticeToHandlers } from './ticket-notices.js';

/** Unanswered after this many attempts: recorded as unanswered, counted, and the ticket completes. */
export const MAX_CALLBACK_ATTEMPTS = 3;
/** A low score this long after close opens a linked follow-up ticket instead of reopening the old one. */
export const FOLLOW_UP_AFTER_DAYS = 30;

export type CallbackInput =
  | { outcome: 'answered'; method: 'phone' | 'sms_link' | 'visit' | 'portal'; score: number; comment?: string }
  | { outcome: 'unanswered'; method: 'phone' | 'sms_link' | 'visit' };

/**
 * The callback after close. 4–5 satisfied, 3 neutral: the ticket completes. 1–2 is a complaint: the ticket
 * reopens with the owner's words as the reason. Staff record by phone; owners answer through the SMS link.
 */
export class CallbackService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tickets: TicketService,
    private readonly messaging: MessagingService,
    private readonly events: EventBus,
  ) {}

  async record(ctx: RequestContext, ticketId: string, input: CallbackInput) {
    assertPermission(ctx.principal, 'callbacks.record');
    return this.db.transaction(async (tx) => {
      const ticket = await this.tickets.get(ctx, ticketId, tx);
      const pending = await this.pending(tx, ticket);
      return this.apply(tx, ctx, ticket, pending, input);
    });
  }

  /** What the owner's link shows; null when the link is unknown, used or expired. */
  async byToken(token: string) {
    const found = await this.findByToken(this.db, token);
    if (!found) throw new AppError('CALLBACK_TOKEN_INVALID');
    const { number, title, titleParts, closedAt } = found.ticket;
    // A title made from the owner's picks is worded on the page, with the category's names in both languages.
    return {
      number,
      title,
      titleParts: (titleParts as TitleParts | null) ?? null,
      category: titleParts ? found.category : null,
      closedAt,
    };
  }

  async recordByToken(token: string, input: { score: number; comment?: string }) {
    return this.db.transaction(async (tx) => {
      const found = await this.findByToken(tx, token);
      if (!found) throw new AppError('CALLBACK_TOKEN_INVALID');
      await this.apply(tx, null, found.ticket, found.callback, { outcome: 'answered', method: 'sms_link', ...input });
    });
  }

  /** The owner rates a closed request of their own in the portal (the same callback as the SMS link). */
  async recordByOwner(customerId: string, ticketId: string, input: { score: number; comment?: string }) {
    return this.db.transaction(async (tx) => {
      const ticket = await new TicketRepository(tx).find(ticketId);
      if (!ticket || ticket.customerId !== customerId) throw new AppError('REQUEST_NOT_FOUND');
      const pending = await this.pending(tx, ticket).catch(() => {
        throw new AppError('REQUEST_NOT_RATABLE');
      });
      return this.apply(tx, null, ticket, pending, { outcome: 'answered', method: 'portal', ...input });
    });
  }

  private findByToken(db: Db | Tx, token: string) {
    return new CallbackRepository(db).findPendingByToken(hashToken(token), this.clock.now());
  }

  private async pending(tx: Tx, ticket: TicketRow) {
    const latest = await new TicketRepository(tx).latestCallback(ticket.id);
    if (latest?.status !== 'pending' || ticket.status !== 'closed') throw new AppError('CALLBACK_NOT_PENDING');
    return latest;
  }

  private async apply(tx: Tx, ctx: RequestContext | null, ticket: TicketRow, cb: CallbackRow, input: CallbackInput) {
    const now = this.clock.now();
    const attempts = cb.attempts + 1;
    const giveUp = input.outcome === 'unanswered' && attempts >= MAX_CALLBACK_ATTEMPTS;
    const status = input.outcome === 'answered' ? 'answered' : giveUp ? 'unanswered' : 'pending';
    const claimed = await new CallbackRepository(tx).record(cb.id, cb.attempts, {
      status,
      attempts,
      method: input.method,
      score: input.outcome === 'answered' ? input.score : null,
      comment: input.outcome === 'answered' ? (input.comment ?? null) : null,
      recordedBy: ctx?.principal.userId ?? null,
      recordedAt: now,
      ...(status === 'pending' ? {} : { tokenHash: null }),
    });
    if (!claimed) throw new AppError('VERSION_CONFLICT');
    const score = input.outcome === 'answered' ? input.score : null;
    const comment = input.outcome === 'answered' ? input.comment || null : null;
    const recordedEvent: TicketEventInput & EventDetail = {
      kind: 'callback',
      visibility: 'internal',
      body: comment,
      data: {
        code: score !== null ? 'callback.answered' : 'callback.unanswered',
        score,
        attempts,
        method: input.method,
        outcome: status,
      },
    };
    const longClosed =
      ticket.closedAt !== null && now.getTime() - ticket.closedAt.getTime() > FOLLOW_UP_AFTER_DAYS * 86_400_000;
    const low = score !== null && score <= 2;
    // A callback that ends the loop completes the ticket: the move's event is the callback's (its clock ends there).
    const completes = status !== 'pending' && (!low || longClosed);
    if (!completes) await this.tickets.event(tx, ctx, ticket, recordedEvent);
    if (score !== null && !ctx) {
      await noticeToHandlers(tx, this.messaging, ticket, null, {
        kind: 'ticket.rated',
        params: { number: ticket.number, score },
        key: `rated:${claimed.id}`,
      });
    }
    let result: TicketRow = ticket;
    const actor = ctx ?? ownerLinkContext(ticket);
    if (completes) {
      result = await this.tickets.apply(
        tx,
        actor,
        ticket,
        { action: 'complete', version: ticket.version },
        recordedEvent,
      );
      if (low) await this.followUp(tx, actor, result, score, input);
    } else if (low) {
      // the reopen ends the callback's clock
      const reason = complaintReason(score, input);
      result = await this.tickets.apply(
        tx,
        actor,
        ticket,
        { action: 'reopen', version: ticket.version, reason },
        { body: comment, data: { code: 'reopen.low_score', score } },
      );
    }
    await this.audit.record(tx, ctx ?? ownerLinkContext(ticket), {
      action: 'ticket.callback',
      entityType: 'ticket',
      entityId: ticket.id,
      orgPath: ticket.orgPath,
      after: { outcome: status, score, attempts },
    });
    const recorded: CallbackRecorded = { ticketId: ticket.id, outcome: status, score, method: input.method };
    await this.events.record(tx, ctx ?? ownerLinkContext(ticket), [
      {
        name: CALLBACK_RECORDED,
        subjectType: 'callback',
        subjectId: claimed.id,
        orgPath: ticket.orgPath,
        payload: recorded,
      },
    ]);
    return { callback: claimed, ticket: result };
  }

  /** The old ticket has completed; a new complaint linked to it carries the owner's words and starts its own clocks. */
  private async followUp(tx: Tx, ctx: RequestContext, done: TicketRow, score: number, input: CallbackInput) {
    const follow = await this.tickets.createIn(tx, ctx, done, complaintReason(score, input));
    await this.tickets.event(tx, ctx, done, {
      kind: 'follow_up',
      body: input.outcome === 'answered' ? input.comment || null : null,
      data: { code: 'follow_up.opened', number: follow.number, score, followUpId: follow.id },
    });
  }
}

/** Shared by both branches above; kept out of `apply` for length. */
function complaintReason(score: number, input: CallbackInput) {
  return `回访不满意（${score} 分）${input.outcome === 'answered' && input.comment ? `：${input.comment}` : ''}`;
}
