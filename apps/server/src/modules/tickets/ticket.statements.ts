import { AUDIT_COLUMNS } from '../../platform/audit/audit.service.js';
import { statement } from '../../platform/db/statement.js';
import { columnList, rowWriter } from '../../platform/db/table-rows.js';
import { eventWrites } from '../../platform/events/event.repository.js';
import { TIMELINE_COLUMNS } from '../customers/timeline.service.js';
import { clockWriter, PATCH_ASSIGNMENTS } from '../sla/clock-rows.js';
import { ticketEvents, tickets } from './ticket.tables.js';

/**
 * The tickets' one-statement hot paths, as text: each is prepared once per connection under a name derived from its
 * text. `ticket.statements.sql` is their checked-in rendering (ticket.statements.test.ts regenerates and compares
 * it), so a reviewer sees the final SQL of every change.
 */

export type Raw = Record<string, unknown>;
export type DetailRaw = {
  ticket: Raw;
  project_name: string | null;
  clocks: Raw[];
  events: Raw[];
  work_orders: Raw[];
  callback: Raw | null;
  merged: Raw | null;
};

export const ticketWriter = rowWriter(tickets);
export const eventWriter = rowWriter(ticketEvents, ['id']);

const TICKET_COLUMNS = columnList(tickets, 't');
const AUDIT_LIST = AUDIT_COLUMNS.join(', ');
const TIMELINE_LIST = TIMELINE_COLUMNS.join(', ');
/**
 * A ticket's queue fields as aggregates over its clocks (rows aliased `c`) — earliest running deadline, warning,
 * overdue, highest escalation level of the open ones. The one rule, used by the create and transition statements
 * (over the clocks they write) and by the refresh after the SLA sweep or a work order's clock changes (grouped by
 * ticket).
 */
const QUEUE_COLUMNS = ['next_due_at', 'warning', 'overdue', 'escalation_level'];
const isQueueColumn = (c: string) => QUEUE_COLUMNS.includes(c);
const QUEUE_AGGREGATES = `min(c.due_at) filter (where c.stopped_at is null and c.paused_at is null),
            coalesce(bool_or(c.warned_at is not null) filter (where c.stopped_at is null), false),
            coalesce(bool_or(c.breached_at is not null) filter (where c.stopped_at is null), false),
            coalesce(max(c.escalation_level) filter (where c.stopped_at is null), 0)`;
/** `(next_due_at, …) = (select … from <clocks> c)`: the assignment of an update. */
const assignQueueFields = (clocks: string) =>
  `(${QUEUE_COLUMNS.join(', ')}) = (select ${QUEUE_AGGREGATES} from ${clocks} c)`;

const NUMBER = `$1 || $2 || '-' || lpad(n.last::text, greatest(4, length(n.last::text)), '0')`;

/** The next number of the day, in a statement of its own that commits at once (the counter row is held that long). */
export const nextNumberStatement = statement<{ number: string }>(
  'ticket_next_number',
  `with n as (
     insert into ticket_number_seq (prefix, day, last) values ($1, $2, 1)
     on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last)
   select ${NUMBER} as number from n`,
);

export const findStatement = statement<Raw>('ticket_find', `select ${TICKET_COLUMNS} from tickets t where t.id = $1`);
export const findInScopeStatement = statement<Raw>(
  'ticket_find_in_scope',
  `select ${TICKET_COLUMNS} from tickets t where t.id = $1 and t.org_path like $2`,
);

/**
 * The ticket page as one JSON value (one column parses faster than sixty): the row `t` with its clocks, events,
 * work orders, the callback that matters (a pending one, else the latest: a repair_callback request of the surveys
 * module) and the ticket it was merged into.
 * `clocks` and `events` are the row sources to read them from (a transition adds the rows its own statement wrote,
 * which the statement's snapshot does not show); a `fresh` ticket, just created, has no work orders, callback or
 * merge target yet.
 */
const pageJson = (clocks: string, events: string, fresh = false) => `json_build_object(
     'ticket', row_to_json(t),
     'project_name', (select p.name from org_units p where p.id = t.project_id),
     'clocks', (select coalesce(json_agg(c), '[]') from (select c0.*, (select h.name from org_units h where h.id = c0.holder_org_id) as holder_name
        from (${clocks}) c0 order by started_at, id limit 200) c),
     'events', (select coalesce(json_agg(e), '[]') from (select * from (${events}) e0 order by id limit 500) e),
     ${
       fresh
         ? `'work_orders', '[]'::json, 'callback', null, 'merged', null`
         : `'work_orders', (select coalesce(json_agg(w), '[]') from
        (select w.*, o.name as assignee_org_name from work_orders w join org_units o on o.id = w.assignee_org_id
          where w.ticket_id = t.id order by w.seq) w),
     'callback', (select row_to_json(b) from
        (select id, status, attempts, score, comment, recorded_at, created_at from survey_requests
          where subject_id = t.id and subject_type = 'ticket' and kind = 'repair_callback'
          order by status = 'pending' desc, created_at desc limit 1) b),
     'merged', (select json_build_object('id', m.id, 'number', m.number) from tickets m where m.id = t.merged_into)`
     }
   )`;

/** The ticket page ($1 id, $2 scope pattern). */
export const detailStatement = statement<{ d: DetailRaw }>(
  'ticket_detail',
  `select ${pageJson('select * from sla_clocks where subject_id = t.id', 'select * from ticket_events where ticket_id = t.id')} as d
     from tickets t where t.id = $1 and t.org_path like $2`,
);

/**
 * A new ticket numbered from the day's counter ($1 prefix, $2 day) unless it brings its number ($7), its clocks,
 * created event, audit row (whose `after` gets the number) and domain events ($8, $9), answered with its page. Taking the number here
 * locks the counter row until commit: right when this statement is the whole transaction, wrong when more writes
 * follow (creates would queue behind each other) — those take the number first with `nextNumber`.
 */
export const openStatement = statement<{ d: DetailRaw }>(
  'ticket_open',
  `with n as (
     insert into ticket_number_seq (prefix, day, last) select $1, $2, 1 where $7::text is null
     on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last),
   t as (
     insert into tickets (${ticketWriter.columns})
     select ${ticketWriter.names
       .map((c) => (c === 'number' ? `coalesce($7::text, ${NUMBER})` : isQueueColumn(c) ? `q.${c}` : c))
       .join(', ')}
       from json_populate_record(null::tickets, $3::json) left join n on true,
            (select ${QUEUE_AGGREGATES} from json_populate_recordset(null::sla_clocks, $4::json) c)
              as q(${QUEUE_COLUMNS.join(', ')})
     returning ${columnList(tickets, 'tickets')}),
   c as (
     insert into sla_clocks (${clockWriter.columns})
     select ${clockWriter.columns} from json_populate_recordset(null::sla_clocks, $4::json) returning *),
   e as (
     insert into ticket_events (${eventWriter.columns})
     select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $5::json) returning *),
   a as (
     insert into audit_events (${AUDIT_LIST})
     select ${AUDIT_COLUMNS.map((c) => (c === 'after' ? `a.after || jsonb_build_object('number', t.number)` : `a.${c}`)).join(', ')}
       from json_populate_recordset(null::audit_events, $6::json) a, t),
   ${eventWrites('$8', '$9')}
   select ${pageJson('select * from c', 'select * from e', true)} as d from t`,
);

/** What a change needs ($1 id, $2 scope pattern): the ticket, its open clocks and its company's calendar. */
export const changeStateStatement = statement<{ ticket: Raw; clocks: Raw[]; calendar: Raw | null }>(
  'ticket_change_state',
  `select row_to_json(t) as ticket,
          (select coalesce(json_agg(k), '[]') from sla_clocks k where k.subject_id = t.id and k.stopped_at is null) as clocks,
          (select row_to_json(b) from business_calendars b where b.company_id = t.company_id) as calendar
     from tickets t where t.id = $1 and t.org_path like $2`,
);

/**
 * A transition's one statement. $1 id, $2 expected version, $3 clock patches, $4 new clocks, $5 events, $6 audit,
 * $7 customer-timeline rows, $8 and $9 domain events (`eventWrites`), $10… the ticket's patched columns. Clocks are written first (in the order the SLA
 * sweep locks them: clocks, then the ticket); the ticket's queue fields come from its open clocks as this
 * statement leaves them; the answer is the ticket page. A stale version raises AJ409 (`anju_conflict`), which
 * undoes every write of the statement.
 */
const transitionTexts = new Map<string, string>();
export const transitionText = (columns: string[]) => {
  const key = columns.join(',');
  let text = transitionTexts.get(key);
  if (!text) {
    text = transitionStatement(columns.map((c, i) => `${c} = $${i + 10}`));
    transitionTexts.set(key, text);
  }
  return text;
};
const transitionStatement = (assignments: string[]) => `with
   patched as (
     update sla_clocks k set ${PATCH_ASSIGNMENTS}
       from json_populate_recordset(null::sla_clocks, $3::json) p
      where k.id = p.id and k.subject_id = $1 and k.stopped_at is null
      returning k.*),
   started as (
     insert into sla_clocks (${clockWriter.columns})
     select ${clockWriter.columns} from json_populate_recordset(null::sla_clocks, $4::json) returning *),
   clocks as (
     select * from patched union all select * from started
     union all select * from sla_clocks x where x.subject_id = $1 and x.id not in (select id from patched)),
   moved as (
     update tickets t set ${assignments.map((a) => `${a}, `).join('')}version = $2::int + 1,
            ${assignQueueFields('clocks')}
      where t.id = $1 and t.version = $2
      returning t.*),
   added as (
     insert into ticket_events (${eventWriter.columns})
     select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $5::json) returning *),
   audited as (
     insert into audit_events (${AUDIT_LIST}) select ${AUDIT_LIST} from json_populate_recordset(null::audit_events, $6::json)),
   timeline as (
     insert into customer_timeline (${TIMELINE_LIST})
     select ${TIMELINE_LIST} from json_populate_recordset(null::customer_timeline, $7::json)),
   ${eventWrites('$8', '$9')}
   select ${pageJson('select * from clocks', 'select * from ticket_events where ticket_id = t.id union all select * from added')} as d
     from (select 1) one left join moved t on true
    where case when t.id is not null then true else anju_conflict('VERSION_CONFLICT') end`;

/** The queue fields of these tickets ($1: JSON array of ids) from their clocks as they now stand. */
export const refreshQueueStatement = statement(
  'ticket_queue_refresh',
  `update tickets t set ${QUEUE_COLUMNS.map((c) => `${c} = q.${c}`).join(', ')}
     from (select ids.id, ${QUEUE_AGGREGATES}
             from (select (json_array_elements_text($1::json))::uuid as id) ids
             left join sla_clocks c on c.subject_id = ids.id
            group by ids.id) as q(id, ${QUEUE_COLUMNS.join(', ')})
    where t.id = q.id`,
);

export const addEventsStatement = statement(
  'ticket_events_insert',
  `insert into ticket_events (${eventWriter.columns})
   select ${eventWriter.columns} from json_populate_recordset(null::ticket_events, $1::json)`,
);

/** Every statement's label and text, the transition rendered for a hold (its patched columns vary by action). */
export const statementTexts = (): [string, string][] => [
  ...[
    nextNumberStatement,
    findStatement,
    findInScopeStatement,
    detailStatement,
    openStatement,
    changeStateStatement,
    refreshQueueStatement,
    addEventsStatement,
  ].map((s): [string, string] => [s.label, s.text]),
  ['ticket_transition (hold)', transitionText(['status', 'updated_at', 'held_from', 'hold_reason', 'resume_on'])],
];
