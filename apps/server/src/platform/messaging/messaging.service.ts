import type { CodeParams, NotificationKind, OutboxTemplate } from '@anju/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { CHINA_OFFSET_MS, chinaLocal } from '../china-time.js';
import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/database.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { MessagingRepository, type OutboxFilter } from './messaging.repository.js';
import type { OutboxMessageRow } from './messaging.tables.js';

export type Channel = 'sms' | 'email';

/** Sends one message; throws on failure (the job retries with back-off). */
export interface MessageProvider {
  readonly name: string;
  send(message: OutboxMessageRow): Promise<{ providerMessageId: string | null }>;
}

export type OutgoingMessage = {
  channel: Channel;
  recipient: string;
  recipientUserId?: string | null;
  template: OutboxTemplate;
  subject?: string | null;
  body: string;
  params?: unknown;
  /** Same key, same message: writing it twice (a retried request, a second instance) adds nothing. */
  idempotencyKey: string;
  orgPath: string;
  refType?: string | null;
  refId?: string | null;
  /** Asked for by the recipient this moment (a login code): sent even in quiet hours. */
  immediate?: boolean;
};

export type StaffNotice = {
  userIds: string[];
  kind: NotificationKind;
  /** Fill the kind's title in the reader's language (the console's dictionary); `title` is the Chinese copy. */
  params?: CodeParams | null;
  title: string;
  body?: string | null;
  link?: string | null;
  idempotencyKey: string;
};

/**
 * A delivery job name per channel, so each gateway has its own lane and a slow SMS gateway never holds e-mail
 * back. SMS keeps the original name: jobs queued before the split are delivered by it whatever their channel.
 */
export const DELIVER_JOBS: Record<Channel, string> = { sms: 'outbox.deliver', email: 'outbox.deliver.email' };
const MAX_ATTEMPTS = 6;

/** Sends in flight at once per channel in this process (the gateway's rate limit over the instances running jobs). */
export type DeliveryConcurrency = Record<Channel, number>;
export const DEFAULT_DELIVERY_CONCURRENCY: DeliveryConcurrency = { sms: 4, email: 2 };

/**
 * Owners are not texted at night: an SMS to someone who is not staff, written between 21:00 and 08:00 China
 * time, is delivered at 08:00. Staff alerts (escalations) go at once.
 */
export function deliverAt(now: Date, m: Pick<OutgoingMessage, 'channel' | 'recipientUserId' | 'immediate'>): Date {
  if (m.channel !== 'sms' || m.recipientUserId || m.immediate) return now;
  const local = chinaLocal(now);
  const hour = local.getUTCHours();
  if (hour >= 8 && hour < 21) return now;
  const eight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 8) - CHINA_OFFSET_MS;
  return new Date(hour >= 21 ? eight + 86_400_000 : eight);
}

export const maskRecipient = (channel: Channel, to: string) =>
  channel === 'sms' ? to.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') : to.replace(/^(.).*(@.*)$/, '$1***$2');

/**
 * Side effects leave through here. `send` writes an outbox row (and its delivery job) in the caller's
 * transaction, so nothing goes out unless the change commits; `notify` writes in-app notifications.
 */
export class MessagingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly providers: Record<Channel, MessageProvider>,
    private readonly log: FastifyBaseLogger,
    concurrency: Partial<DeliveryConcurrency> = {},
  ) {
    const limits = { ...DEFAULT_DELIVERY_CONCURRENCY, ...concurrency };
    for (const channel of ['sms', 'email'] as const) {
      jobs.define(DELIVER_JOBS[channel], (payload, ctx) => this.deliver((payload as { id: string }).id, ctx.attempt), {
        maxAttempts: MAX_ATTEMPTS,
        backoffMs: (attempt) => Math.min(30_000 * 2 ** (attempt - 1), 30 * 60_000),
        concurrency: limits[channel],
      });
    }
  }

  send(tx: Executor, m: OutgoingMessage) {
    return this.sendMany(tx, [m]);
  }

  /** Outbox rows and their delivery jobs, a statement for the rows and one per channel for any number of messages. */
  async sendMany(tx: Executor, messages: OutgoingMessage[]) {
    if (messages.length === 0) return;
    const now = this.clock.now();
    const rows = await new MessagingRepository(tx).insertOutbox(
      messages.map((m) => ({
        channel: m.channel,
        recipient: m.recipient,
        recipient_masked: maskRecipient(m.channel, m.recipient),
        recipient_user_id: m.recipientUserId ?? null,
        template: m.template,
        subject: m.subject ?? null,
        body: m.body,
        params: m.params ?? null,
        idempotency_key: m.idempotencyKey,
        org_path: m.orgPath,
        ref_type: m.refType ?? null,
        ref_id: m.refId ?? null,
        created_at: now,
      })),
    );
    const byKey = new Map(messages.map((m) => [m.idempotencyKey, m]));
    for (const channel of ['sms', 'email'] as const) {
      const items = rows.flatMap((row) => {
        const m = byKey.get(row.idempotency_key) as OutgoingMessage;
        return m.channel === channel
          ? [{ payload: { id: row.id }, idempotencyKey: row.id, runAt: deliverAt(now, m) }]
          : [];
      });
      await this.jobs.enqueueMany(tx, DELIVER_JOBS[channel], items);
    }
  }

  notify(tx: Executor, n: StaffNotice) {
    return this.notifyMany(tx, [n]);
  }

  /** In-app notifications for many people and notices in one statement; the same key twice is one notice. */
  async notifyMany(tx: Executor, notices: StaffNotice[]) {
    const now = this.clock.now();
    const rows = notices.flatMap((n) =>
      [...new Set(n.userIds)].map((userId) => ({
        user_id: userId,
        kind: n.kind,
        params: n.params ?? null,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        idempotency_key: n.idempotencyKey,
        created_at: now,
      })),
    );
    if (rows.length === 0) return;
    await new MessagingRepository(tx).insertNotifications(rows);
  }

  /**
   * Delivery: the row is claimed with a conditional update (queued → sending), so a message is handed to the
   * provider by one worker at a time. A retry after a crash mid-send may claim a `sending` row again: delivery
   * is at least once to the provider, which receives the message id as its idempotency key where it has one.
   */
  async deliver(id: string, attempt: number) {
    const claimable = attempt > 1 ? ['queued', 'sending'] : ['queued'];
    const repo = new MessagingRepository(this.db);
    const message = await repo.claim(id, claimable);
    if (!message) return;
    const provider = this.providers[message.channel as Channel];
    try {
      const { providerMessageId } = await provider.send(message);
      await repo.settle(id, {
        status: 'sent',
        provider: provider.name,
        providerMessageId,
        sentAt: this.clock.now(),
        lastError: null,
      });
    } catch (err) {
      const lastError = String((err as Error).message ?? err).slice(0, 500);
      const final = attempt >= MAX_ATTEMPTS;
      await repo.settle(id, { status: final ? 'failed' : 'queued', provider: provider.name, lastError });
      this.log.warn({ outboxId: id, attempt, err: lastError }, 'message delivery failed');
      if (!final) throw err;
    }
  }

  listOutbox(scopePath: string, f: OutboxFilter) {
    return new MessagingRepository(this.db).listOutbox(scopePath, f);
  }

  listNotifications(userId: string, f: { unread?: boolean; before?: number; limit: number }) {
    return new MessagingRepository(this.db).listNotifications(userId, f);
  }

  async markRead(userId: string, ids: number[] | 'all') {
    await new MessagingRepository(this.db).markRead(userId, ids, this.clock.now());
  }
}

/**
 * The default provider: writes the message, text included, to the log instead of sending it (development, demos,
 * tests); a demo owner reads the login code there or on the console's outbox page.
 */
export class LogProvider implements MessageProvider {
  readonly name = 'log';
  readonly sent: OutboxMessageRow[] = [];
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(message: OutboxMessageRow) {
    this.sent.push(message);
    this.log.info(
      { channel: message.channel, to: message.recipientMasked, template: message.template, text: message.body },
      'message (log provider)',
    );
    return { providerMessageId: `log-${message.id}` };
  }
}
