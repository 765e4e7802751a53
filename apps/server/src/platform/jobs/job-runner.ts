import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { FastifyBaseLogger as Logger } from 'fastify';
import pg from 'pg';
import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/database.js';
import { type ClaimedJob, JobRepository } from './job.repository.js';

export type JobContext = { db: Db; clock: Clock; log: Logger; jobId: number; attempt: number };
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;
type Definition = {
  handler: JobHandler;
  maxAttempts: number;
  backoffMs: (attempt: number) => number;
  concurrency: number;
};
type Schedule = { name: string; cron: Cron; nextAt: Date };
type Held = { job: ClaimedJob; done: Promise<void>; finish: () => void };

const PREFETCH = 4;

export type JobRunnerOptions = {
  workerId?: string;
  pollMs?: number;
  lockMs?: number;
  /** Most jobs one claim statement takes (a pass claims again while they come back full). */
  batch?: number;
  /** Most jobs running at once in this process, all names together (default: see `defaultMaxConcurrency`). */
  maxConcurrency?: number;
};

export type DefineOptions = {
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  /** Jobs of this name running at once in this process (default 1). */
  concurrency?: number;
};

const defaultBackoff = (attempt: number) => Math.min(60_000 * 2 ** (attempt - 1), 3_600_000);

/**
 * Eight jobs at once; on PostgreSQL no more than the pool less two connections, so requests still get one while
 * the jobs hold theirs. PGlite runs one statement (and one transaction) at a time for every caller, so jobs there
 * overlap only in what they wait on outside the database (an SMS gateway), and cannot interleave inside another
 * job's transaction.
 */
export function defaultMaxConcurrency(db: Db): number {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) return Math.max(2, Math.min(8, (client.options.max ?? 10) - 2));
  return 8;
}

/**
 * Durable jobs in Postgres (both drivers): a definition per name, a handler, claim with SKIP LOCKED,
 * retries with back-off. Periodic jobs are enqueued with the slot time as idempotency key, so two
 * instances ticking together enqueue each slot once.
 *
 * Each name is a lane with its own concurrency; a pass claims only into free lanes, scheduled names first, so a
 * backlog of one name never holds another back. Once started, a pass runs on every poll and whenever a lane runs
 * dry, and every pass enqueues due schedule slots first: a slot is enqueued and claimed within a poll of its time
 * however long the backlog is (docs/decisions.md §25).
 */
export class JobRunner {
  private readonly definitions = new Map<string, Definition>();
  private readonly schedules: Schedule[] = [];
  private readonly scheduled = new Set<string>();
  private readonly active = new Map<string, number>();
  private readonly inflight = new Set<Promise<void>>();
  /** Claimed jobs waiting for room in their lane, oldest first. */
  private readonly waiting = new Map<string, Held[]>();
  private timer: NodeJS.Timeout | null = null;
  /** The pass in progress; passes never overlap, a request for one during a pass makes it go round again. */
  private pass: Promise<void> | null = null;
  private again = false;
  private draining = 0;
  private stopping = false;
  private halting: Promise<void> | null = null;
  private turn = 0;
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly batch: number;
  readonly maxConcurrency: number;

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
    this.maxConcurrency = opts.maxConcurrency ?? defaultMaxConcurrency(db);
    if (!Number.isInteger(this.maxConcurrency) || this.maxConcurrency < 1)
      throw new Error('maxConcurrency must be >= 1');
  }

  define(name: string, handler: JobHandler, opts: DefineOptions = {}) {
    const concurrency = opts.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`${name}: concurrency must be >= 1`);
    this.definitions.set(name, {
      handler,
      maxAttempts: opts.maxAttempts ?? 5,
      backoffMs: opts.backoffMs ?? defaultBackoff,
      concurrency,
    });
  }

  /** Runs `name` on a cron pattern (croner syntax, Asia/Shanghai). */
  schedule(name: string, pattern: string) {
    const cron = new Cron(pattern, { paused: true, timezone: 'Asia/Shanghai' });
    const nextAt = cron.nextRun(this.clock.now()) ?? new Date(8.64e15);
    this.schedules.push({ name, cron, nextAt });
    this.scheduled.add(name);
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
    const maxAttempts = this.definitions.get(name)?.maxAttempts ?? 5;
    await new JobRepository(db).enqueueMany(
      items.map((i) => ({
        name,
        payload: i.payload,
        idempotencyKey: i.idempotencyKey,
        runAt: i.runAt ?? now,
        createdAt: now,
        maxAttempts,
      })),
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

  /** Jobs of `name` (or of all names) running in this process now. */
  runningCount(name?: string): number {
    if (name !== undefined) return this.active.get(name) ?? 0;
    let n = 0;
    for (const v of this.active.values()) n += v;
    return n;
  }

  /** Claims one batch of due jobs into the lanes and runs it (each lane's jobs side by side); returns how many ran. */
  async runDue(): Promise<number> {
    const claimed = await this.claim();
    this.dispatch();
    await Promise.all(claimed.map((h) => h.done));
    return claimed.length;
  }

  /** Runs until nothing is due and nothing runs, enqueueing schedule slots as they come due on the way. */
  async tick() {
    this.draining++;
    try {
      await this.requestPass();
      for (;;) {
        if (this.pass) await this.pass;
        else if (this.inflight.size > 0) await Promise.race(this.inflight);
        else break;
      }
    } finally {
      this.draining--;
    }
  }

  /**
   * Runs due jobs now instead of at the next poll, without waiting for them: for work a request hands off after
   * commit (a login code's SMS). Does nothing where jobs are not started here; the poll picks the job up anyway.
   * What the job writes (the SMS it puts in the outbox) is claimed by the pass that follows its end.
   */
  nudge() {
    if (!this.timer) return;
    void this.requestPass();
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.requestPass(), this.pollMs);
    this.timer.unref();
  }

  /** Stops claiming, hands back claimed jobs that have not started, and waits for the running ones to end. */
  stop(): Promise<void> {
    // a second call while stopping waits for the same stop
    this.halting ??= this.halt().finally(() => {
      this.halting = null;
    });
    return this.halting;
  }

  private async halt() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping = true;
    try {
      await this.pass;
      const unstarted = [...this.waiting.values()].flat();
      this.waiting.clear();
      if (unstarted.length) {
        await new JobRepository(this.db)
          .release(
            unstarted.map((h) => h.job.id),
            this.workerId,
          )
          .catch((err) => this.log.error({ err }, 'claimed jobs not handed back; their locks will expire'));
      }
      for (const h of unstarted) h.finish();
      while (this.inflight.size > 0) await Promise.all(this.inflight);
    } finally {
      this.stopping = false;
    }
  }

  private requestPass(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = (async () => {
      try {
        let full = false;
        do {
          this.again = false;
          await this.enqueueDueSchedules();
          // a claim cut short by `batch` leaves lanes unserved: claim again for them at once
          full = (await this.claim()).length === this.batch;
          this.dispatch();
        } while ((this.again || full) && !this.stopping);
      } catch (err) {
        this.log.error({ err }, 'job pass failed');
      } finally {
        this.pass = null;
      }
    })();
    return this.pass;
  }

  /** Scheduled names first, then the others starting one further along on every claim. */
  private laneOrder(): string[] {
    const names = [...this.definitions.keys()];
    const backlog = names.filter((n) => !this.scheduled.has(n));
    const start = backlog.length ? this.turn % backlog.length : 0;
    return [...names.filter((n) => this.scheduled.has(n)), ...backlog.slice(start), ...backlog.slice(0, start)];
  }

  private heldCount(name: string) {
    return this.runningCount(name) + (this.waiting.get(name)?.length ?? 0);
  }

  /**
   * Claims into each lane up to PREFETCH rounds of its concurrency, so a backlog costs one claim per several jobs;
   * a claimed job waits at most a few of its lane's jobs before it starts, well inside its lock.
   */
  private async claim(): Promise<Held[]> {
    let held = 0;
    for (const name of this.definitions.keys()) held += this.heldCount(name);
    const room = Math.min(this.batch, this.maxConcurrency * PREFETCH - held);
    if (room <= 0) return [];
    // only lanes with nothing waiting are refilled, so a busy lane claims once per few of its jobs
    const lanes = this.laneOrder()
      .filter((name) => !this.waiting.get(name)?.length)
      .map((name) => ({
        name,
        limit: (this.definitions.get(name)?.concurrency ?? 1) * PREFETCH - this.runningCount(name),
      }))
      .filter((l) => l.limit > 0);
    if (lanes.length === 0) return [];
    this.turn++;
    const now = this.clock.now();
    const jobs = await new JobRepository(this.db).claim(
      this.workerId,
      lanes,
      now,
      new Date(now.getTime() + this.lockMs),
      room,
    );
    return jobs.map((job) => {
      let finish!: () => void;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const h: Held = { job, done, finish };
      const queue = this.waiting.get(job.name) ?? [];
      queue.push(h);
      this.waiting.set(job.name, queue);
      return h;
    });
  }

  /**
   * Starts waiting jobs wherever their lane and the runner have room, scheduled lanes first. The runner's last free
   * slot goes only to a lane with nothing running, so one kind never takes every slot from the others.
   */
  private dispatch() {
    for (const name of this.laneOrder()) {
      const queue = this.waiting.get(name);
      const width = this.definitions.get(name)?.concurrency ?? 1;
      while (queue?.length && this.runningCount(name) < width) {
        const free = this.maxConcurrency - this.runningCount();
        if (free <= 0 || (free === 1 && this.maxConcurrency > 1 && this.runningCount(name) > 0)) break;
        this.launch(queue.shift() as Held);
      }
    }
  }

  /** Runs a claimed job; its end starts the next waiting one, and refills the lane when on a timer or in `tick`. */
  private launch(h: Held) {
    const { job } = h;
    this.active.set(job.name, this.runningCount(job.name) + 1);
    const run = this.execute(job).finally(() => {
      this.active.set(job.name, this.runningCount(job.name) - 1);
      this.inflight.delete(run);
      h.finish();
      if (this.stopping) return;
      this.dispatch();
      // claim again once the lane has nothing waiting (passes also come with every poll)
      if ((this.timer || this.draining > 0) && !this.waiting.get(job.name)?.length) void this.requestPass();
    });
    this.inflight.add(run);
  }

  private async execute(job: ClaimedJob) {
    const repo = new JobRepository(this.db);
    const def = this.definitions.get(job.name);
    const log = this.log.child({ job: job.name, jobId: job.id });
    try {
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
    } catch (err) {
      // the database is gone: the row keeps its lock and is claimed again once the lock expires
      log.error({ err }, 'job outcome not recorded');
    }
  }
}
