import type { Listener } from '../../../platform/events/event-bus.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import { ownerUpdateMessage } from '../owner-updates.js';
import { TicketRepository } from '../ticket.repository.js';
import { TICKET_MOVED, type TicketMoved } from '../ticket-events.js';

/** The owner is told by SMS of a customer-visible move (with their consent; one message per ticket version). */
export const ownerUpdateListener = (deps: {
  messaging: MessagingService;
  customers: CustomersModule;
  linkBaseUrl: string;
}): Listener<TicketMoved> => ({
  name: 'tickets.owner-update',
  on: [TICKET_MOVED.inspect, TICKET_MOVED.dispatch, TICKET_MOVED.hold, TICKET_MOVED.cancel],
  async handle(event, { tx }) {
    const ticket = await new TicketRepository(tx).find(event.subjectId);
    if (!ticket) return;
    const { action, version, holdReason } = event.payload;
    // words about this move, whatever has happened to the ticket since
    const told = action === 'hold' ? { ...ticket, holdReason: holdReason ?? null } : ticket;
    const message = await ownerUpdateMessage(tx, deps, told, action, `v${version}`);
    if (message) await deps.messaging.send(tx, message);
  },
});
