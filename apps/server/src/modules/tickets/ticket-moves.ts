import type { SlaNode, TicketStatus, TransitionTicketBody } from '@anju/contracts';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import type { ClockChange } from '../sla/clock.service.js';
import type { SurveyCallbacks } from '../surveys/survey-callbacks.js';
import { cancelOpenWork, cancelPendingCallback, openCallback } from './callback-links.js';
import { type DispatchPlan, planDispatch } from './dispatch-orders.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketRow } from './ticket.tables.js';
import { type InternalMove, MOVES, nextStatus } from './ticket.workflow.js';
import type { TicketEventData } from './ticket-inputs.js';

/** The knowledge base as closing reads it: a published standard problem the ticket's place sees, or 404. */
export type StandardProblems = {
  standardProblem(scopePath: string, id: string, db: Executor): Promise<{ id: string; primaryCause: string | null }>;
};

/** A move: an API transition or one the server makes itself. */
export type MoveBody = TransitionTicketBody | InternalMove;

/** What one move does, worked out before anything is written. */
export type MovePlan = {
  to: TicketStatus;
  patch: Partial<TicketRow>;
  /** What happens to the ticket's open clocks, and which nodes' clocks start. */
  change: ClockChange;
  starts: SlaNode[];
  /** Writes of other aggregates (notifications, callbacks), run before the move's statement in its transaction. */
  writes: ((tx: Executor) => Promise<unknown>)[];
  /** The words the move's event carries (findings, reason, resolution, the dispatcher's note). */
  note: string | null;
  /** The code and parameters of the event's detail line (a dispatch's target). */
  eventData: TicketEventData | undefined;
  /** A dispatch's work orders and notices (written by the service, which knows the new order's deadline). */
  dispatch: DispatchPlan | null;
  /** What the audit row records after the move, when not the new status and the note. */
  auditAfter?: Record<string, unknown>;
};

/**
 * Checks a move against the workflow (seed 004) and works out its plan. Reads what it must check (the dispatch
 * target, its people and the ticket's work orders; a closing ticket's work orders); writes nothing.
 */
export async function planMove(
  db: Executor,
  deps: {
    messaging: MessagingService;
    linkBaseUrl: string;
    callbacks: SurveyCallbacks;
    standardProblems?: StandardProblems;
  },
  ticket: TicketRow,
  body: MoveBody,
  now: Date,
  actorId: string,
): Promise<MovePlan> {
  const status = ticket.status as TicketStatus;
  if (!MOVES[body.action].from.includes(status)) {
    throw new AppError('TICKET_TRANSITION_INVALID', { status, action: body.action });
  }
  const to = nextStatus(status, body.action, ticket.heldFrom as TicketStatus | null);
  const patch: Partial<TicketRow> = { status: to, updatedAt: now };
  const change: ClockChange = {};
  const starts: SlaNode[] = [];
  const writes: ((tx: Executor) => Promise<unknown>)[] = [];
  let note: string | null = null;
  let eventData: TicketEventData | undefined;
  let dispatch: DispatchPlan | null = null;
  let auditAfter: Record<string, unknown> | undefined;
  switch (body.action) {
    case 'inspect':
      note = body.findings;
      change.stop = ['inspection'];
      starts.push('dispatch');
      break;
    case 'dispatch': {
      dispatch = await planDispatch(db, ticket, body, actorId, now);
      patch.assigneeOrgId = dispatch.target.id;
      patch.assigneeUserId = body.assigneeUserId ?? null;
      note = body.note || null;
      eventData = { code: 'dispatch.to', target: dispatch.target.name, assigneeOrgId: dispatch.target.id };
      if (status === 'dispatch') {
        change.stop = ['dispatch'];
        starts.push('processing');
      }
      if (dispatch.cancel.length) change.cancelParts = dispatch.cancel.map((o) => o.id);
      break;
    }
    case 'startProcessing':
      break;
    case 'hold':
      patch.heldFrom = status;
      patch.holdReason = body.reason;
      patch.resumeOn = body.resumeOn ?? null;
      note = body.reason;
      change.pause = true;
      break;
    case 'resume':
      patch.heldFrom = null;
      patch.holdReason = null;
      patch.resumeOn = null;
      change.resume = true;
      break;
    case 'close': {
      // a standard problem picked by the closer fills the root cause (an explicit root cause still wins)
      const standard =
        body.knowledgeArticleId && deps.standardProblems
          ? await deps.standardProblems.standardProblem(ticket.orgPath, body.knowledgeArticleId, db)
          : null;
      const rootCause = body.rootCause ?? standard?.primaryCause ?? undefined;
      await assertClosable(db, ticket, rootCause);
      patch.rootCause = rootCause ?? null;
      patch.knowledgeArticleId = standard?.id ?? null;
      patch.resolution = body.resolution;
      patch.cost = body.cost === undefined ? null : String(body.cost);
      patch.closedAt = now;
      note = body.resolution;
      change.stop = ['processing', 'first_response'];
      starts.push('callback');
      writes.push((tx) => openCallback(tx, deps, ticket, now));
      break;
    }
    case 'reopen':
      patch.reopenCount = ticket.reopenCount + 1;
      patch.closedAt = null;
      patch.completedAt = null;
      // The closing answer is history now (the close event keeps it; the reopen event remembers what it replaced).
      patch.resolution = null;
      patch.rootCause = null;
      patch.knowledgeArticleId = null;
      patch.cost = null;
      note = body.reason;
      eventData = {
        previousResolution: ticket.resolution,
        previousRootCause: ticket.rootCause,
        previousCost: ticket.cost === null ? null : Number(ticket.cost),
      };
      change.stop = ['callback'];
      starts.push('processing');
      writes.push((tx) => cancelPendingCallback(tx, deps, ticket.id));
      break;
    case 'cancel':
      patch.cancelReason = body.reason;
      note = body.reason;
      change.cancel = true;
      writes.push((tx) => cancelOpenWork(tx, deps, ticket.id, now));
      break;
    case 'complete':
      // the callback has been had (or given up): its clock ends
      patch.completedAt = now;
      change.stop = ['callback'];
      break;
    case 'respond':
      // our first customer-visible word: first response is set and its clock stopped below
      break;
    case 'merge':
      // a duplicate ends like a cancel, pointing at the ticket that carries on
      patch.mergedInto = body.into.id;
      patch.cancelReason = body.reason;
      note = body.reason;
      eventData = { code: 'merged.into', number: body.into.number, ticketId: body.into.id };
      auditAfter = { into: body.into.number, reason: body.reason };
      change.cancel = true;
      writes.push((tx) => cancelOpenWork(tx, deps, ticket.id, now));
      break;
  }
  if (!ticket.firstResponseAt && body.action !== 'reopen' && body.action !== 'merge') {
    patch.firstResponseAt = now;
    change.stop = [...(change.stop ?? []), 'first_response'];
  }
  return { to, patch, change, starts, writes, note, eventData, dispatch, auditAfter };
}

async function assertClosable(db: Executor, ticket: TicketRow, rootCause: string | undefined) {
  if (ticket.type === 'repair' && !rootCause) throw new AppError('TICKET_CLOSE_BLOCKED', { field: 'rootCause' });
  const orders = await new TicketRepository(db).workOrders(ticket.id);
  const unfinished = orders.filter((o) => !['confirmed', 'cancelled'].includes(o.status));
  if (unfinished.length) {
    throw new AppError('TICKET_CLOSE_BLOCKED', { workOrders: unfinished.map((o) => o.seq) });
  }
}
