import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customer.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One-time login codes sent by SMS. Only a keyed hash of the code is kept. Rows are written for unknown numbers
 * too (without sending), so the rate limits and the answers are the same whether or not a number is an owner's.
 */
export const ownerLoginCodes = pgTable(
  'owner_login_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip'),
    createdAt: tz('created_at').notNull(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
  },
  (t) => [
    index('owner_login_codes_phone_idx').on(t.phone, t.createdAt),
    index('owner_login_codes_ip_idx').on(t.ip, t.createdAt),
    index('owner_login_codes_created_idx').on(t.createdAt),
  ],
);

/** Owner sessions, separate from staff sessions: `id` is a keyed hash of the cookie value. */
export const ownerSessions = pgTable(
  'owner_sessions',
  {
    id: text('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: tz('created_at').notNull(),
    lastSeenAt: tz('last_seen_at').notNull(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [index('owner_sessions_customer_idx').on(t.customerId), index('owner_sessions_expires_idx').on(t.expiresAt)],
);

/** Idempotency of portal submissions: the first answer to a key is stored and replayed for retries. */
export const portalSubmissions = pgTable(
  'portal_submissions',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    ticketIds: jsonb('ticket_ids').$type<string[]>().notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.key] }), index('portal_submissions_created_idx').on(t.createdAt)],
);

/** When an owner last opened a request: customer-visible events after it are "unread". */
export const ownerRequestReads = pgTable(
  'owner_request_reads',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').notNull(),
    readAt: tz('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.ticketId] })],
);
