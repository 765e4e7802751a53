import { randomBytes } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { hashPassword, verifyPassword } from '../../platform/auth/secrets.js';
import type { SessionService } from '../../platform/auth/session.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { LoginThrottle } from './login-throttle.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { OrgUnitRepository } from './org-unit.repository.js';
import { UserRepository } from './user.repository.js';

type Anonymous = { principal: null; ip: string | null; requestId: string };

/** Verified against when the user name is unknown, so response time does not tell which names exist. */
let decoyHash: Promise<string> | null = null;
const decoy = () => {
  decoyHash ??= hashPassword('decoy-password-never-valid-0');
  return decoyHash;
};
/** Looked up for an unknown name, so it costs the same query as a known one. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Checks the password and opens a session. Failures slow the caller down (login-throttle.ts): a blocked attempt
   * answers AUTH_LOCKED with the time it may retry, the same way for known and unknown names. A successful
   * sign-in marks the browser (`deviceToken`) as known to the user.
   */
  async login(username: string, password: string, anon: Anonymous, userAgent: string | null, deviceToken?: string) {
    const users = new UserRepository(this.db);
    const devices = new LoginThrottleRepository(this.db);
    const user = await users.findByUsername(username.toLowerCase());
    const now = this.clock.now();
    const device = deviceToken ?? randomBytes(24).toString('base64url');
    const deviceHash = this.throttle.deviceHash(device);
    const knownDevice = deviceToken ? await devices.isKnownDevice(user?.id ?? NO_USER, deviceHash) : false;
    const blockedUntil = await this.throttle.blockedUntil(this.db, username, anon.ip, knownDevice, now);
    if (blockedUntil) throw locked(blockedUntil, now);
    const right = await verifyPassword(user?.passwordHash ?? (await decoy()), password);
    if (!user || !right) {
      const { blockedUntil: until, failures } = await this.throttle.fail(this.db, username, anon.ip, knownDevice, now);
      await this.audit.record(this.db, anon, {
        action: until ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        orgPath: user?.orgPath ?? (await new OrgUnitRepository(this.db).findRoot())?.path ?? '/',
        after: { username: username.slice(0, 64), failures, ...(user ? {} : { reason: 'unknown user' }) },
      });
      if (until) throw locked(until, now);
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.status !== 'active') throw new AppError('AUTH_USER_DISABLED');

    return this.db.transaction(async (tx) => {
      await new UserRepository(tx).recordLoginSuccess(user.id, now);
      await this.throttle.succeed(tx, username, anon.ip);
      await new LoginThrottleRepository(tx).rememberDevice(user.id, deviceHash, now);
      const session = await this.sessions.create(user.id, { ip: anon.ip, userAgent }, tx);
      await this.audit.record(tx, anon, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        orgPath: user.orgPath,
        after: { username: user.username },
      });
      return { userId: user.id, session, deviceToken: device };
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

const locked = (until: Date, now: Date) =>
  new AppError('AUTH_LOCKED', {
    lockedUntil: until.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
