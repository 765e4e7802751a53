import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * What happened, recorded in the transaction of the change (see docs/decisions.md §23). Listeners receive it after
 * commit through the job runner: one `events.deliver` job per (event, listener).
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** Org path of the subject: the admin page lists events within the reader's scope. */
    orgPath: text('org_path').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    idempotencyKey: text('idempotency_key'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('domain_events_idempotency_uq').on(t.name, t.idempotencyKey),
    index('domain_events_subject_idx').on(t.subjectType, t.subjectId, t.id),
  ],
);

/** A listener's receipt of an event, written in the listener's transaction: an event is handled once per listener. */
export const eventReceipts = pgTable(
  'event_receipts',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => domainEvents.id, { onDelete: 'cascade' }),
    listener: text('listener').notNull(),
    handledAt: timestamp('handled_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.listener] })],
);
