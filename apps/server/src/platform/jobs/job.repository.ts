import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Executor, insertJsonRows } from '../db/database.js';
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

  /** Many jobs of one name in one statement; those whose (name, idempotency key) exists are ignored. */
  async enqueueMany(
    rows: {
      name: string;
      payload: unknown;
      idempotencyKey: string;
      runAt: Date;
      createdAt: Date;
      maxAttempts: number;
    }[],
  ) {
    await insertJsonRows(
      this.db,
      'jobs',
      ['name', 'payload', 'idempotency_key', 'run_at', 'created_at', 'max_attempts'],
      rows.map((r) => ({
        name: r.name,
        payload: r.payload,
        idempotency_key: r.idempotencyKey,
        run_at: r.runAt,
        created_at: r.createdAt,
        max_attempts: r.maxAttempts,
      })),
      sql`on conflict (name, idempotency_key) do nothing`,
    );
  }

  /**
   * Claims due jobs, at most `lane.limit` of each name and `total` in all: queued ones whose time has come and
   * running ones whose lock expired (their worker died). A worker claims only what it can handle, so instances of
   * different versions coexist. Each name is looked up on its own (jobs_lane_idx), so a backlog of one name never
   * hides another's due row; when `total` is short, lanes earlier in the list are served first.
   * SKIP LOCKED lets several workers claim disjoint rows without waiting on each other.
   */
  async claim(
    workerId: string,
    lanes: { name: string; limit: number }[],
    now: Date,
    lockUntil: Date,
    total: number,
  ): Promise<ClaimedJob[]> {
    if (lanes.length === 0 || total <= 0) return [];
    const at = now.toISOString();
    const result = await this.db.execute(sql`
      update jobs set status = 'running', locked_by = ${workerId}, locked_until = ${lockUntil.toISOString()}::timestamptz,
             attempts = attempts + 1
       where id in (
         select j.id
           from json_to_recordset(${JSON.stringify(lanes.map((l, rank) => ({ ...l, rank })))}::json)
                as l(name text, "limit" int, rank int)
           cross join lateral (
             select * from (
               select id, run_at from jobs
                where name = l.name and status = 'queued' and run_at <= ${at}::timestamptz
                order by run_at
                limit l."limit"
                for update skip locked) queued
             union all
             select * from (
               select id, run_at from jobs
                where name = l.name and status = 'running' and locked_until < ${at}::timestamptz
                limit l."limit"
                for update skip locked) orphaned) j
          order by l.rank, j.run_at
          limit ${total})
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

  /** Hands claimed jobs that never started back to the queue, as if never claimed. */
  async release(ids: number[], workerId: string) {
    if (ids.length === 0) return;
    await this.db
      .update(jobs)
      .set({ status: 'queued', lockedBy: null, lockedUntil: null, attempts: sql`${jobs.attempts} - 1` })
      .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')));
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
