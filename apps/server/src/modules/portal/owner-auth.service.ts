import { randomInt } from 'node:crypto';
import { keyedHash, randomToken, safeEqual } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import { type MessagingService, maskRecipient } from '../../platform/messaging/messaging.service.js';
import { PortalRepository } from './portal.repository.js';

/** Limits of the SMS login (issue 5): a code lives 5 minutes, is used once and survives 5 wrong guesses. */
export const OWNER_LOGIN = {
  codeMinutes: 5,
  resendSeconds: 60,
  perPhonePerHour: 5,
  perIpPerHour: 30,
  maxFailures: 5,
  sessionIdleDays: 30,
  sessionAbsoluteDays: 90,
} as const;

export type Owner = { customerId: string; name: string; phone: string; sessionId: string };

/** Sends a login code by SMS when the number is a customer's; off the request path (see requestCode). */
export const SEND_LOGIN_CODE_JOB = 'portal.send-login-code';
type SendLoginCode = { codeId: number; phone: string; code: string };

/**
 * Owners sign in with a one-time code sent to their mobile. Unknown numbers get exactly the same answers, limits
 * and timing: the request writes a code row and a job for either; only the job looks the number up and sends
 * nothing for an unknown one. So the portal never tells whether a number is an owner's.
 */
export class OwnerAuthService {
  constructor(
    private readonly db: Db,
    private readonly messaging: MessagingService,
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly jobs: JobRunner,
  ) {
    jobs.define(SEND_LOGIN_CODE_JOB, (payload) => this.sendCode(payload as SendLoginCode));
  }

  private hash = (phone: string, code: string) => keyedHash(this.secret, `owner-code:${phone}:${code}`);

  async requestCode(phone: string, ip: string | null) {
    const now = this.clock.now();
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const answer = await this.db.transaction(async (tx) => {
      const repo = new PortalRepository(tx);
      await repo.lockPhone(phone);
      const last = await repo.lastCodeAt(phone);
      const tooSoon = last && now.getTime() - last.getTime() < OWNER_LOGIN.resendSeconds * 1000;
      if (
        tooSoon ||
        (await repo.codesSince('phone', phone, hourAgo)) >= OWNER_LOGIN.perPhonePerHour ||
        (ip && (await repo.codesSince('ip', ip, hourAgo)) >= OWNER_LOGIN.perIpPerHour)
      ) {
        throw new AppError('OWNER_CODE_RATE_LIMITED');
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const row = await repo.insertCode({
        phone,
        codeHash: this.hash(phone, code),
        ip,
        createdAt: now,
        expiresAt: new Date(now.getTime() + OWNER_LOGIN.codeMinutes * 60_000),
      });
      await this.jobs.enqueue(tx, SEND_LOGIN_CODE_JOB, { codeId: row.id, phone, code } satisfies SendLoginCode, {
        idempotencyKey: String(row.id),
      });
      return { ok: true as const, resendAfterSeconds: OWNER_LOGIN.resendSeconds };
    });
    this.jobs.nudge();
    return answer;
  }

  private async sendCode({ codeId, phone, code }: SendLoginCode) {
    const repo = new PortalRepository(this.db);
    const person = await repo.personByPhone(phone);
    if (!person) return;
    // a code that a newer one replaced, or that ran out before its turn, would only confuse: it is not sent
    const live = await repo.liveCode(phone, this.clock.now(), OWNER_LOGIN.maxFailures);
    if (live?.id !== codeId) return;
    await this.messaging.send(this.db, {
      channel: 'sms',
      recipient: phone,
      template: 'owner.login_code',
      body: `【安居】您的登录验证码为 ${code}，${OWNER_LOGIN.codeMinutes} 分钟内有效。如非本人操作请忽略。`,
      params: { code },
      idempotencyKey: `owner.login_code:${codeId}`,
      orgPath: await repo.scopePathOf(person.id),
      refType: 'customer',
      refId: person.id,
      immediate: true,
    });
  }

  /** A right, live code of a known number opens a session; every other case is the same 400. */
  async verify(phone: string, code: string, meta: { ip: string | null; userAgent: string | null }) {
    const now = this.clock.now();
    const repo = new PortalRepository(this.db);
    const live = await repo.liveCode(phone, now, OWNER_LOGIN.maxFailures);
    if (!live) throw new AppError('OWNER_CODE_INVALID');
    if (!safeEqual(live.codeHash, this.hash(phone, code))) {
      await repo.failCode(live.id);
      throw new AppError('OWNER_CODE_INVALID');
    }
    const person = await repo.personByPhone(phone);
    if (!person || !(await repo.useCode(live.id, now))) throw new AppError('OWNER_CODE_INVALID');
    const cookieValue = randomToken();
    const expiresAt = new Date(now.getTime() + OWNER_LOGIN.sessionAbsoluteDays * 86_400_000);
    await repo.insertSession({
      id: keyedHash(this.secret, `owner:${cookieValue}`),
      customerId: person.id,
      phone,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { cookieValue, expiresAt, customerId: person.id };
  }

  /** The owner behind a cookie, or null when unknown, idle too long or past its absolute expiry. */
  async resolve(cookieValue: string): Promise<Owner | null> {
    const id = keyedHash(this.secret, `owner:${cookieValue}`);
    const repo = new PortalRepository(this.db);
    const session = await repo.findSession(id);
    if (!session) return null;
    const now = this.clock.now();
    const idleLimit = session.lastSeenAt.getTime() + OWNER_LOGIN.sessionIdleDays * 86_400_000;
    if (now >= session.expiresAt || now.getTime() >= idleLimit) {
      await repo.deleteSession(id);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= 60_000) await repo.touchSession(id, now);
    return { customerId: session.customerId, name: session.name, phone: session.phone, sessionId: id };
  }

  logout(sessionId: string) {
    return new PortalRepository(this.db).deleteSession(sessionId);
  }

  /** Housekeeping (hourly job): codes older than a day, sessions past their limits. */
  async purge() {
    const now = this.clock.now();
    const repo = new PortalRepository(this.db);
    await repo.purgeCodes(new Date(now.getTime() - 86_400_000));
    await repo.purgeSessions(now, new Date(now.getTime() - OWNER_LOGIN.sessionIdleDays * 86_400_000));
  }

  static masked = (phone: string) => maskRecipient('sms', phone);
}
