import type { TitleParts } from '@anju/contracts';
import { and, eq, gt } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { hashToken } from './callback-links.js';
import type { SlaService } from './sla/sla.service.js';
import { ownerLinkContext } from './system-context.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';
import { type CallbackRow, callbacks, defectCategories, type TicketRow, tickets } from './ticket.tables.js';
import { CALLBACK_RECORDED, type CallbackRecorded } from './ticket-events.js';
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
    private readonly sla: SlaService,
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

  private async findByToken(db: Db | Tx, token: string) {
    const [row] = await db
      .select({
        callback: callbacks,
        ticket: tickets,
        category: { nameZh: defectCategories.nameZh, nameEn: defectCategories.nameEn },
      })
      .from(callbacks)
      .innerJoin(tickets, eq(tickets.id, callbacks.ticketId))
      .leftJoin(defectCategories, eq(defectCategories.code, tickets.categoryCode))
      .where(
        and(
          eq(callbacks.tokenHash, hashToken(token)),
          eq(callbacks.status, 'pending'),
          gt(callbacks.tokenExpiresAt, this.clock.now()),
          eq(tickets.status, 'closed'),
        ),
      );
    return row ?? null;
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
    const [claimed] = await tx
      .update(callbacks)
      .set({
        status,
        attempts,
        method: input.method,
        score: input.outcome === 'answered' ? input.score : null,
        comment: input.outcome === 'answered' ? (input.comment ?? null) : null,
        recordedBy: ctx?.principal.userId ?? null,
        recordedAt: now,
        ...(status === 'pending' ? {} : { tokenHash: null }),
      })
      .where(and(eq(callbacks.id, cb.id), eq(callbacks.status, 'pending'), eq(callbacks.attempts, cb.attempts)))
      .returning();
    if (!claimed) throw new AppError('VERSION_CONFLICT');
    const score = input.outcome === 'answered' ? input.score : null;
    const comment = input.outcome === 'answered' ? input.comment || null : null;
    await this.tickets.event(tx, ctx, ticket, {
      kind: 'callback',
      body: comment,
      data: {
        code: score !== null ? 'callback.answered' : 'callback.unanswered',
        score,
        attempts,
        method: input.method,
        outcome: status,
      },
    });
    if (score !== null && !ctx) {
      await noticeToHandlers(tx, this.messaging, ticket, null, {
        kind: 'ticket.rated',
        params: { number: ticket.number, score },
        key: `rated:${claimed.id}`,
      });
    }
    if (status !== 'pending') await this.sla.stop(tx, ticket.id, ['callback'], now);
    let result: TicketRow = ticket;
    const longClosed =
      ticket.closedAt !== null && now.getTime() - ticket.closedAt.getTime() > FOLLOW_UP_AFTER_DAYS * 86_400_000;
    if (score !== null && score <= 2 && longClosed) {
      result = await this.followUp(tx, ctx ?? ownerLinkContext(ticket), ticket, score, input, now);
    } else if (score !== null && score <= 2) {
      const reason = complaintReason(score, input);
      result = await this.tickets.apply(
        tx,
        ctx ?? ownerLinkContext(ticket),
        ticket,
        { action: 'reopen', version: ticket.version, reason },
        { body: comment, data: { code: 'reopen.low_score', score } },
      );
    } else if (status !== 'pending') {
      const updated = await new TicketRepository(tx).update(ticket.id, ticket.version, {
        status: 'completed',
        completedAt: now,
        updatedAt: now,
      });
      if (!updated) throw new AppError('VERSION_CONFLICT');
      await this.sla.refreshTicket(tx, ticket.id);
      result = updated;
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

  /** The old ticket completes; a new complaint linked to it carries the owner's words and starts its own clocks. */
  private async followUp(
    tx: Tx,
    ctx: RequestContext,
    ticket: TicketRow,
    score: number,
    input: CallbackInput,
    now: Date,
  ) {
    const done = await new TicketRepository(tx).update(ticket.id, ticket.version, {
      status: 'completed',
      completedAt: now,
      updatedAt: now,
    });
    if (!done) throw new AppError('VERSION_CONFLICT');
    await this.sla.refreshTicket(tx, ticket.id);
    const follow = await this.tickets.createIn(tx, ctx, ticket, complaintReason(score, input));
    await this.tickets.event(tx, ctx, done, {
      kind: 'follow_up',
      body: input.outcome === 'answered' ? input.comment || null : null,
      data: { code: 'follow_up.opened', number: follow.number, score, followUpId: follow.id },
    });
    return done;
  }
}

/** Shared by both branches above; kept out of `apply` for length. */
function complaintReason(score: number, input: CallbackInput) {
  return `回访不满意（${score} 分）${input.outcome === 'answered' && input.comment ? `：${input.comment}` : ''}`;
}
