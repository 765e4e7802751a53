import type { TitleParts } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { SurveyCallbacks } from '../surveys/survey-callbacks.js';
import type { SurveyOutcome, SurveyRequest, SurveySubjectHandler } from '../surveys/survey-subjects.js';
import { CallbackRepository } from './callback.repository.js';
import { ownerLinkContext } from './system-context.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';
import type { TicketRow } from './ticket.tables.js';
import { CALLBACK_RECORDED, type CallbackRecorded } from './ticket-events.js';
import type { EventDetail, TicketEventInput } from './ticket-inputs.js';
import { noticeToHandlers } from './ticket-notices.js';

/** A low score this long after close opens a linked follow-up ticket instead of reopening the old one. */
export const FOLLOW_UP_AFTER_DAYS = 30;

export type CallbackInput =
  | { outcome: 'answered'; method: 'phone' | 'sms_link' | 'visit' | 'portal'; score: number; comment?: string }
  | { outcome: 'unanswered'; method: 'phone' | 'sms_link' | 'visit' };

/** What the owner said, as the ticket's events word it. */
type Said = { outcome: string; comment: string | null };

/**
 * The callback after close, a request of the surveys module's repair_callback survey about the ticket (decisions
 * §35). 4–5 satisfied, 3 neutral: the ticket completes. 1–2 is a complaint: the ticket reopens with the owner's
 * words as the reason. Staff record by phone; owners answer through the SMS link or the portal. Unanswered after
 * the survey's maxAttempts (3) calls: recorded as unanswered, counted, and the ticket completes. The surveys module
 * records the request and calls `subject().answered` in the same transaction, so the reopen commits with it.
 */
export class CallbackService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tickets: TicketService,
    private readonly messaging: MessagingService,
    private readonly events: EventBus,
    private readonly callbacks: SurveyCallbacks,
  ) {}

  async record(ctx: RequestContext, ticketId: string, input: CallbackInput) {
    assertPermission(ctx.principal, 'callbacks.record');
    await this.db.transaction(async (tx) => {
      const ticket = await this.tickets.get(ctx, ticketId, tx);
      const pending = await this.pending(tx, ticket);
      await this.callbacks.record(tx, ctx, pending, input);
    });
  }

  /** The callback that matters for a ticket (a pending one, else the newest), as its pages show it. */
  latestOf(ticketId: string) {
    return new TicketRepository(this.db).latestCallback(ticketId);
  }

  /** What the owner's link shows; CALLBACK_TOKEN_INVALID when the link is unknown, used or expired. */
  async byToken(token: string) {
    const found = await this.findByToken(this.db, token);
    if (!found) throw new AppError('CALLBACK_TOKEN_INVALID');
    const { number, title, titleParts, closedAt, categoryCode } = found.ticket;
    // A title made from the owner's picks is worded on the page, with the category's names in both languages.
    return {
      number,
      title,
      titleParts: (titleParts as TitleParts | null) ?? null,
      category: titleParts ? await new CallbackRepository(this.db).categoryNames(categoryCode) : null,
      closedAt,
    };
  }

  async recordByToken(token: string, input: { score: number; comment?: string }) {
    await this.db.transaction(async (tx) => {
      const found = await this.findByToken(tx, token);
      if (!found) throw new AppError('CALLBACK_TOKEN_INVALID');
      await this.callbacks.record(tx, null, found.callback, { outcome: 'answered', method: 'sms_link', ...input });
    });
  }

  /** The owner rates a closed request of their own in the portal (the same callback as the SMS link). */
  async recordByOwner(customerId: string, ticketId: string, input: { score: number; comment?: string }) {
    await this.db.transaction(async (tx) => {
      const ticket = await new TicketRepository(tx).find(ticketId);
      if (!ticket || ticket.customerId !== customerId) throw new AppError('REQUEST_NOT_FOUND');
      const pending = await this.pending(tx, ticket).catch(() => {
        throw new AppError('REQUEST_NOT_RATABLE');
      });
      await this.callbacks.record(tx, null, pending, { outcome: 'answered', method: 'portal', ...input });
    });
  }

  /** A pending callback by its link's token, with its ticket while that is closed. */
  private async findByToken(db: Db | Tx, token: string) {
    const callback = await this.callbacks.pendingByToken(db, token);
    const ticket = callback?.subjectId ? await new TicketRepository(db).find(callback.subjectId) : null;
    return callback && ticket?.status === 'closed' ? { callback, ticket } : null;
  }

  private async pending(tx: Tx, ticket: TicketRow) {
    const latest = await this.callbacks.latest(tx, 'ticket', ticket.id);
    if (latest?.status !== 'pending' || ticket.status !== 'closed') throw new AppError('CALLBACK_NOT_PENDING');
    return latest;
  }

  /**
   * The tickets' subject handler of the surveys module: a ticket's callbacks are about it, within the reader's
   * subtree; answerable while the ticket is closed; and an answer or a call not answered acts on the ticket in the
   * answer's transaction (`answered`), whichever way it came (this service, the generic survey routes, the link).
   */
  subject(): SurveySubjectHandler {
    return {
      type: 'ticket',
      describe: async (db, scopePath, id) => {
        const t = await new TicketRepository(db).find(id);
        if (!t || (scopePath !== null && !t.orgPath.startsWith(scopePath))) return null;
        const { customerId, unitId, projectId, companyId, orgPath } = t;
        return { customerId, unitId, projectId, companyId, orgPath, service: t.type };
      },
      ownRecordOf: async (db, id) => (await new TicketRepository(db).find(id))?.customerId ?? null,
      answerable: async (db, request) => {
        const t = request.subjectId ? await new TicketRepository(db).find(request.subjectId) : null;
        return t?.status === 'closed';
      },
      answered: async (tx, ctx, request, outcome) => {
        const ticket = request.subjectId ? await new TicketRepository(tx).find(request.subjectId) : null;
        if (!ticket) throw new AppError('TICKET_NOT_FOUND');
        await this.apply(tx, ctx, ticket, request, outcome);
      },
    };
  }

  /** What a callback's outcome does to the ticket (the request is already recorded by the surveys module). */
  private async apply(
    tx: Tx,
    ctx: RequestContext | null,
    ticket: TicketRow,
    claimed: SurveyRequest,
    outcome: SurveyOutcome,
  ) {
    const now = this.clock.now();
    const { attempts } = claimed;
    const status = outcome.outcome;
    const score = status === 'answered' ? outcome.score : null;
    const comment = status === 'answered' ? outcome.comment || null : null;
    const input: Said = { outcome: status, comment };
    const recordedEvent: TicketEventInput & EventDetail = {
      kind: 'callback',
      visibility: 'internal',
      body: comment,
      data: {
        code: score !== null ? 'callback.answered' : 'callback.unanswered',
        score,
        attempts,
        method: outcome.method,
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
    const recorded: CallbackRecorded = { ticketId: ticket.id, outcome: status, score, method: outcome.method };
    await this.events.record(tx, ctx ?? ownerLinkContext(ticket), [
      {
        name: CALLBACK_RECORDED,
        subjectType: 'callback',
        subjectId: claimed.id,
        orgPath: ticket.orgPath,
        payload: recorded,
      },
    ]);
    return result;
  }

  /** The old ticket has completed; a new complaint linked to it carries the owner's words and starts its own clocks. */
  private async followUp(tx: Tx, ctx: RequestContext, done: TicketRow, score: number, input: Said) {
    const follow = await this.tickets.createIn(tx, ctx, done, complaintReason(score, input));
    await this.tickets.event(tx, ctx, done, {
      kind: 'follow_up',
      body: input.outcome === 'answered' ? input.comment : null,
      data: { code: 'follow_up.opened', number: follow.number, score, followUpId: follow.id },
    });
  }
}

/** Shared by both branches above; kept out of `apply` for length. */
function complaintReason(score: number, input: Said) {
  return `回访不满意（${score} 分）${input.outcome === 'answered' && input.comment ? `：${input.comment}` : ''}`;
}
