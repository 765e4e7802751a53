import { type AnyPgColumn, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

let staffUserId: (() => AnyPgColumn) | null = null;

/**
 * Names the staff users' id column a session belongs to. The org module owns users and calls this from its tables
 * file; the platform names no module (decisions §27). Drizzle reads the reference only when it builds the foreign
 * key (drizzle-kit), by which time every tables file is loaded.
 */
export function sessionsBelongTo(userId: () => AnyPgColumn) {
  staffUserId = userId;
}

function sessionUser(): AnyPgColumn {
  if (!staffUserId) throw new Error('no module named the users sessions belong to (sessionsBelongTo)');
  return staffUserId();
}

/** Staff sessions. `id` is a keyed hash of the cookie value; the cookie value itself is never stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => sessionUser(), { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
