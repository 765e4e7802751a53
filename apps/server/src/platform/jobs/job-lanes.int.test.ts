import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/database.js';
import { jobs } from './job.tables.js';
import { JobRunner } from './job-runner.js';

let database: Database;
let drop: () => Promise<void>;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
});
afterAll(() => drop());

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};
/** Lets every other ready callback (a sibling job, the runner) run before this job goes on; no wall-clock wait. */
const yieldTurns = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

const queue = (runner: JobRunner, name: string, n: number) =>
  runner.enqueueMany(
    database.db,
    name,
    Array.from({ length: n }, (_, i) => ({ payload: { n: i }, idempotencyKey: `${name}:${i}` })),
  );

const countByStatus = async (name: string, status: string) => {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(eq(jobs.name, name), eq(jobs.status, status)));
  return Number(row?.n ?? 0);
};

describe('JobRunner lanes', () => {
  for (const mode of ['tick', 'start'] as const) {
    it(`runs each minute's sweep in its minute behind 10,000 queued deliveries (${mode})`, async () => {
      const clock = new ManualClock(new Date('2026-12-01T02:00:30Z'));
      const bulk = `surge.deliver.${mode}`;
      const sweep = `surge.sweep.${mode}`;
      const r = new JobRunner(database.db, clock, log, { workerId: `surge-${mode}`, pollMs: 5 });
      let delivered = 0;
      const sweeps: { at: Date; deliveredBefore: number }[] = [];
      const threeSweeps = deferred();
      r.define(
        bulk,
        async () => {
          // a slow gateway: every delivery takes a second of the clock's time
          clock.advance(1_000);
          delivered++;
        },
        { concurrency: 4 },
      );
      r.define(sweep, async () => {
        sweeps.push({ at: clock.now(), deliveredBefore: delivered });
        if (sweeps.length === 3) {
          threeSweeps.resolve();
          void r.stop();
        }
      });
      r.schedule(sweep, '* * * * *');
      await queue(r, bulk, 10_000);

      if (mode === 'tick') await r.tick();
      else {
        r.start();
        r.nudge();
        await threeSweeps.promise;
      }
      await r.stop();

      expect(sweeps).toHaveLength(3);
      sweeps.forEach((s, i) => {
        const slot = Date.parse(`2026-12-01T02:0${i + 1}:00Z`);
        expect(s.at.getTime()).toBeGreaterThanOrEqual(slot);
        expect(s.at.getTime() - slot).toBeLessThan(60_000);
      });
      // the sweep did not wait for the backlog: most of it is still queued
      expect(sweeps[0]?.deliveredBefore).toBeLessThan(500);
      expect(await countByStatus(bulk, 'queued')).toBeGreaterThan(9_000);
      expect(await countByStatus(sweep, 'done')).toBe(3);
      expect(await countByStatus(bulk, 'running')).toBe(0); // stop() waited for what was running
    });
  }

  it('claims a due schedule slot ahead of an older backlog when one job may run', async () => {
    const clock = new ManualClock(new Date('2026-12-02T02:00:30Z'));
    const r = new JobRunner(database.db, clock, log, { workerId: 'ahead', maxConcurrency: 1 });
    const ran: string[] = [];
    r.define('ahead.bulk', async () => void ran.push('bulk'), { concurrency: 1 });
    r.define('ahead.sweep', async () => void ran.push('sweep'));
    r.schedule('ahead.sweep', '* * * * *');
    await queue(r, 'ahead.bulk', 50);
    clock.advance(60_000);
    await r.enqueueDueSchedules();
    await r.runDue();
    expect(ran[0]).toBe('sweep');
  });

  it('a long job of one kind does not hold back another kind', async () => {
    const clock = new ManualClock(new Date('2026-12-03T02:00:00Z'));
    const r = new JobRunner(database.db, clock, log, { workerId: 'kinds' });
    const release = deferred();
    const quickDone = deferred();
    let slowStarted = 0;
    let slowFinished = 0;
    let quick = 0;
    r.define('kinds.slow', async () => {
      slowStarted++;
      await release.promise;
      slowFinished++;
    });
    r.define('kinds.quick', async () => {
      if (++quick === 30) quickDone.resolve();
    });
    await queue(r, 'kinds.slow', 2);
    await queue(r, 'kinds.quick', 30);

    const draining = r.tick();
    await quickDone.promise;
    expect(slowStarted).toBe(1); // its lane is one wide: the second slow job waits for the first
    expect(slowFinished).toBe(0);
    release.resolve();
    await draining;
    expect(slowFinished).toBe(2);
    expect(await countByStatus('kinds.quick', 'done')).toBe(30);
  });

  it('keeps every kind within its concurrency and all kinds within the runner limit', async () => {
    const clock = new ManualClock(new Date('2026-12-04T02:00:00Z'));
    const limits = { 'width.three': 3, 'width.one': 1, 'width.five': 5 } as const;
    const r = new JobRunner(database.db, clock, log, { workerId: 'width', maxConcurrency: 6 });
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    let total = 0;
    let peakTotal = 0;
    for (const [name, concurrency] of Object.entries(limits)) {
      r.define(
        name,
        async () => {
          running.set(name, (running.get(name) ?? 0) + 1);
          total++;
          peak.set(name, Math.max(peak.get(name) ?? 0, running.get(name) ?? 0));
          peakTotal = Math.max(peakTotal, total);
          await yieldTurns();
          running.set(name, (running.get(name) ?? 0) - 1);
          total--;
        },
        { concurrency },
      );
      await queue(r, name, 20);
    }
    await r.tick();
    for (const name of Object.keys(limits)) expect(await countByStatus(name, 'done')).toBe(20);
    expect(peak.get('width.one')).toBe(1);
    expect(peak.get('width.three')).toBeLessThanOrEqual(3);
    expect(peak.get('width.five')).toBeLessThanOrEqual(5);
    expect(peakTotal).toBeLessThanOrEqual(6);
    // the lanes were used, not run one job at a time
    expect(peakTotal).toBeGreaterThan(1);
    expect((peak.get('width.three') ?? 0) + (peak.get('width.five') ?? 0)).toBeGreaterThan(2);
  });

  it('two instances draining one backlog run each job once, within each one’s limits', async () => {
    const clock = new ManualClock(new Date('2026-12-05T02:00:00Z'));
    const ran = new Map<number, number>();
    const make = (id: string) => {
      const r = new JobRunner(database.db, clock, log, { workerId: id });
      r.define(
        'pair.job',
        async (p) => {
          const n = (p as { n: number }).n;
          ran.set(n, (ran.get(n) ?? 0) + 1);
          await yieldTurns(1);
        },
        { concurrency: 3 },
      );
      return r;
    };
    const [a, b] = [make('pair-a'), make('pair-b')];
    await queue(a, 'pair.job', 200);
    await Promise.all([a.tick(), b.tick()]);
    expect(ran.size).toBe(200);
    expect([...ran.values()].every((n) => n === 1)).toBe(true);
  });
});
