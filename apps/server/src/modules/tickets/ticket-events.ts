import type { TicketType } from '@anju/contracts';
import type { TicketEventData } from './ticket.service.js';

/** The events the tickets module publishes (listeners of any module may subscribe by name). */
export const TICKET_CREATED = 'ticket.created';

/** `ticket.created` (subject: the ticket): what listeners need to decide; they read the ticket for the rest. */
export type TicketCreated = {
  type: TicketType;
  customerId: string | null;
  /** The first event's data (a follow-up complaint names the ticket it follows). */
  data: TicketEventData | null;
};
