import type { TicketEventCode, TicketEventKind } from '@anju/contracts';
import { chinaDate } from '../../platform/china-time.js';
import type { ClockOwner } from './sla/sla.service.js';
import type { TicketRow } from './ticket.tables.js';

/** The shapes the ticket service and its helpers share (kept apart so the helpers need not import the service). */

export const localDay = (d: Date) => chinaDate(d).replace(/-/g, '');

export const ownerOf = (t: TicketRow): ClockOwner => ({
  id: t.id,
  companyId: t.companyId,
  orgPath: t.orgPath,
  type: t.type as ClockOwner['type'],
  priority: t.priority,
  major: t.major,
  categoryCode: t.categoryCode,
});

/** An event's `data`: the code of its detail line with its parameters, and ids the server reads back. */
export type TicketEventData = { code?: TicketEventCode } & Record<string, unknown>;

export type TicketEventInput = {
  kind: TicketEventKind;
  fromStatus?: string;
  toStatus?: string;
  /** Words someone wrote (a note, findings, a reason, the owner's comment); never words the server makes. */
  body?: string | null;
  visibility?: 'internal' | 'customer';
  data?: TicketEventData;
};

/**
 * The words and code of a move's event when the system words its reason; an internal move's event may take the
 * kind and visibility of what caused it (the callback that completes, the note that responds).
 */
export type EventDetail = {
  body: string | null;
  data?: TicketEventData;
  kind?: TicketEventKind;
  visibility?: 'internal' | 'customer';
};
