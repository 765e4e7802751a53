import type { Executor } from '../../platform/db/database.js';
import type { OutgoingMessage } from '../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { TicketRow } from './ticket.tables.js';

/**
 * What an owner is told by SMS, per customer-visible change (the portal shows the same in more detail). A close
 * is told once, by the message carrying the link to rate it (callback-links.ts).
 */
const UPDATE_WORDS: Record<string, (t: TicketRow) => string> = {
  inspect: () => '已完成现场查验',
  dispatch: () => '已安排处理人员',
  hold: (t) => `暂缓处理${t.holdReason ? `（${t.holdReason}）` : ''}`,
  cancel: () => '已取消',
  note: () => '有新的回复',
};

/**
 * The SMS telling the owner of a ticket about a customer-visible change — only when they consented to SMS, else
 * null. The caller writes it to the outbox in the change's transaction (quiet hours apply); one per ticket version.
 */
export async function ownerUpdateMessage(
  db: Executor,
  deps: { customers: CustomersModule; linkBaseUrl: string },
  ticket: TicketRow,
  kind: string,
  key: string,
): Promise<OutgoingMessage | null> {
  const words = UPDATE_WORDS[kind];
  if (!words || !ticket.customerId || !ticket.contactPhone) return null;
  const consents = await deps.customers.read.consentsOf(ticket.customerId, db);
  if (!consents.find((c) => c.channel === 'sms')?.granted) return null;
  return {
    channel: 'sms',
    recipient: ticket.contactPhone,
    template: 'ticket.update',
    body: `【安居】您的报事 ${ticket.number} ${words(ticket)}。查看进度：${deps.linkBaseUrl}/m/requests/${ticket.id}`,
    idempotencyKey: `ticket.update:${ticket.id}:${key}`,
    orgPath: ticket.orgPath,
    refType: 'ticket',
    refId: ticket.id,
  };
}
