import { randomInt } from 'node:crypto';
import { keyedHash, randomToken, safeEqual } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
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
type SendLoginCode = { codeId: number; phone: string; code: string; purpose?: CodePurpose };
/** `login`: sent only to a customer's number; `join`: the club's public sign-up, sent to any number. */
export type CodePurpose = 'login' | 'join';

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

  /**
   * A code for the number, within the same limits whatever the purpose. A login code reaches only a customer's
   * number; a join code (the club's sign-up for people who are not customers yet) reaches any number.
   */
  async requestCode(phone: string, ip: string | null, purpose: CodePurpose = 'login') {
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
      await this.jobs.enqueue(
        tx,
        SEND_LOGIN_CODE_JOB,
        { codeId: row.id, phone, code, purpose } satisfies SendLoginCode,
        {
          idempotencyKey: String(row.id),
        },
      );
      return { ok: true as const, resendAfterSeconds: OWNER_LOGIN.resendSeconds };
    });
    this.jobs.nudge();
    return answer;
  }

  private async sendCode({ codeId, phone, code, purpose }: SendLoginCode) {
    const repo = new PortalRepository(this.db);
    const person = await repo.personByPhone(phone);
    if (!person && purpose !== 'join') return;
    // a code that a newer one replaced, or that ran out before its turn, would only confuse: it is not sent
    const live = await repo.liveCode(phone, this.clock.now(), OWNER_LOGIN.maxFailures);
    if (live?.id !== codeId) return;
    await this.messaging.send(this.db, {
      channel: 'sms',
      recipient: phone,
      template: 'owner.login_code',
      body:
        purpose === 'join'
          ? `【安居】您的入会验证码为 ${code}，${OWNER_LOGIN.codeMinutes} 分钟内有效。如非本人操作请忽略。`
          : `【安居】您的登录验证码为 ${code}，${OWNER_LOGIN.codeMinutes} 分钟内有效。如非本人操作请忽略。`,
      params: { code },
      idempotencyKey: `owner.login_code:${codeId}`,
      orgPath: await repo.scopePathOf(person?.id ?? null),
      refType: person ? 'customer' : null,
      refId: person?.id ?? null,
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
    return this.openSession(this.db, person.id, phone, meta);
  }

  /** A portal session for the person (a sign-in, or a sign-up's last step in its transaction). */
  async openSession(
    db: Executor,
    customerId: string,
    phone: string,
    meta: { ip: string | null; userAgent: string | null },
  ) {
    const now = this.clock.now();
    const cookieValue = randomToken();
    const expiresAt = new Date(now.getTime() + OWNER_LOGIN.sessionAbsoluteDays * 86_400_000);
    await new PortalRepository(db).insertSession({
      id: keyedHash(this.secret, `owner:${cookieValue}`),
      customerId,
      phone,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { cookieValue, expiresAt, customerId };
  }

  /**
   * Checks a sign-up's code without using it (the caller uses it with `useCode` in the transaction that writes the
   * person, so a refused sign-up leaves the code live). A wrong guess counts against the code; the right code of a
   * sign-up already done (used, still within its minutes) answers `codeId: null` — the retry of a request whose
   * answer was lost. Every other case is 400 OWNER_CODE_INVALID.
   */
  async checkCode(phone: string, code: string): Promise<{ codeId: number | null }> {
    const now = this.clock.now();
    const repo = new PortalRepository(this.db);
    const found =
      (await repo.liveCode(phone, now, OWNER_LOGIN.maxFailures)) ??
      (await repo.usedCode(phone, now, OWNER_LOGIN.maxFailures));
    if (!found) throw new AppError('OWNER_CODE_INVALID');
    if (!safeEqual(found.codeHash, this.hash(phone, code))) {
      await repo.failCode(found.id);
      throw new AppError('OWNER_CODE_INVALID');
    }
    return { codeId: found.usedAt ? null : found.id };
  }

  /** Uses a checked code in the caller's transaction; a code used meanwhile → 400 OWNER_CODE_INVALID. */
  async useCode(tx: Executor, codeId: number) {
    if (!(await new PortalRepository(tx).useCode(codeId, this.clock.now()))) throw new AppError('OWNER_CODE_INVALID');
  }

  /** The customer a number belongs to (the one a sign-in would open), or null. */
  personByPhone(phone: string, db: Executor = this.db) {
    return new PortalRepository(db).personByPhone(phone);
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
