import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.js';
import { runStatement } from '../db/statement.js';
import { likePrefix } from '../rbac/scope.js';
import { domainEvents, eventReceipts } from './events.tables.js';

export const DELIVER_EVENT_JOB = 'events.deliver';
export const DELIVERY_MAX_ATTEMPTS = 8;

/** The columns of an event row as `EventBus.rows` builds them, in this order. */
export const EVENT_COLUMNS = [
  'name',
  'version',
  'subject_type',
  'subject_id',
  'org_path',
  'actor_kind',
  'actor_id',
  'actor_name',
  'payload',
  'idempotency_key',
  'occurred_at',
] as const;
const EVENT_LIST = EVENT_COLUMNS.join(', ');

/**
 * Common table expressions that write events (`$events`: json rows of EVENT_COLUMNS) and one delivery job per
 * (event, listener) (`$routes`: json [{name, listener}]), for a caller's own statement; they add CTEs named
 * `ev` and `evj`. An event whose (name, idempotency key) was recorded before is not recorded or delivered again.
 */
export const eventWrites = (events: string, routes: string) => `
   ev as (
     insert into domain_events (${EVENT_LIST})
     select ${EVENT_LIST} from json_populate_recordset(null::domain_events, ${events}::json)
     on conflict (name, idempotency_key) do nothing
     returning id, name, occurred_at),
   evj as (
     insert into jobs (name, payload, idempotency_key, run_at, created_at, max_attempts)
     select '${DELIVER_EVENT_JOB}', jsonb_build_object('event', ev.id, 'listener', r.listener), ev.id || ':' || r.listener,
            ev.occurred_at, ev.occurred_at, ${DELIVERY_MAX_ATTEMPTS}
       from ev join json_to_recordset(${routes}::json) r(name text, listener text) on r.name = ev.name
     on conflict (name, idempotency_key) do nothing)`;

const RECORD = `with ${eventWrites('$1', '$2')} select count(*)::int as recorded from ev`;

export type DeliveryView = {
  jobId: number;
  eventId: number;
  listener: string;
  status: string;
  attempts: number;
  lastError: string | null;
  runAt: Date;
  finishedAt: Date | null;
  name: string;
  subjectType: string;
  subjectId: string;
  occurredAt: Date;
};

export class EventRepository {
  constructor(private readonly db: Executor) {}

  async record(events: string, routes: string): Promise<number> {
    const [row] = await runStatement<{ recorded: number }>(this.db, 'events_record', RECORD, [events, routes]);
    return row?.recorded ?? 0;
  }

  /** The listener's receipt, written once: false when the listener has handled the event already. */
  async receipt(eventId: number, listener: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .insert(eventReceipts)
      .values({ eventId, listener, handledAt: at })
      .onConflictDoNothing()
      .returning({ eventId: eventReceipts.eventId });
    return rows.length === 1;
  }

  async find(id: number) {
    const [row] = await this.db.select().from(domainEvents).where(eq(domainEvents.id, id));
    return row ?? null;
  }

  /** Deliveries in a status (newest first), of events within the reader's scope; `before` a job id for the next page. */
  deliveries(f: { status: string; scopePath: string; before: number | null; limit: number }) {
    return queryRows<DeliveryView>(
      this.db,
      sql`select j.id as "jobId", e.id as "eventId", j.payload->>'listener' as listener, j.status, j.attempts,
                 j.last_error as "lastError", j.run_at as "runAt", j.finished_at as "finishedAt", e.name,
                 e.subject_type as "subjectType", e.subject_id as "subjectId", e.occurred_at as "occurredAt"
            from jobs j join domain_events e on e.id = (j.payload->>'event')::bigint
           where j.name = ${DELIVER_EVENT_JOB} and j.status = ${f.status}
             and (${f.before}::bigint is null or j.id < ${f.before}::bigint)
             and e.org_path like ${likePrefix(f.scopePath)}
           order by j.id desc limit ${f.limit + 1}`,
    );
  }

  /** A failed delivery queued again from its first attempt; false when it is not a failed delivery in scope. */
  async replay(jobId: number, scopePath: string, now: Date): Promise<boolean> {
    const rows = await queryRows<{ id: number }>(
      this.db,
      sql`update jobs j set status = 'queued', attempts = 0, run_at = ${now}, last_error = null, finished_at = null,
                 locked_by = null, locked_until = null
            from domain_events e
           where j.id = ${jobId} and j.name = ${DELIVER_EVENT_JOB} and j.status = 'failed'
             and e.id = (j.payload->>'event')::bigint and e.org_path like ${likePrefix(scopePath)}
           returning j.id`,
    );
    return rows.length === 1;
  }
}
