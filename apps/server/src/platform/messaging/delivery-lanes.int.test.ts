import { like } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/database.js';
import { JobRunner } from '../jobs/job-runner.js';
import { type MessageProvider, MessagingService, type OutgoingMessage } from './messaging.service.js';
import { type OutboxMessageRow, outboxMessages } from './messaging.tables.js';

let database: Database;
let drop: () => Promise<void>;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
});
afterAll(() => drop());

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

/** A gateway that holds every send until `release`, counting how many it holds at once. */
class HeldGateway implements MessageProvider {
  readonly name = 'held';
  inFlight = 0;
  peak = 0;
  sent = 0;
  readonly full = deferred();
  private readonly gate = deferred();
  constructor(private readonly fullAt: number) {}
  release() {
    this.gate.resolve();
  }
  async send(message: OutboxMessageRow) {
    this.peak = Math.max(this.peak, ++this.inFlight);
    if (this.inFlight === this.fullAt) this.full.resolve();
    await this.gate.promise;
    this.inFlight--;
    this.sent++;
    return { providerMessageId: `held-${message.id}` };
  }
}

const message = (channel: 'sms' | 'email', i: number): OutgoingMessage => ({
  channel,
  recipient: channel === 'sms' ? `1380000${String(i).padStart(4, '0')}` : `owner${i}@example.com`,
  template: 'ticket.received',
  body: `lane ${channel} ${i}`,
  idempotencyKey: `lane:${channel}:${i}`,
  orgPath: '/lanes/',
});

describe('outbox delivery', () => {
  it('sends several SMS at once up to the SMS limit, and e-mail is not held behind them', async () => {
    // 10:00 in Shanghai: no quiet hours
    const clock = new ManualClock(new Date('2026-12-06T02:00:00Z'));
    const runner = new JobRunner(database.db, clock, log, { workerId: 'lanes', maxConcurrency: 8 });
    const sms = new HeldGateway(3);
    const emailSent = deferred();
    const email: MessageProvider = {
      name: 'mail',
      send: async (m) => {
        emailSent.resolve();
        return { providerMessageId: `mail-${m.id}` };
      },
    };
    const messaging = new MessagingService(database.db, clock, runner, { sms, email }, log, { sms: 3, email: 1 });
    await messaging.sendMany(database.db, [
      ...Array.from({ length: 12 }, (_, i) => message('sms', i)),
      message('email', 0),
    ]);

    const draining = runner.tick();
    await Promise.all([sms.full.promise, emailSent.promise]);
    expect(sms.inFlight).toBe(3);
    sms.release();
    await draining;

    expect(sms.peak).toBe(3);
    expect(sms.sent).toBe(12);
    const rows = await database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'lane:%'));
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
