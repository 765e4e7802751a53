import type { FastifyBaseLogger as Logger } from 'fastify';
import { type Actor, actorOf, type RequestContext } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { Db, Executor, Tx } from '../db/database.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { DELIVER_EVENT_JOB, DELIVERY_MAX_ATTEMPTS, type EVENT_COLUMNS, EventRepository } from './event.repository.js';

/** A change worth telling other modules about, as a service records it. */
export type NewEvent<P = Record<string, unknown>> = {
  /** `<module>.<subject>.<verb>`-style name, e.g. `ticket.created`. */
  name: string;
  version?: number;
  subjectType: string;
  subjectId: string;
  orgPath: string;
  payload: P;
  /** Recording the same (name, key) twice records and delivers it once. */
  idempotencyKey?: string;
};

/** An event as a listener receives it. */
export type DomainEvent<P = Record<string, unknown>> = Required<Omit<NewEvent<P>, 'idempotencyKey'>> & {
  id: number;
  actor: Actor;
  occurredAt: Date;
};

export type ListenerContext = { tx: Tx; clock: Clock; log: Logger };

/**
 * Reacts to one event name. `handle` runs after the change committed, in a transaction of its own together with the
 * listener's receipt: it runs at least once and takes effect once; throwing retries it with back-off.
 */
export type Listener<P = Record<string, unknown>> = {
  /** Unique and stable (receipts and queued deliveries refer to it): `<module>.<what it does>`. */
  name: string;
  /** The event name or names it reacts to. */
  on: string | readonly string[];
  handle(event: DomainEvent<P>, ctx: ListenerContext): Promise<void>;
};

const backoff = (attempt: number) => Math.min(15_000 * 2 ** (attempt - 1), 3_600_000);

/**
 * Domain events after commit: `record` (or `rows` inside a caller's one statement) writes the event and one
 * delivery job per listener in the transaction of the change; the job runner delivers them (docs/decisions.md §23).
 */
export class EventBus {
  private readonly listeners = new Map<string, Listener<never>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
  ) {
    jobs.define(
      DELIVER_EVENT_JOB,
      (payload, ctx) => this.deliver(payload as { event: number; listener: string }, ctx.log),
      { maxAttempts: DELIVERY_MAX_ATTEMPTS, backoffMs: backoff, concurrency: 4 },
    );
  }

  listen<P>(listener: Listener<P>) {
    if (this.listeners.has(listener.name)) throw new Error(`listener ${listener.name} is registered twice`);
    this.listeners.set(listener.name, listener as Listener<never>);
  }

  /** The listener names of an event name (the routes its deliveries take). */
  listenersOf(name: string) {
    return [...this.listeners.values()].filter((l) => [l.on].flat().includes(name)).map((l) => l.name);
  }

  /**
   * The event rows and their routes as JSON parameters for `eventWrites` in a caller's own statement (a hot path
   * that stays one statement).
   */
  rows(ctx: RequestContext | Actor, events: NewEvent<unknown>[]): { events: string; routes: string } {
    const actor = 'principal' in ctx ? actorOf(ctx) : ctx;
    const at = this.clock.now();
    const rows = events.map(
      (e): Record<(typeof EVENT_COLUMNS)[number], unknown> => ({
        name: e.name,
        version: e.version ?? 1,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        org_path: e.orgPath,
        actor_kind: actor.kind,
        actor_id: actor.id,
        actor_name: actor.name,
        payload: e.payload,
        idempotency_key: e.idempotencyKey ?? null,
        occurred_at: at,
      }),
    );
    const names = [...new Set(events.map((e) => e.name))];
    const routes = names.flatMap((name) => this.listenersOf(name).map((listener) => ({ name, listener })));
    return { events: JSON.stringify(rows), routes: JSON.stringify(routes) };
  }

  /** Records events inside the caller's transaction (one statement); they reach listeners after it commits. */
  async record(tx: Executor, ctx: RequestContext | Actor, events: NewEvent<unknown>[]) {
    if (events.length === 0) return 0;
    const { events: rows, routes } = this.rows(ctx, events);
    return new EventRepository(tx).record(rows, routes);
  }

  /** Runs deliveries now rather than at the next poll (after a request's commit). */
  nudge() {
    this.jobs.nudge();
  }

  private async deliver(job: { event: number; listener: string }, log: Logger) {
    const listener = this.listeners.get(job.listener);
    // a listener removed from the code leaves its queued deliveries failing visibly, to be replayed or dropped
    if (!listener) throw new Error(`no listener ${job.listener} in this version`);
    await this.db.transaction(async (tx) => {
      const repo = new EventRepository(tx);
      if (!(await repo.receipt(job.event, job.listener, this.clock.now()))) return;
      const row = await repo.find(job.event);
      if (!row) return;
      const event: DomainEvent<never> = {
        id: row.id,
        name: row.name,
        version: row.version,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        orgPath: row.orgPath,
        payload: row.payload as never,
        actor: { kind: row.actorKind as Actor['kind'], id: row.actorId, name: row.actorName ?? '' },
        occurredAt: row.occurredAt,
      };
      await listener.handle(event, { tx, clock: this.clock, log: log.child({ listener: listener.name }) });
    });
  }
}
