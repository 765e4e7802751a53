import { and, eq, lt } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { idempotencyKeys } from './idempotency.tables.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export class IdempotencyRepository {
  constructor(private readonly db: Executor) {}

  async find(scope: string, key: string): Promise<IdempotencyRow | null> {
    const [row] = await this.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    return row ?? null;
  }

  async insert(row: IdempotencyRow) {
    await this.db.insert(idempotencyKeys).values(row);
  }

  async purge(before: Date) {
    await this.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
  }
}
