import type { Listener } from '../../../platform/events/event-bus.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { TYPE_ZH } from '../ticket.labels.js';
import { TicketRepository } from '../ticket.repository.js';
import { TICKET_CREATED, type TicketCreated } from '../ticket-events.js';

/** The owner is told by SMS that their report was received, with its number. */
export const ownerAcknowledgementListener = (messaging: MessagingService): Listener<TicketCreated> => ({
  name: 'tickets.owner-acknowledgement',
  on: TICKET_CREATED,
  async handle(event, { tx }) {
    const ticket = await new TicketRepository(tx).find(event.subjectId);
    if (!ticket?.contactPhone) return;
    await messaging.send(tx, {
      channel: 'sms',
      recipient: ticket.contactPhone,
      template: 'ticket.received',
      body: `【安居】您的${TYPE_ZH[ticket.type]}已受理，单号 ${ticket.number}，我们将尽快处理。`,
      idempotencyKey: `ticket.received:${ticket.id}`,
      orgPath: ticket.orgPath,
      refType: 'ticket',
      refId: ticket.id,
    });
  },
});
