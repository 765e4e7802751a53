import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { jobs } from './job.tables.js';

export type JobRow = typeof jobs.$inferSelect;
export type ClaimedJob = Pick<JobRow, 'id' | 'name' | 'payload' | 'attempts' | 'maxAttempts'>;

export class JobRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts a job; a second job with the same name and idempotency key is ignored. Returns whether it was new. */
  async enqueue(row: {
    name: string;
    payload: unknown;
    runAt: Date;
    createdAt: Date;
    idempotencyKey?: string | null;
    maxAttempts?: number;
  }): Promise<boolean> {
    const inserted = await this.db
      .insert(jobs)
      .values({
        name: row.name,
        payload: row.payload ?? {},
        runAt: row.runAt,
        createdAt: row.createdAt,
        idempotencyKey: row.idempotencyKey ?? null,
        maxAttempts: row.maxAttempts ?? 5,
      })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    return inserted.length > 0;
  }

  /**
   * Claims due jobs of the given names: queued ones whose time has come and running ones whose lock expired
   * (their worker died). A worker claims only what it can handle, so instances of different versions coexist.
   * SKIP LOCKED lets several workers claim disjoint rows without waiting on each other.
   */
  async claim(workerId: string, names: string[], now: Date, lockUntil: Date, limit: number): Promise<ClaimedJob[]> {
    if (names.length === 0) return [];
    const result = await this.db.execute(sql`
      update jobs set status = 'running', locked_by = ${workerId}, locked_until = ${lockUntil.toISOString()}::timestamptz,
             attempts = attempts + 1
       where id in (
         select id from jobs
          where name in (${sql.join(
            names.map((n) => sql`${n}`),
            sql`, `,
          )})
            and ((status = 'queued' and run_at <= ${now.toISOString()}::timestamptz)
              or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz))
          order by run_at
          limit ${limit}
          for update skip locked)
      returning id, name, payload, attempts, max_attempts as "maxAttempts"`);
    const rows = (result as unknown as { rows: ClaimedJob[] }).rows;
    // bigserial comes back as a string from node-postgres and a number from PGlite
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      attempts: Number(r.attempts),
      maxAttempts: Number(r.maxAttempts),
    }));
  }

  async complete(id: number, workerId: string, now: Date) {
    await this.db
      .update(jobs)
      .set({ status: 'done', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
  }

  async fail(id: number, workerId: string, error: string, retryAt: Date | null, now: Date) {
    await this.db
      .update(jobs)
      .set(
        retryAt
          ? { status: 'queued', runAt: retryAt, lockedBy: null, lockedUntil: null, lastError: error.slice(0, 2000) }
          : { status: 'failed', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: error.slice(0, 2000) },
      )
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
  }

  async pruneFinished(before: Date) {
    const rows = await this.db
      .delete(jobs)
      .where(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, before)))
      .returning({ id: jobs.id });
    return rows.length;
  }
}
