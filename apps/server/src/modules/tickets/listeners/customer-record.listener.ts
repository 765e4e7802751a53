import type { Listener } from '../../../platform/events/event-bus.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import { TicketRepository } from '../ticket.repository.js';
import { TICKET_CREATED, type TicketCreated } from '../ticket-events.js';
import { timelineEntries } from '../ticket-rows.js';

/**
 * A new ticket enters its customer's record: the ticket becomes a relation that makes the customer visible where
 * the ticket is, and the customer's timeline shows it, dated when it was created.
 */
export const customerRecordListener = (customers: CustomersModule): Listener<TicketCreated> => ({
  name: 'tickets.customer-record',
  on: TICKET_CREATED,
  async handle(event, { tx }) {
    if (!event.payload.customerId) return;
    const ticket = await new TicketRepository(tx).find(event.subjectId);
    if (!ticket?.customerId) return;
    await customers.customers.relate(tx, ticket.customerId, ticket.orgPath, 'ticket', ticket.id);
    const created = {
      ticket,
      kind: 'created' as const,
      body: ticket.titleParts ? null : ticket.title,
      data: event.payload.data ?? undefined,
    };
    await customers.timeline.addManyBy(tx, event.actor, timelineEntries([created], event.occurredAt));
  },
});
