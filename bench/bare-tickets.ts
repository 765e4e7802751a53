import Fastify from 'fastify';
import type pg from 'pg';

/**
 * The baseline the ticket benchmarks divide by: Fastify + pg doing each operation's essential reads and writes in ONE
 * statement, with no permission, scope, state-machine or SLA-policy check and no response schema.
 *  - create: takes the day's number and inserts a repair ticket for the owner's home (name and unit code read from
 *    the customer and unit rows), its three SLA clocks, its `created` event, its audit row, the owner's timeline entry
 *    and ticket relation, the acknowledgement SMS in the outbox and its delivery job;
 *  - get: the ticket row with its clocks and events as one JSON value (the page without work orders and callback);
 *  - transition: updates status and version if the version matches, pauses or resumes its running clocks, and
 *    inserts the event, the audit row, the domain event and one delivery job (as the full stack records a move).
 */
export async function bareTicketServer(pool: pg.Pool) {
  const bare = Fastify();
  bare.post('/bare/tickets', async (req) => {
    const b = req.body as { customerId: string; unitId: string; phone: string };
    const { rows } = await pool.query(
      `with n as (insert into ticket_number_seq (prefix, day, last) values ('BX', to_char(now(), 'YYYYMMDD'), 1)
                  on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last),
       src as (select u.id as unit_id, u.code as unit_code, u.project_id, p.path, p.parent_id as company_id,
                      c.id as customer_id, c.name as customer_name
                 from units u join org_units p on p.id = u.project_id, customers c where u.id = $2 and c.id = $1),
       t as (insert into tickets (number, type, channel, status, title, description, customer_id, customer_name,
                                  contact_phone, unit_id, unit_code, company_id, org_path, project_id, category_code,
                                  room, inspection_required, reported_at, created_at, updated_at, next_due_at)
             select 'BX' || to_char(now(), 'YYYYMMDD') || '-' || lpad(last::text, 6, '0'), 'repair', 'hotline', 'dispatch',
                    '卫生间渗水', '卫生间地面渗水到楼下', src.customer_id, src.customer_name, $3, src.unit_id, src.unit_code,
                    src.company_id, src.path, src.project_id, 'leak', 'bathroom', false, now(), now(), now(),
                    now() + interval '30 minutes'
               from n, src returning *),
       c as (insert into sla_clocks (subject_type, subject_id, node, mode, limit_minutes, warn_percent, ladder, started_at, warn_at,
                                     due_at, next_check_at, stopped_at, outcome, org_path)
             select 'ticket', t.id, x.node, 'calendar', x.mins, 80, '[]'::jsonb, now(), now() + x.mins * interval '48 seconds',
                    now() + x.mins * interval '1 minute',
                    case when not x.stopped then now() + x.mins * interval '48 seconds' end,
                    case when x.stopped then now() end, case when x.stopped then 'met' end, t.org_path
               from t, (values ('reception', 5, true), ('first_response', 30, false), ('dispatch', 60, false))
                         x(node, mins, stopped)),
       e as (insert into ticket_events (ticket_id, at, kind, visibility, to_status, body)
             select id, now(), 'created', 'internal', status, title from t),
       a as (insert into audit_events (at, action, entity_type, entity_id, org_path, after)
             select now(), 'ticket.create', 'ticket', id::text, org_path,
                    jsonb_build_object('number', number, 'type', type, 'status', status) from t),
       tl as (insert into customer_timeline (customer_id, at, kind, title, org_path, ref_type, ref_id)
              select customer_id, now(), 'ticket', title, org_path, 'ticket', id::text from t),
       s as (insert into customer_scopes (customer_id, org_path, relation, ref_id)
             select customer_id, org_path, 'ticket', id::text from t),
       o as (insert into outbox_messages (channel, recipient, recipient_masked, template, body, idempotency_key,
                                          org_path, ref_type, ref_id, created_at)
             select 'sms', $3, left($3, 3) || '****' || right($3, 4), 'ticket.received',
                    '【安居】您的报修已受理，单号 ' || number, 'bare.received:' || id, org_path, 'ticket', id::text, now()
               from t returning id),
       j as (insert into jobs (name, payload, idempotency_key, run_at, created_at)
             select 'bare.deliver', jsonb_build_object('id', o.id), o.id::text, now() + interval '1 day', now() from o)
       select * from t`,
      [b.customerId, b.unitId, b.phone],
    );
    return rows[0];
  });
  bare.get('/bare/tickets/:id', async (req) => {
    const { rows } = await pool.query(
      `select json_build_object(
                'ticket', row_to_json(t),
                'clocks', (select coalesce(json_agg(c order by c.started_at, c.id), '[]') from sla_clocks c where c.subject_id = t.id),
                'events', (select coalesce(json_agg(e order by e.id), '[]') from ticket_events e where e.ticket_id = t.id)
              ) as d
         from tickets t where t.id = $1`,
      [(req.params as { id: string }).id],
    );
    return rows[0]?.d;
  });
  bare.post('/bare/tickets/:id/transitions', async (req) => {
    const b = req.body as { status: string; version: number };
    const { rows } = await pool.query(
      `with t as (update tickets set status = $2, version = version + 1, updated_at = now()
                   where id = $1 and version = $3 returning *),
       c as (update sla_clocks k
                set paused_at = case when $2 = 'on_hold' then now() end,
                    pauses = case when $2 = 'on_hold' then k.pauses
                                  else k.pauses || jsonb_build_array(jsonb_build_object('start', k.paused_at, 'end', now())) end,
                    due_at = case when $2 = 'on_hold' then k.due_at else k.due_at + (now() - k.paused_at) end,
                    warn_at = case when $2 = 'on_hold' then k.warn_at else k.warn_at + (now() - k.paused_at) end,
                    next_check_at = case when $2 = 'on_hold' then null else k.warn_at + (now() - k.paused_at) end
               from t where k.subject_id = t.id and k.stopped_at is null and (k.paused_at is null) = ($2 = 'on_hold')),
       e as (insert into ticket_events (ticket_id, at, kind, visibility, to_status)
             select id, now(), 'transition', 'customer', status from t),
       a as (insert into audit_events (at, action, entity_type, entity_id, org_path, after)
             select now(), 'ticket.transition', 'ticket', id::text, org_path, jsonb_build_object('status', status) from t),
       d as (insert into domain_events (name, subject_type, subject_id, org_path, actor_kind, payload, occurred_at)
             select 'bare.moved', 'ticket', id::text, org_path, 'staff', jsonb_build_object('to', status), now() from t
             returning id),
       j as (insert into jobs (name, payload, idempotency_key, run_at, created_at)
             select 'bare.deliver', jsonb_build_object('event', d.id), 'bare:' || d.id, now() + interval '1 day', now() from d)
       select * from t`,
      [(req.params as { id: string }).id, b.status, b.version],
    );
    return rows[0];
  });
  await bare.ready();
  return bare;
}
