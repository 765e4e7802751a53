import { and, eq, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { escapeLike } from '../../platform/rbac/scope.js';
import { knownDevices, loginThrottles } from './org.tables.js';

export type ThrottleRule = { key: string; threshold: number };
export type ThrottleState = { key: string; failures: number; blockedUntil: Date | null };

/** Sign-in failure counters and known devices (see login-throttle.ts for the rules). */
export class LoginThrottleRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Counts one failure on every key, atomically. A count older than `windowMs` starts afresh; from its threshold
   * on, each failure blocks the key for `baseMs × 2^(failures − threshold)`, at most `maxMs`. Returns the keys' states.
   */
  async fail(
    rules: ThrottleRule[],
    now: Date,
    p: { windowMs: number; baseMs: number; maxMs: number },
  ): Promise<ThrottleState[]> {
    const at = sql`${now.toISOString()}::timestamptz`;
    const count = sql`case when t.updated_at < ${at} - make_interval(secs => ${p.windowMs / 1000}) then 1 else t.failures + 1 end`;
    const blockFor = (failures: SQL, threshold: SQL) =>
      sql`case when ${failures} >= ${threshold} then ${at} + make_interval(secs => least(${p.maxMs / 1000},
            ${p.baseMs / 1000} * power(2, least(20, ${failures} - ${threshold})))) end`;
    const rows = await queryRows<{ key: string; failures: number; blocked_until: string | Date | null }>(
      this.db,
      sql`insert into login_throttles as t (key, failures, threshold, blocked_until, updated_at)
          select r.key, 1, r.threshold, ${blockFor(sql`1`, sql`r.threshold`)}, ${at}
          from json_to_recordset(${JSON.stringify(rules)}::json) as r(key text, threshold int)
          on conflict (key) do update set
            failures = ${count},
            threshold = excluded.threshold,
            blocked_until = ${blockFor(count, sql`excluded.threshold`)},
            updated_at = ${at}
          returning key, failures, blocked_until`,
    );
    return rows.map((r) => ({
      key: r.key,
      failures: r.failures,
      blockedUntil: r.blocked_until ? new Date(r.blocked_until) : null,
    }));
  }

  async clear(keys: string[]) {
    await this.db.delete(loginThrottles).where(inArray(loginThrottles.key, keys));
  }

  /** Every counter of a user name: from any address and account-wide (an administrator's unlock). */
  async clearName(accountKey: string, pairPrefix: string) {
    await this.db
      .delete(loginThrottles)
      .where(or(eq(loginThrottles.key, accountKey), like(loginThrottles.key, `${escapeLike(pairPrefix)}%`)));
  }

  async blockedUntilOf(keys: string[], now: Date): Promise<Map<string, Date>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db
      .select({ key: loginThrottles.key, blockedUntil: loginThrottles.blockedUntil })
      .from(loginThrottles)
      .where(
        and(inArray(loginThrottles.key, keys), sql`${loginThrottles.blockedUntil} > ${now.toISOString()}::timestamptz`),
      );
    return new Map(rows.map((r) => [r.key, r.blockedUntil as Date]));
  }

  /** Counters untouched for longer than `olderThan`: nothing blocks and nothing counts any more. */
  async purge(olderThan: Date) {
    await this.db.delete(loginThrottles).where(lt(loginThrottles.updatedAt, olderThan));
  }

  async isKnownDevice(userId: string, deviceHash: string) {
    const [row] = await this.db
      .select({ userId: knownDevices.userId })
      .from(knownDevices)
      .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, deviceHash)));
    return Boolean(row);
  }

  async rememberDevice(userId: string, deviceHash: string, at: Date) {
    await this.db
      .insert(knownDevices)
      .values({ userId, deviceHash, lastSeenAt: at })
      .onConflictDoUpdate({ target: [knownDevices.userId, knownDevices.deviceHash], set: { lastSeenAt: at } });
  }
}
