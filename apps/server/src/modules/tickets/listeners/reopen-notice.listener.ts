import type { Listener } from '../../../platform/events/event-bus.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { TicketRepository } from '../ticket.repository.js';
import { TICKET_MOVED, type TicketMoved } from '../ticket-events.js';
import { noticeToHandlers } from '../ticket-notices.js';

/** The people handling a ticket hear that it was reopened (not whoever reopened it). */
export const reopenNoticeListener = (messaging: MessagingService): Listener<TicketMoved> => ({
  name: 'tickets.reopen-notice',
  on: TICKET_MOVED.reopen,
  async handle(event, { tx }) {
    const ticket = await new TicketRepository(tx).find(event.subjectId);
    if (!ticket) return;
    await noticeToHandlers(tx, messaging, ticket, event.actor.kind === 'staff' ? event.actor.id : null, {
      kind: 'ticket.reopened',
      params: { number: ticket.number },
      key: `reopened:${ticket.id}:v${event.payload.version}`,
    });
  },
});
