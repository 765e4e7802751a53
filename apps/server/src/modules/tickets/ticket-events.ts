import type { TicketStatus, TicketType } from '@anju/contracts';
import type { WorkflowAction } from './ticket.workflow.js';
import type { TicketEventData } from './ticket-inputs.js';

/** The events the tickets module publishes (listeners of any module may subscribe by name). */
export const TICKET_CREATED = 'ticket.created';

/** `ticket.created` (subject: the ticket): what listeners need to decide; they read the ticket for the rest. */
export type TicketCreated = {
  type: TicketType;
  customerId: string | null;
  /** The first event's data (a follow-up complaint names the ticket it follows). */
  data: TicketEventData | null;
};

/** One event per move, named by what happened to the ticket. */
export const TICKET_MOVED = {
  inspect: 'ticket.inspected',
  dispatch: 'ticket.dispatched',
  startProcessing: 'ticket.processing_started',
  hold: 'ticket.held',
  resume: 'ticket.resumed',
  close: 'ticket.closed',
  reopen: 'ticket.reopened',
  cancel: 'ticket.cancelled',
  complete: 'ticket.completed',
  respond: 'ticket.responded',
  merge: 'ticket.merged',
} as const satisfies Record<WorkflowAction, string>;

/** Every move's event (subject: the ticket). */
export type TicketMoved = {
  action: WorkflowAction;
  from: TicketStatus;
  to: TicketStatus;
  /** The ticket's version after the move (one owner SMS per version). */
  version: number;
  /** A dispatch's target. */
  assigneeOrgId?: string | null;
  /** A hold's reason as it was given (the owner's SMS quotes it even when the hold has ended by delivery). */
  holdReason?: string | null;
};

/** A callback answered or given up (subject: the callback). */
export const CALLBACK_RECORDED = 'callback.recorded';
export type CallbackRecorded = { ticketId: string; outcome: string; score: number | null; method: string };

/** Work given to a department or contractor, and its completion (subject: the work order). */
export const WORK_ORDER_EVENTS = { assigned: 'work_order.assigned', done: 'work_order.done' } as const;
export type WorkOrderEvent = {
  ticketId: string;
  seq: number;
  assigneeOrgId: string;
  assigneeUserId: string | null;
};
