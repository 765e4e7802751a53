import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Every SMS and e-mail, written in the same transaction as the change that causes it and delivered by a job
 * after commit. `idempotencyKey` makes writing the same message twice a no-op.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    recipientMasked: text('recipient_masked').notNull(),
    recipientUserId: uuid('recipient_user_id'),
    template: text('template').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    params: jsonb('params'),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    orgPath: text('org_path').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    createdAt: tz('created_at').notNull(),
    sentAt: tz('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
    index('outbox_list_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.createdAt.desc(), t.id),
    index('outbox_template_idx').using('btree', t.template, t.createdAt.desc(), t.id),
    check('outbox_channel_ck', sql`${t.channel} in ('sms','email')`),
    check('outbox_status_ck', sql`${t.status} in ('queued','sending','sent','failed','skipped')`),
  ],
);

/** In-app notifications for staff (the bell in the console). */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    /** Fill the kind's title in the reader's language; `title` is the Chinese text for old readers. */
    params: jsonb('params'),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: tz('created_at').notNull(),
    readAt: tz('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id.desc()),
    uniqueIndex('notifications_idempotency_uq').on(t.userId, t.idempotencyKey),
  ],
);

export type OutboxMessageRow = typeof outboxMessages.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
