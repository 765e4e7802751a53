import {
  type SlaNode,
  TICKET_STATUSES,
  type TicketAction,
  type TicketEventKind,
  type TicketStatus,
  type TicketType,
} from '@anju/contracts';

/**
 * The closed loop of seed 004 as data: reception → (on-site inspection) → dispatch → processing → close →
 * callback. `dispatch` means "waiting to be dispatched", `dispatched` "assigned, not started". A ticket on hold
 * remembers the node it returns to; closed tickets await their callback, completed ones have had it.
 */
const OPEN: TicketStatus[] = ['inspection', 'dispatch', 'dispatched', 'processing'];

export const TRANSITIONS: Record<TicketAction, { from: TicketStatus[] }> = {
  inspect: { from: ['inspection'] },
  dispatch: { from: ['dispatch', 'dispatched', 'processing'] },
  startProcessing: { from: ['dispatched'] },
  hold: { from: OPEN },
  resume: { from: ['on_hold'] },
  close: { from: ['dispatched', 'processing'] },
  reopen: { from: ['closed', 'completed'] },
  cancel: { from: [...OPEN, 'on_hold'] },
};

/**
 * Moves the server makes itself, never offered to API callers: a callback completes a closed ticket, a first
 * customer-visible note is our response, a duplicate is merged into the ticket that carries on. They run through
 * the same path as every other move (`TicketService.apply`).
 */
export type InternalMove =
  | { action: 'complete' | 'respond'; version: number }
  | { action: 'merge'; version: number; into: { id: string; number: string }; reason: string };
export type InternalAction = InternalMove['action'];
export type WorkflowAction = TicketAction | InternalAction;

export const MOVES: Record<WorkflowAction, { from: TicketStatus[] }> = {
  ...TRANSITIONS,
  complete: { from: ['closed'] },
  respond: { from: [...TICKET_STATUSES] },
  merge: { from: [...OPEN, 'on_hold'] },
};

/** An internal move's event: the callback that completes, the note that responds, the merge. */
export const INTERNAL_EVENT: Record<InternalAction, { kind: TicketEventKind; visibility: 'internal' | 'customer' }> = {
  complete: { kind: 'callback', visibility: 'internal' },
  respond: { kind: 'note', visibility: 'customer' },
  merge: { kind: 'merged', visibility: 'customer' },
};

export function allowedActions(status: TicketStatus): TicketAction[] {
  return (Object.keys(TRANSITIONS) as TicketAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

export function nextStatus(status: TicketStatus, action: WorkflowAction, heldFrom: TicketStatus | null): TicketStatus {
  switch (action) {
    case 'inspect':
      return 'dispatch';
    case 'dispatch':
      return status === 'processing' ? 'processing' : 'dispatched';
    case 'startProcessing':
      return 'processing';
    case 'hold':
      return 'on_hold';
    case 'resume':
      return heldFrom ?? 'dispatch';
    case 'close':
      return 'closed';
    case 'reopen':
      return 'processing';
    case 'cancel':
      return 'cancelled';
    case 'complete':
      return 'completed';
    case 'merge':
      return 'cancelled';
    case 'respond':
      return status;
  }
}

export const isOpen = (status: TicketStatus) => OPEN.includes(status) || status === 'on_hold';

export const firstStatus = (inspectionRequired: boolean): TicketStatus =>
  inspectionRequired ? 'inspection' : 'dispatch';

/** On-site inspection is on by default for repairs (configurable per ticket at creation). */
export const inspectionByDefault = (type: TicketType) => type === 'repair';

/** Which clock a status runs (besides first response, which runs from creation until our first visible word). */
export const NODE_OF_STATUS: Partial<Record<TicketStatus, SlaNode>> = {
  inspection: 'inspection',
  dispatch: 'dispatch',
  dispatched: 'processing',
  processing: 'processing',
  closed: 'callback',
};

export const NUMBER_PREFIX: Record<TicketType, string> = {
  complaint: 'TS',
  repair: 'BX',
  consultation: 'ZX',
  suggestion: 'JY',
  praise: 'BY',
};
