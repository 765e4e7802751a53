import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { hashPassword, verifyPassword } from '../../platform/auth/secrets.js';
import type { SessionService } from '../../platform/auth/session.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { OrgUnitRepository } from './org-unit.repository.js';
import { UserRepository } from './user.repository.js';

export type LoginPolicy = { maxFailures: number; lockMinutes: number };
type Anonymous = { principal: null; ip: string | null; requestId: string };

/** Verified against when the user name is unknown, so response time does not tell which names exist. */
let decoyHash: Promise<string> | null = null;
const decoy = () => {
  decoyHash ??= hashPassword('decoy-password-never-valid-0');
  return decoyHash;
};

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly policy: LoginPolicy,
  ) {}

  /**
   * Checks the password and opens a session. After `maxFailures` wrong passwords in a row the account is locked
   * for `lockMinutes`; the failure that locks it and every attempt during the lock answer AUTH_LOCKED.
   */
  async login(username: string, password: string, anon: Anonymous, userAgent: string | null) {
    const users = new UserRepository(this.db);
    const user = await users.findByUsername(username.toLowerCase());
    const now = this.clock.now();
    if (!user) {
      await verifyPassword(await decoy(), password);
      const root = await new OrgUnitRepository(this.db).findRoot();
      await this.audit.record(this.db, anon, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: null,
        orgPath: root?.path ?? '/',
        after: { username: username.slice(0, 64), reason: 'unknown user' },
      });
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new AppError('AUTH_LOCKED', { lockedUntil: user.lockedUntil.toISOString() });
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const lockUntil = new Date(now.getTime() + this.policy.lockMinutes * 60_000);
      const result = await users.recordLoginFailure(user.id, this.policy.maxFailures, now, lockUntil);
      const locked = Boolean(result?.lockedUntil && result.lockedUntil > now);
      await this.audit.record(this.db, anon, {
        action: locked ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        orgPath: user.orgPath,
        after: { username: user.username, failedLoginCount: result?.failedLoginCount },
      });
      if (locked) throw new AppError('AUTH_LOCKED', { lockedUntil: result?.lockedUntil?.toISOString() });
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.status !== 'active') throw new AppError('AUTH_USER_DISABLED');

    return this.db.transaction(async (tx) => {
      await new UserRepository(tx).recordLoginSuccess(user.id, now);
      const session = await this.sessions.create(user.id, { ip: anon.ip, userAgent }, tx);
      await this.audit.record(tx, anon, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        orgPath: user.orgPath,
        after: { username: user.username },
      });
      return { userId: user.id, session };
    });
  }

  async logout(ctx: RequestContext) {
    if (ctx.principal.sessionId) await this.sessions.end(ctx.principal.sessionId);
  }

  /** Changing one's own password ends every other session of the user. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string) {
    if (ctx.principal.via !== 'session') throw new AppError('FORBIDDEN');
    const users = new UserRepository(this.db);
    const user = await users.findById(ctx.principal.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError('AUTH_WRONG_PASSWORD');
    const hash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await new UserRepository(tx).setPassword(user.id, hash, this.clock.now());
      const ended = await this.sessions.endAllForUser(user.id, {
        except: ctx.principal.sessionId ?? undefined,
        db: tx,
      });
      await this.audit.record(tx, ctx, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: user.id,
        orgPath: user.orgPath,
        after: { endedSessions: ended },
      });
    });
    this.sessions.forgetUser(user.id);
  }
}
