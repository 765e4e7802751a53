import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { withinScope } from '../rbac/scope.js';
import { importJobs } from './import-job.tables.js';

export type ImportJobRow = typeof importJobs.$inferSelect;

export class ImportJobRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
    const [created] = await this.db.insert(importJobs).values(row).returning();
    if (!created) throw new Error('insert returned nothing');
    return created;
  }

  async find(id: string): Promise<ImportJobRow | null> {
    const [row] = await this.db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
    return row ?? null;
  }

  async findInScope(id: string, scopePath: string): Promise<ImportJobRow | null> {
    const [row] = await this.db
      .select()
      .from(importJobs)
      .where(and(eq(importJobs.id, id), withinScope(importJobs.orgPath, scopePath)))
      .limit(1);
    return row ?? null;
  }

  list(scopePath: string, kind: string | undefined, before: Date | undefined, limit: number) {
    return this.db
      .select()
      .from(importJobs)
      .where(
        and(
          withinScope(importJobs.orgPath, scopePath),
          kind ? eq(importJobs.kind, kind) : undefined,
          before ? lt(importJobs.createdAt, before) : undefined,
        ),
      )
      .orderBy(desc(importJobs.createdAt))
      .limit(limit + 1);
  }

  async update(id: string, patch: Partial<typeof importJobs.$inferInsert>) {
    await this.db.update(importJobs).set(patch).where(eq(importJobs.id, id));
  }
}
