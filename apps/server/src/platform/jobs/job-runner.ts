import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Clock } from '../clock.js';
import { type Db, type Executor, insertJsonRows } from '../db/database.js';
import { JobRepository } from './job.repository.js';

export type JobContext = { db: Db; clock: Clock; log: Logger; jobId: number; attempt: number };
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;
type Definition = { handler: JobHandler; maxAttempts: number; backoffMs: (attempt: number) => number };
type Schedule = { name: string; cron: Cron; nextAt: Date };

export type JobRunnerOptions = { workerId?: string; pollMs?: number; lockMs?: number; batch?: number };

const defaultBackoff = (attempt: number) => Math.min(60_000 * 2 ** (attempt - 1), 3_600_000);

/**
 * Durable jobs in Postgres (both drivers): a definition per name, a handler, claim with SKIP LOCKED,
 * retries with back-off. Periodic jobs are enqueued with the slot time as idempotency key, so two
 * instances ticking together enqueue each slot once.
 */
export class JobRunner {
  private readonly definitions = new Map<string, Definition>();
  private readonly schedules: Schedule[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly batch: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: JobRunnerOptions = {},
  ) {
    this.workerId = opts.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.pollMs = opts.pollMs ?? 5_000;
    this.lockMs = opts.lockMs ?? 5 * 60_000;
    this.batch = opts.batch ?? 10;
  }

  define(
    name: string,
    handler: JobHandler,
    opts: { maxAttempts?: number; backoffMs?: (attempt: number) => number } = {},
  ) {
    this.definitions.set(name, {
      handler,
      maxAttempts: opts.maxAttempts ?? 5,
      backoffMs: opts.backoffMs ?? defaultBackoff,
    });
  }

  /** Runs `name` on a cron pattern (croner syntax, Asia/Shanghai). */
  schedule(name: string, pattern: string) {
    const cron = new Cron(pattern, { paused: true, timezone: 'Asia/Shanghai' });
    const nextAt = cron.nextRun(this.clock.now()) ?? new Date(8.64e15);
    this.schedules.push({ name, cron, nextAt });
  }

  enqueue(db: Executor, name: string, payload: unknown, opts: { runAt?: Date; idempotencyKey?: string } = {}) {
    const now = this.clock.now();
    return new JobRepository(db).enqueue({
      name,
      payload,
      runAt: opts.runAt ?? now,
      createdAt: now,
      idempotencyKey: opts.idempotencyKey ?? null,
      maxAttempts: this.definitions.get(name)?.maxAttempts,
    });
  }

  /** Many jobs of one name in one statement (e.g. one delivery per outbox message written by a sweep). */
  async enqueueMany(db: Executor, name: string, items: { payload: unknown; idempotencyKey: string; runAt?: Date }[]) {
    if (items.length === 0) return;
    const now = this.clock.now();
    await insertJsonRows(
      db,
      'jobs',
      ['name', 'payload', 'idempotency_key', 'run_at', 'created_at', 'max_attempts'],
      items.map((i) => ({
        name,
        payload: i.payload,
        idempotency_key: i.idempotencyKey,
        run_at: i.runAt ?? now,
        created_at: now,
        max_attempts: this.definitions.get(name)?.maxAttempts ?? 5,
      })),
      sql`on conflict (name, idempotency_key) do nothing`,
    );
  }

  /** Enqueues every schedule slot that has come due. */
  async enqueueDueSchedules() {
    const now = this.clock.now();
    for (const s of this.schedules) {
      if (now < s.nextAt) continue;
      await this.enqueue(this.db, s.name, {}, { runAt: s.nextAt, idempotencyKey: `slot:${s.nextAt.toISOString()}` });
      s.nextAt = s.cron.nextRun(now) ?? new Date(8.64e15);
    }
  }

  /** Claims and runs one batch of due jobs; returns how many ran. */
  async runDue(): Promise<number> {
    const repo = new JobRepository(this.db);
    const now = this.clock.now();
    const claimed = await repo.claim(
      this.workerId,
      [...this.definitions.keys()],
      now,
      new Date(now.getTime() + this.lockMs),
      this.batch,
    );
    for (const job of claimed) {
      const def = this.definitions.get(job.name);
      const log = this.log.child({ job: job.name, jobId: job.id });
      try {
        if (!def) throw new Error(`no handler defined for job ${job.name}`); // unreachable: only defined names are claimed
        await def.handler(job.payload, { db: this.db, clock: this.clock, log, jobId: job.id, attempt: job.attempts });
        await repo.complete(job.id, this.workerId, this.clock.now());
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const retry = def && job.attempts < job.maxAttempts;
        log.warn({ err, attempt: job.attempts, retry }, 'job failed');
        const at = this.clock.now();
        await repo.fail(
          job.id,
          this.workerId,
          message,
          retry ? new Date(at.getTime() + def.backoffMs(job.attempts)) : null,
          at,
        );
      }
    }
    return claimed.length;
  }

  async tick() {
    await this.enqueueDueSchedules();
    while ((await this.runDue()) === this.batch) {
      /* keep draining while full batches come back */
    }
  }

  /**
   * Runs due jobs now instead of at the next poll, without waiting for them: for work a request hands off after
   * commit (a login code's SMS). Does nothing where jobs are not started here; the poll picks the job up anyway.
   */
  nudge() {
    if (!this.timer || this.running) return;
    // a second pass delivers what the first one wrote (the SMS a handed-off job puts in the outbox)
    this.running = this.tick()
      .then(() => this.runDue())
      .catch((err) => this.log.error({ err }, 'job tick failed'))
      .finally(() => {
        this.running = null;
      });
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err) => this.log.error({ err }, 'job tick failed'))
        .finally(() => {
          this.running = null;
        });
    }, this.pollMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
