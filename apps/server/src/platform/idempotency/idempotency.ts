import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import type { Db, Executor } from '../db/database.js';
import { isUniqueViolation } from '../db/pg-errors.js';
import { AppError } from '../errors.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const KEY = /^[\w-]{8,100}$/;
const WAIT_FOR_FIRST_MS = 10_000;

export type Idempotent = { scope: string; key: string; requestHash: string };

/**
 * `Idempotency-Key` on creating routes used by integrations. The key is recorded by the create itself (`record`,
 * inside its transaction), so a retry after a timeout or a 503 answers the record the first attempt made, and two
 * concurrent attempts make one record: the second one's key insert conflicts and its transaction rolls back.
 */
export class IdempotencyService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** The key of this request, or null when none was sent; a malformed key is refused. */
  of(principal: Principal, kind: string, header: unknown, body: unknown): Idempotent | null {
    if (header === undefined) return null;
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'headers.idempotency-key', message: '8–100 of A–Z a–z 0–9 _ -' },
      ]);
    }
    const who = principal.via === 'token' ? `token:${principal.tokenId}` : `user:${principal.userId}`;
    return {
      scope: `${kind}:${who}`,
      key: header,
      requestHash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
    };
  }

  /** The record an earlier request with this key made; refused when that request had another body. */
  async earlier(k: Idempotent): Promise<string | null> {
    const row = await new IdempotencyRepository(this.db).find(k.scope, k.key);
    if (!row) return null;
    if (row.requestHash !== k.requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return row.resourceId;
  }

  /** Written by the create, in its transaction. */
  async record(tx: Executor, k: Idempotent, resourceId: string) {
    await new IdempotencyRepository(tx).insert({ ...k, resourceId, createdAt: this.now() });
  }

  /**
   * Runs `create` unless the key already made a record, which is then answered by `replay`. A create that lost the
   * race to a concurrent one with the same key answers that one's record.
   */
  async run<T>(k: Idempotent | null, create: () => Promise<T>, replay: (id: string) => Promise<T>): Promise<T> {
    if (!k) return create();
    const before = await this.earlier(k);
    if (before) return replay(before);
    try {
      return await create();
    } catch (err) {
      if (!isUniqueViolation(err, 'idempotency_keys_scope_key_pk')) throw err;
      return replay(await this.waitForFirst(k));
    }
  }

  private async waitForFirst(k: Idempotent) {
    const until = Date.now() + WAIT_FOR_FIRST_MS;
    while (Date.now() < until) {
      const id = await this.earlier(k);
      if (id) return id;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new AppError('SUBMISSION_IN_PROGRESS');
  }

  /** Keys older than `before` are forgotten (a retry comes within minutes, not days). */
  async purge(before: Date) {
    await new IdempotencyRepository(this.db).purge(before);
  }
}
