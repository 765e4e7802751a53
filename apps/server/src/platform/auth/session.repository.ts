import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { sessions } from './session.tables.js';

export type SessionRow = typeof sessions.$inferSelect;

export class SessionRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: typeof sessions.$inferInsert) {
    await this.db.insert(sessions).values(row);
  }

  async touch(id: string, at: Date) {
    await this.db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
  }

  async delete(id: string) {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }

  /** Ends every session of a user (disabled, password reset), or every other one (own password change). */
  async deleteForUser(userId: string, exceptId?: string) {
    const rows = await this.db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), exceptId ? ne(sessions.id, exceptId) : undefined))
      .returning({ id: sessions.id });
    return rows.length;
  }

  async deleteExpired(now: Date, idleBefore: Date) {
    const rows = await this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
      .returning({ id: sessions.id });
    return rows.length;
  }
}
