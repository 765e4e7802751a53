import { eq, sql } from 'drizzle-orm';
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

const runner = (clock: ManualClock, name: string, handler: (p: unknown) => Promise<void>, workerId: string) => {
  const r = new JobRunner(database.db, clock, log, { workerId, batch: 5 });
  r.define(name, handler, { maxAttempts: 3, backoffMs: () => 60_000 });
  return r;
};

describe('JobRunner', () => {
  it('two workers claim disjoint jobs: each job runs exactly once', async () => {
    const clock = new ManualClock();
    const ran: number[] = [];
    const handler = async (p: unknown) => {
      ran.push((p as { n: number }).n);
    };
    const w1 = runner(clock, 'count-once', handler, 'w1');
    const w2 = runner(clock, 'count-once', handler, 'w2');
    for (let n = 0; n < 40; n++) await w1.enqueue(database.db, 'count-once', { n });
    for (;;) {
      const [a, b] = await Promise.all([w1.runDue(), w2.runDue()]);
      if (a + b === 0) break;
    }
    expect(ran.sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
  });

  it('retries a failing job with back-off and gives up after maxAttempts, keeping the error', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const w = runner(
      clock,
      'always-fails',
      async () => {
        calls++;
        throw new Error('supplier API down');
      },
      'w-fail',
    );
    await w.enqueue(database.db, 'always-fails', {});
    expect(await w.runDue()).toBe(1);
    expect(await w.runDue()).toBe(0); // back-off: not due yet
    clock.advance(60_001);
    expect(await w.runDue()).toBe(1);
    clock.advance(60_001);
    expect(await w.runDue()).toBe(1);
    clock.advance(60_001);
    expect(await w.runDue()).toBe(0);
    expect(calls).toBe(3);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.name, 'always-fails'));
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toBe('supplier API down');
  });

  it('reclaims the job of a worker that died mid-run', async () => {
    const clock = new ManualClock();
    const ran: string[] = [];
    const w = runner(
      clock,
      'orphaned',
      async () => {
        ran.push('done');
      },
      'w-alive',
    );
    await w.enqueue(database.db, 'orphaned', {});
    // A dead worker claimed it and never finished.
    await database.db.execute(
      sql`update jobs set status = 'running', locked_by = 'w-dead', locked_until = ${new Date(clock.now().getTime() + 1000).toISOString()}::timestamptz where name = 'orphaned'`,
    );
    expect(await w.runDue()).toBe(0);
    clock.advance(2000);
    expect(await w.runDue()).toBe(1);
    expect(ran).toEqual(['done']);
  });

  it('enqueues a job once per idempotency key', async () => {
    const clock = new ManualClock();
    const w = runner(clock, 'keyed', async () => undefined, 'w-key');
    expect(await w.enqueue(database.db, 'keyed', {}, { idempotencyKey: 'k1' })).toBe(true);
    expect(await w.enqueue(database.db, 'keyed', {}, { idempotencyKey: 'k1' })).toBe(false);
    const rows = await database.db.select().from(jobs).where(eq(jobs.name, 'keyed'));
    expect(rows).toHaveLength(1);
  });

  it('two instances with the same schedule enqueue each slot once', async () => {
    const clock = new ManualClock(new Date('2026-11-23T02:00:30Z'));
    const make = (id: string) => {
      const r = runner(clock, 'every-minute', async () => undefined, id);
      r.schedule('every-minute', '* * * * *');
      return r;
    };
    const [a, b] = [make('s1'), make('s2')];
    clock.advance(60_000);
    await Promise.all([a.enqueueDueSchedules(), b.enqueueDueSchedules()]);
    let rows = await database.db.select().from(jobs).where(eq(jobs.name, 'every-minute'));
    expect(rows).toHaveLength(1);
    clock.advance(3 * 60_000);
    for (let i = 0; i < 3; i++) await Promise.all([a.enqueueDueSchedules(), b.enqueueDueSchedules()]);
    rows = await database.db.select().from(jobs).where(eq(jobs.name, 'every-minute'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(rows.length);
  });

  it('leaves jobs it has no handler for to the instances that do', async () => {
    const clock = new ManualClock(new Date('2027-01-01T00:00:00Z'));
    const w = runner(clock, 'known-here', async () => undefined, 'w-partial');
    await w.enqueue(database.db, 'handled-elsewhere', {});
    await w.runDue();
    const [row] = await database.db.select().from(jobs).where(eq(jobs.name, 'handled-elsewhere'));
    expect(row?.status).toBe('queued');
    expect(row?.attempts).toBe(0);
  });
});
