import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Creates made with an Idempotency-Key: the key is written in the same transaction as the record it made, so a
 * retry finds the record (and answers it again) exactly when the first attempt committed.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** who sent it (a user or an API token) and for what (`ticket`) */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    resourceId: uuid('resource_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
