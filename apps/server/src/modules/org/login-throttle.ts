import { keyedHash } from '../../platform/auth/secrets.js';
import type { Executor } from '../../platform/db/database.js';
import { LoginThrottleRepository, type ThrottleRule } from './login-throttle.repository.js';

export type LoginPolicy = { maxFailures: number; lockMinutes: number };

/**
 * Lock-out an attacker cannot aim (decisions.md §20). Failures are counted per user name *from one address*, per
 * address, and per user name from anywhere. Only the first two slow a caller down wherever it signs in from; the
 * account-wide count slows down browsers the user never signed in from, so a known browser with the right
 * password still gets in while someone elsewhere guesses. Blocks back off exponentially (30 s, 1 min, 2 min …, at
 * most LOGIN_LOCK_MINUTES). Keys use the name as typed: an unknown name is counted and answered like a known one.
 */
export class LoginThrottle {
  constructor(
    private readonly policy: LoginPolicy,
    private readonly secret: string,
  ) {}

  private keys(name: string, ip: string | null) {
    const n = name.toLowerCase().slice(0, 64);
    const from = ip ?? 'unknown';
    return {
      pair: { key: `p:${n}|${from}`, threshold: this.policy.maxFailures },
      address: { key: `i:${from}`, threshold: this.policy.maxFailures * 10 },
      account: { key: `a:${n}`, threshold: this.policy.maxFailures * 4 },
    } satisfies Record<string, ThrottleRule>;
  }

  private backoff() {
    return { windowMs: 60 * 60_000, baseMs: 30_000, maxMs: this.policy.lockMinutes * 60_000 };
  }

  deviceHash(deviceToken: string) {
    return keyedHash(this.secret, `device:${deviceToken}`);
  }

  /** When this attempt may be made again, or null when it may be made now. */
  async blockedUntil(db: Executor, name: string, ip: string | null, knownDevice: boolean, now: Date) {
    const k = this.keys(name, ip);
    const applicable = [k.pair.key, k.address.key, ...(knownDevice ? [] : [k.account.key])];
    const blocks = await new LoginThrottleRepository(db).blockedUntilOf(applicable, now);
    const latest = Math.max(0, ...[...blocks.values()].map((d) => d.getTime()));
    return latest > 0 ? new Date(latest) : null;
  }

  /**
   * Counts a failure. Answers when the caller is blocked from now on (by the keys that apply to it; null when it
   * is not) and how many failures in a row this name has from this address.
   */
  async fail(db: Executor, name: string, ip: string | null, knownDevice: boolean, now: Date) {
    const k = this.keys(name, ip);
    const states = await new LoginThrottleRepository(db).fail([k.pair, k.address, k.account], now, this.backoff());
    const applies = (key: string) => key !== k.account.key || !knownDevice;
    const latest = Math.max(
      0,
      ...states.filter((s) => applies(s.key) && s.blockedUntil).map((s) => (s.blockedUntil as Date).getTime()),
    );
    return {
      blockedUntil: latest > now.getTime() ? new Date(latest) : null,
      failures: states.find((s) => s.key === k.pair.key)?.failures ?? 1,
    };
  }

  /** A right password from here: this address's count for the name and the name's account-wide count end. */
  async succeed(db: Executor, name: string, ip: string | null) {
    const k = this.keys(name, ip);
    await new LoginThrottleRepository(db).clear([k.pair.key, k.account.key]);
  }

  /** When the account is blocked for browsers it does not know (shown to administrators as "locked"). */
  accountKey(name: string) {
    return this.keys(name, null).account.key;
  }
}

/** An administrator's unlock or a password reset: every count of the name, from every address, ends. */
export async function clearLoginBlocks(db: Executor, name: string) {
  const n = name.toLowerCase().slice(0, 64);
  await new LoginThrottleRepository(db).clearName(`a:${n}`, `p:${n}|`);
}
