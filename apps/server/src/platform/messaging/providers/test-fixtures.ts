import type { AddressInfo, Server } from 'node:net';
import type { OutboxMessageRow } from '../messaging.tables.js';

/** An outbox row as the delivery job hands it to a provider (test fixture). */
export function outboxMessage(overrides: Partial<OutboxMessageRow> = {}): OutboxMessageRow {
  return {
    id: '0b6f8f3e-4d1c-4b7e-9a51-2f1d8c3e7a10',
    channel: 'sms',
    recipient: '13800138000',
    recipientMasked: '138****8000',
    recipientUserId: null,
    template: 'ticket.received',
    subject: null,
    body: '【安居】您的报修已受理，单号 T-0001，我们将尽快处理。',
    params: null,
    idempotencyKey: 'ticket.received:1',
    status: 'sending',
    attempts: 1,
    provider: null,
    providerMessageId: null,
    lastError: null,
    orgPath: '/root/',
    refType: 'ticket',
    refId: null,
    createdAt: new Date('2026-11-23T02:00:00Z'),
    sentAt: null,
    ...overrides,
  };
}

/** Starts a server on an ephemeral loopback port; returns its port. */
export async function listenLocal(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
