import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import type { Principal, PrincipalLoader, SessionGrant } from './principal.js';
import { type CachedSession, PrincipalCache } from './principal-cache.js';
import { keyedHash, randomToken } from './secrets.js';
import { SessionRepository } from './session.repository.js';

export type SessionPolicy = { secret: string; idleMinutes: number; absoluteHours: number };

const TOUCH_EVERY_MS = 60_000;
/** How long a session's principal is reused without reading the database (decisions.md §18). */
export const PRINCIPAL_CACHE_MS = 5_000;

/** Server-side sessions: the cookie holds a random secret; the table holds its keyed hash and the expiry clocks. */
export class SessionService {
  private readonly cache: PrincipalCache;

  constructor(
    private readonly db: Executor,
    private readonly policy: SessionPolicy,
    private readonly clock: Clock,
    cacheMs = PRINCIPAL_CACHE_MS,
  ) {
    this.cache = new PrincipalCache(cacheMs);
  }

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

  /**
   * The principal behind a cookie value, or null when the session is unknown, idle too long, past its absolute
   * expiry, or its user may no longer act.
   */
  async authenticate(cookieValue: string, loader: PrincipalLoader): Promise<Principal | null> {
    const id = keyedHash(this.policy.secret, cookieValue);
    const now = this.clock.now();
    const cached = this.cache.get(id);
    if (cached && this.live(cached.session, now)) return this.touched(cached, now);
    const generation = this.cache.generation;
    const grant = await loader.loadSession(id);
    if (!grant) return null;
    if (!this.live(grant.session, now)) {
      await this.repo().delete(id);
      return null;
    }
    if (!grant.principal) return null;
    const principal: Principal = {
      ...grant.principal,
      via: 'session',
      sessionId: id,
      csrfToken: grant.session.csrfToken,
    };
    const entry = { session: { ...grant.session }, principal: Object.freeze(principal) };
    this.cache.set(id, entry, generation);
    return this.touched(entry, now);
  }

  private live(session: SessionGrant['session'], now: Date) {
    return now < session.expiresAt && now.getTime() < session.lastSeenAt.getTime() + this.policy.idleMinutes * 60_000;
  }

  private async touched(entry: CachedSession, now: Date) {
    if (now.getTime() - entry.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.repo().touch(entry.session.id, now);
      entry.session.lastSeenAt = now;
    }
    return entry.principal;
  }

  async end(sessionId: string) {
    await this.repo().delete(sessionId);
    this.cache.forget(sessionId);
  }

  /** Inside a transaction, call `forgetUser` again after it commits (a request in between may cache the old rows). */
  async endAllForUser(userId: string, opts: { except?: string; db?: Executor } = {}) {
    const ended = await this.repo(opts.db).deleteForUser(userId, opts.except);
    this.cache.forgetUser(userId);
    return ended;
  }

  /** A user's roles, placement or status changed: their sessions load the principal afresh. */
  forgetUser(userId: string) {
    this.cache.forgetUser(userId);
  }

  /** Roles or the org tree changed: every session loads its principal afresh. */
  forgetAll() {
    this.cache.clear();
  }

  purgeExpired() {
    const now = this.clock.now();
    return this.repo().deleteExpired(now, new Date(now.getTime() - this.policy.idleMinutes * 60_000));
  }
}
