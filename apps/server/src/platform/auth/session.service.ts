import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import { keyedHash, randomToken } from './secrets.js';
import { SessionRepository, type SessionRow } from './session.repository.js';

export type SessionPolicy = { secret: string; idleMinutes: number; absoluteHours: number };

const TOUCH_EVERY_MS = 60_000;

/** Server-side sessions: the cookie holds a random secret; the table holds its keyed hash and the expiry clocks. */
export class SessionService {
  constructor(
    private readonly db: Executor,
    private readonly policy: SessionPolicy,
    private readonly clock: Clock,
  ) {}

  private repo(db: Executor = this.db) {
    return new SessionRepository(db);
  }

  async create(userId: string, meta: { ip: string | null; userAgent: string | null }, db?: Executor) {
    const cookieValue = randomToken();
    const csrfToken = randomToken(24);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.policy.absoluteHours * 3_600_000);
    const id = keyedHash(this.policy.secret, cookieValue);
    await this.repo(db).insert({
      id,
      userId,
      csrfToken,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { id, cookieValue, csrfToken, expiresAt };
  }

  /** The live session behind a cookie value, or null when unknown, idle too long or past its absolute expiry. */
  async resolve(cookieValue: string): Promise<SessionRow | null> {
    const id = keyedHash(this.policy.secret, cookieValue);
    const session = await this.repo().find(id);
    if (!session) return null;
    const now = this.clock.now();
    const idleLimit = session.lastSeenAt.getTime() + this.policy.idleMinutes * 60_000;
    if (now >= session.expiresAt || now.getTime() >= idleLimit) {
      await this.repo().delete(id);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.repo().touch(id, now);
    return session;
  }

  end(sessionId: string) {
    return this.repo().delete(sessionId);
  }

  endAllForUser(userId: string, opts: { except?: string; db?: Executor } = {}) {
    return this.repo(opts.db).deleteForUser(userId, opts.except);
  }

  purgeExpired() {
    const now = this.clock.now();
    return this.repo().deleteExpired(now, new Date(now.getTime() - this.policy.idleMinutes * 60_000));
  }
}
