import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { type Executor, insertJsonRows } from '../db/database.js';
import { withinScope } from '../rbac/scope.js';
import { notifications, type OutboxMessageRow, outboxMessages } from './messaging.tables.js';

const OUTBOX_COLUMNS = [
  'channel',
  'recipient',
  'recipient_masked',
  'recipient_user_id',
  'template',
  'subject',
  'body',
  'params',
  'idempotency_key',
  'org_path',
  'ref_type',
  'ref_id',
  'created_at',
] as const;
const NOTIFICATION_COLUMNS = [
  'user_id',
  'kind',
  'params',
  'title',
  'body',
  'link',
  'idempotency_key',
  'created_at',
] as const;

export type OutboxInsert = Record<(typeof OUTBOX_COLUMNS)[number], unknown>;
export type NotificationInsert = Record<(typeof NOTIFICATION_COLUMNS)[number], unknown>;

/** The queries on the outbox and in-app notifications. */
export type OutboxFilter = { status?: string; template?: string; before?: { at: Date; id: string }; limit: number };

export class MessagingRepository {
  constructor(private readonly db: Executor) {}

  /** Outbox rows in one statement; a key already written is skipped. Answers the rows written. */
  insertOutbox(rows: OutboxInsert[]) {
    return insertJsonRows<{ id: string; idempotency_key: string }>(
      this.db,
      'outbox_messages',
      [...OUTBOX_COLUMNS],
      rows,
      sql`on conflict (idempotency_key) do nothing returning id, idempotency_key`,
    );
  }

  /** Notifications in one statement; the same key twice for one person is one notice. */
  async insertNotifications(rows: NotificationInsert[]) {
    await insertJsonRows(
      this.db,
      'notifications',
      [...NOTIFICATION_COLUMNS],
      rows,
      sql`on conflict (user_id, idempotency_key) do nothing`,
    );
  }

  /** Claims a message for delivery (its status one of `claimable` → sending); null when another worker has it. */
  async claim(id: string, claimable: string[]): Promise<OutboxMessageRow | null> {
    const [message] = await this.db
      .update(outboxMessages)
      .set({ status: 'sending', attempts: sql`${outboxMessages.attempts} + 1` })
      .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, claimable)))
      .returning();
    return message ?? null;
  }

  /** The outcome of a delivery attempt. */
  async settle(
    id: string,
    set: Pick<Partial<OutboxMessageRow>, 'status' | 'provider' | 'providerMessageId' | 'sentAt' | 'lastError'>,
  ) {
    await this.db.update(outboxMessages).set(set).where(eq(outboxMessages.id, id));
  }

  listOutbox(scopePath: string, f: OutboxFilter) {
    return this.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          withinScope(outboxMessages.orgPath, scopePath),
          f.status ? eq(outboxMessages.status, f.status) : undefined,
          f.template ? eq(outboxMessages.template, f.template) : undefined,
          f.before
            ? sql`(${outboxMessages.createdAt}, ${outboxMessages.id}) < (${f.before.at}, ${f.before.id})`
            : undefined,
        ),
      )
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(f.limit + 1);
  }

  listNotifications(userId: string, f: { unread?: boolean; before?: number; limit: number }) {
    return this.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userId),
          f.unread ? isNull(notifications.readAt) : undefined,
          f.before ? lt(notifications.id, f.before) : undefined,
        ),
      )
      .orderBy(desc(notifications.id))
      .limit(f.limit + 1);
  }

  async markRead(userId: string, ids: number[] | 'all', at: Date) {
    await this.db
      .update(notifications)
      .set({ readAt: at })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : [-1]),
        ),
      );
  }
}
