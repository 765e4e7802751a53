import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.js';
import type { Actor } from '../auth/principal.js';
import { ManualClock } from '../clock.js';
import { type Database, queryRows } from '../db/database.js';
import { JobRunner } from '../jobs/job-runner.js';
import { EventRepository } from './event.repository.js';
import { type DomainEvent, EventBus, type Listener } from './event-bus.js';

let database: Database;
let drop: () => Promise<void>;
const log = pino({ level: 'silent' });
const system: Actor = { kind: 'system', id: null, name: 'test' };

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  await database.db.execute(sql`create table listener_effects (listener text, event_id bigint, subject text)`);
});
afterAll(() => drop());

/** A bus and its runner as one server instance has them, with listeners that write their effect in their tx. */
function instance(clock: ManualClock, id: string, listeners: Listener[]) {
  const jobs = new JobRunner(database.db, clock, log, { workerId: id });
  const bus = new EventBus(database.db, clock, jobs);
  for (const l of listeners) bus.listen(l);
  return { jobs, bus };
}

const effect = (name: string, on: string, also?: (e: DomainEvent) => void): Listener => ({
  name,
  on,
  async handle(event, { tx }) {
    also?.(event);
    await tx.execute(sql`insert into listener_effects values (${name}, ${event.id}, ${event.subjectId})`);
  },
});

const effects = (subject: string) =>
  queryRows<{ listener: string }>(
    database.db,
    sql`select listener from listener_effects where subject = ${subject} order by listener`,
  );

async function drain(...runners: JobRunner[]) {
  for (let i = 0; i < 50; i++) {
    const ran = await Promise.all(runners.map((r) => r.runDue()));
    if (ran.every((n) => n === 0)) return;
  }
}

describe('domain events', () => {
  it('reach every listener of their name after commit, none when the change rolls back', async () => {
    const clock = new ManualClock();
    const { jobs, bus } = instance(clock, 'a', [
      effect('t.first', 'thing.made'),
      effect('t.second', 'thing.made'),
      effect('t.other', 'thing.gone'),
    ]);
    await database.db.transaction(async (tx) => {
      await bus.record(tx, system, [
        { name: 'thing.made', subjectType: 'thing', subjectId: 'kept', orgPath: '/', payload: {} },
      ]);
    });
    await database.db
      .transaction(async (tx) => {
        await bus.record(tx, system, [
          { name: 'thing.made', subjectType: 'thing', subjectId: 'rolled-back', orgPath: '/', payload: {} },
        ]);
        throw new Error('the change fails');
      })
      .catch(() => undefined);
    await drain(jobs);
    expect((await effects('kept')).map((e) => e.listener)).toEqual(['t.first', 't.second']);
    expect(await effects('rolled-back')).toEqual([]);
  });

  it('records an event once per idempotency key', async () => {
    const clock = new ManualClock();
    const { jobs, bus } = instance(clock, 'a', [effect('k.only', 'key.made')]);
    const once = {
      name: 'key.made',
      subjectType: 'k',
      subjectId: 'same-key',
      orgPath: '/',
      payload: {},
      idempotencyKey: 'k1',
    };
    expect(await bus.record(database.db, system, [once])).toBe(1);
    expect(await bus.record(database.db, system, [once])).toBe(0);
    await drain(jobs);
    expect(await effects('same-key')).toEqual([{ listener: 'k.only' }]);
  });

  it('a failing listener retries with back-off, then shows as failed and can be replayed; others are not held up', async () => {
    const clock = new ManualClock();
    let broken = true;
    const { jobs, bus } = instance(clock, 'a', [
      effect('f.flaky', 'flaky.made', () => {
        if (broken) throw new Error('downstream is down');
      }),
      effect('f.fine', 'flaky.made'),
    ]);
    await bus.record(database.db, system, [
      { name: 'flaky.made', subjectType: 'f', subjectId: 'flaky', orgPath: '/', payload: {} },
    ]);
    await drain(jobs);
    expect((await effects('flaky')).map((e) => e.listener)).toEqual(['f.fine']);
    // eight attempts, each after a longer wait
    for (let attempt = 2; attempt <= 8; attempt++) {
      clock.advance(2 * 3_600_000);
      await drain(jobs);
    }
    const repo = new EventRepository(database.db);
    const failed = (await repo.deliveries({ status: 'failed', scopePath: '/', before: null, limit: 50 })).filter(
      (d) => d.subjectId === 'flaky',
    );
    expect(failed).toMatchObject([{ listener: 'f.flaky', attempts: 8, lastError: 'downstream is down' }]);
    broken = false;
    expect(await repo.replay((failed[0] as { jobId: number }).jobId, '/', clock.now())).toBe(true);
    await drain(jobs);
    expect((await effects('flaky')).map((e) => e.listener)).toEqual(['f.fine', 'f.flaky']);
    expect(await repo.replay((failed[0] as { jobId: number }).jobId, '/', clock.now())).toBe(false);
  });

  it('two instances deliver each event to each listener once in effect, even when a delivery runs twice', async () => {
    const clock = new ManualClock();
    const calls: number[] = [];
    const listeners = () => [effect('two.counted', 'two.made', (e) => calls.push(e.id))];
    const a = instance(clock, 'a', listeners());
    const b = instance(clock, 'b', listeners());
    const subjects = Array.from({ length: 20 }, (_, i) => `two-${i}`);
    await a.bus.record(
      database.db,
      system,
      subjects.map((s) => ({ name: 'two.made', subjectType: 't', subjectId: s, orgPath: '/', payload: {} })),
    );
    await drain(a.jobs, b.jobs);
    // an instance killed after the listener committed but before its job was marked done: the job runs again
    await database.db.execute(
      sql`update jobs set status = 'queued', finished_at = null where name = 'events.deliver' and payload->>'listener' = 'two.counted'`,
    );
    await drain(a.jobs, b.jobs);
    const rows = await queryRows<{ subject: string; n: number }>(
      database.db,
      sql`select subject, count(*)::int as n from listener_effects where listener = 'two.counted' group by subject`,
    );
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(calls).toHaveLength(20);
  });
});
