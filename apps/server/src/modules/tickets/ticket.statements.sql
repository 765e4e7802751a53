-- ticket_next_number
with n as (
     insert into ticket_number_seq (prefix, day, last) values ($1, $2, 1)
     on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last)
   select $1 || $2 || '-' || lpad(n.last::text, greatest(4, length(n.last::text)), '0') as number from n;

-- ticket_find
select t.id, t.number, t.type, t.channel, t.priority, t.major, t.status, t.held_from, t.hold_reason, t.resume_on, t.title, t.title_parts, t.description, t.customer_id, t.customer_name, t.contact_phone, t.unit_id, t.unit_code, t.project_id, t.company_id, t.org_path, t.category_code, t.room, t.location, t.warranty_status, t.warranty_until, t.root_cause, t.knowledge_article_id, t.leak, t.drawing_mismatch, t.complaint_cause, t.responsible_org_id, t.imported, t.resolution, t.cost, t.assignee_user_id, t.assignee_org_id, t.inspection_required, t.reported_at, t.first_response_at, t.closed_at, t.completed_at, t.reopen_count, t.escalation_level, t.warning, t.overdue, t.next_due_at, t.cancel_reason, t.merged_into, t.created_by, t.version, t.created_at, t.updated_at from tickets t where t.id = $1;

-- ticket_find_in_scope
select t.id, t.number, t.type, t.channel, t.priority, t.major, t.status, t.held_from, t.hold_reason, t.resume_on, t.title, t.title_parts, t.description, t.customer_id, t.customer_name, t.contact_phone, t.unit_id, t.unit_code, t.project_id, t.company_id, t.org_path, t.category_code, t.room, t.location, t.warranty_status, t.warranty_until, t.root_cause, t.knowledge_article_id, t.leak, t.drawing_mismatch, t.complaint_cause, t.responsible_org_id, t.imported, t.resolution, t.cost, t.assignee_user_id, t.assignee_org_id, t.inspection_required, t.reported_at, t.first_response_at, t.closed_at, t.completed_at, t.reopen_count, t.escalation_level, t.warning, t.overdue, t.next_due_at, t.cancel_reason, t.merged_into, t.created_by, t.version, t.created_at, t.updated_at from tickets t where t.id = $1 and t.org_path like $2;

-- ticket_detail
select json_build_object(
     'ticket', row_to_json(t),
     'project_name', (select p.name from org_units p where p.id = t.project_id),
     'clocks', (select coalesce(json_agg(c), '[]') from (select c0.*, (select h.name from org_units h where h.id = c0.holder_org_id) as holder_name
        from (select * from sla_clocks where subject_id = t.id) c0 order by started_at, id limit 200) c),
     'events', (select coalesce(json_agg(e), '[]') from (select * from (select * from ticket_events where ticket_id = t.id) e0 order by id limit 500) e),
     'work_orders', (select coalesce(json_agg(w), '[]') from
        (select w.*, o.name as assignee_org_name from work_orders w join org_units o on o.id = w.assignee_org_id
          where w.ticket_id = t.id order by w.seq) w),
     'callback', (select row_to_json(b) from
        (select id, status, attempts, score, comment, recorded_at, created_at from survey_requests
          where subject_id = t.id and subject_type = 'ticket' and kind = 'repair_callback'
          order by status = 'pending' desc, created_at desc limit 1) b),
     'merged', (select json_build_object('id', m.id, 'number', m.number) from tickets m where m.id = t.merged_into)
   ) as d
     from tickets t where t.id = $1 and t.org_path like $2;

-- ticket_open
with n as (
     insert into ticket_number_seq (prefix, day, last) select $1, $2, 1 where $7::text is null
     on conflict (prefix, day) do update set last = ticket_number_seq.last + 1 returning last),
   t as (
     insert into tickets (id, number, type, channel, priority, major, status, held_from, hold_reason, resume_on, title, title_parts, description, customer_id, customer_name, contact_phone, unit_id, unit_code, project_id, company_id, org_path, category_code, room, location, warranty_status, warranty_until, root_cause, knowledge_article_id, leak, drawing_mismatch, complaint_cause, responsible_org_id, imported, resolution, cost, assignee_user_id, assignee_org_id, inspection_required, reported_at, first_response_at, closed_at, completed_at, reopen_count, escalation_level, warning, overdue, next_due_at, cancel_reason, merged_into, created_by, version, created_at, updated_at)
     select id, coalesce($7::text, $1 || $2 || '-' || lpad(n.last::text, greatest(4, length(n.last::text)), '0')), type, channel, priority, major, status, held_from, hold_reason, resume_on, title, title_parts, description, customer_id, customer_name, contact_phone, unit_id, unit_code, project_id, company_id, org_path, category_code, room, location, warranty_status, warranty_until, root_cause, knowledge_article_id, leak, drawing_mismatch, complaint_cause, responsible_org_id, imported, resolution, cost, assignee_user_id, assignee_org_id, inspection_required, reported_at, first_response_at, closed_at, completed_at, reopen_count, q.escalation_level, q.warning, q.overdue, q.next_due_at, cancel_reason, merged_into, created_by, version, created_at, updated_at
       from json_populate_record(null::tickets, $3::json) left join n on true,
            (select min(c.due_at) filter (where c.stopped_at is null and c.paused_at is null),
            coalesce(bool_or(c.warned_at is not null) filter (where c.stopped_at is null), false),
            coalesce(bool_or(c.breached_at is not null) filter (where c.stopped_at is null), false),
            coalesce(max(c.escalation_level) filter (where c.stopped_at is null), 0) from json_populate_recordset(null::sla_clocks, $4::json) c)
              as q(next_due_at, warning, overdue, escalation_level)
     returning tickets.id, tickets.number, tickets.type, tickets.channel, tickets.priority, tickets.major, tickets.status, tickets.held_from, tickets.hold_reason, tickets.resume_on, tickets.title, tickets.title_parts, tickets.description, tickets.customer_id, tickets.customer_name, tickets.contact_phone, tickets.unit_id, tickets.unit_code, tickets.project_id, tickets.company_id, tickets.org_path, tickets.category_code, tickets.room, tickets.location, tickets.warranty_status, tickets.warranty_until, tickets.root_cause, tickets.knowledge_article_id, tickets.leak, tickets.drawing_mismatch, tickets.complaint_cause, tickets.responsible_org_id, tickets.imported, tickets.resolution, tickets.cost, tickets.assignee_user_id, tickets.assignee_org_id, tickets.inspection_required, tickets.reported_at, tickets.first_response_at, tickets.closed_at, tickets.completed_at, tickets.reopen_count, tickets.escalation_level, tickets.warning, tickets.overdue, tickets.next_due_at, tickets.cancel_reason, tickets.merged_into, tickets.created_by, tickets.version, tickets.created_at, tickets.updated_at),
   c as (
     insert into sla_clocks (subject_type, subject_id, part_id, node, mode, limit_minutes, warn_percent, ladder, started_at, pauses, paused_at, warn_at, due_at, warned_at, breached_at, escalation_level, next_check_at, stopped_at, outcome, org_path, holder_org_id)
     select subject_type, subject_id, part_id, node, mode, limit_minutes, warn_percent, ladder, started_at, pauses, paused_at, warn_at, due_at, warned_at, breached_at, escalation_level, next_check_at, stopped_at, outcome, org_path, holder_org_id from json_populate_recordset(null::sla_clocks, $4::json) returning *),
   e as (
     insert into ticket_events (ticket_id, at, kind, visibility, actor_id, actor_name, from_status, to_status, body, data)
     select ticket_id, at, kind, visibility, actor_id, actor_name, from_status, to_status, body, data from json_populate_recordset(null::ticket_events, $5::json) returning *),
   a as (
     insert into audit_events (at, actor_kind, actor_id, actor_ref, actor_name, action, entity_type, entity_id, org_path, before, after, reason, ip, request_id)
     select a.at, a.actor_kind, a.actor_id, a.actor_ref, a.actor_name, a.action, a.entity_type, a.entity_id, a.org_path, a.before, a.after || jsonb_build_object('number', t.number), a.reason, a.ip, a.request_id
       from json_populate_recordset(null::audit_events, $6::json) a, t),

   ev as (
     insert into domain_events (name, version, subject_type, subject_id, org_path, actor_kind, actor_id, actor_name, payload, idempotency_key, occurred_at)
     select name, version, subject_type, subject_id, org_path, actor_kind, actor_id, actor_name, payload, idempotency_key, occurred_at from json_populate_recordset(null::domain_events, $8::json)
     on conflict (name, idempotency_key) do nothing
     returning id, name, occurred_at),
   evj as (
     insert into jobs (name, payload, idempotency_key, run_at, created_at, max_attempts)
     select 'events.deliver', jsonb_build_object('event', ev.id, 'listener', r.listener), ev.id || ':' || r.listener,
            ev.occurred_at, ev.occurred_at, 8
       from ev join json_to_recordset($9::json) r(name text, listener text) on r.name = ev.name
     on conflict (name, idempotency_key) do nothing)
   select json_build_object(
     'ticket', row_to_json(t),
     'project_name', (select p.name from org_units p where p.id = t.project_id),
     'clocks', (select coalesce(json_agg(c), '[]') from (select c0.*, (select h.name from org_units h where h.id = c0.holder_org_id) as holder_name
        from (select * from c) c0 order by started_at, id limit 200) c),
     'events', (select coalesce(json_agg(e), '[]') from (select * from (select * from e) e0 order by id limit 500) e),
     'work_orders', '[]'::json, 'callback', null, 'merged', null
   ) as d from t;

-- ticket_change_state
select row_to_json(t) as ticket,
          (select coalesce(json_agg(k), '[]') from sla_clocks k where k.subject_id = t.id and k.stopped_at is null) as clocks,
          (select row_to_json(b) from business_calendars b where b.company_id = t.company_id) as calendar
     from tickets t where t.id = $1 and t.org_path like $2;

-- ticket_queue_refresh
update tickets t set next_due_at = q.next_due_at, warning = q.warning, overdue = q.overdue, escalation_level = q.escalation_level
     from (select ids.id, min(c.due_at) filter (where c.stopped_at is null and c.paused_at is null),
            coalesce(bool_or(c.warned_at is not null) filter (where c.stopped_at is null), false),
            coalesce(bool_or(c.breached_at is not null) filter (where c.stopped_at is null), false),
            coalesce(max(c.escalation_level) filter (where c.stopped_at is null), 0)
             from (select (json_array_elements_text($1::json))::uuid as id) ids
             left join sla_clocks c on c.subject_id = ids.id
            group by ids.id) as q(id, next_due_at, warning, overdue, escalation_level)
    where t.id = q.id;

-- ticket_events_insert
insert into ticket_events (ticket_id, at, kind, visibility, actor_id, actor_name, from_status, to_status, body, data)
   select ticket_id, at, kind, visibility, actor_id, actor_name, from_status, to_status, body, data from json_populate_recordset(null::ticket_events, $1::json);

-- ticket_transition (hold)
with
   patched as (
     update sla_clocks k set stopped_at = p.stopped_at, paused_at = p.paused_at, pauses = p.pauses,
            warn_at = p.warn_at, due_at = p.due_at, next_check_at = p.next_check_at,
            outcome = case when p.outcome = 'cancelled' then 'cancelled'
                           when p.outcome is not null then case when k.breached_at is not null or p.due_at < p.stopped_at then 'breached' else 'met' end
                      end
       from json_populate_recordset(null::sla_clocks, $3::json) p
      where k.id = p.id and k.subject_id = $1 and k.stopped_at is null
      returning k.*),
   started as (
     insert into sla_clocks (subject_type, subject_id, part_id, node, mode, limit_minutes, warn_percent, ladder, started_at, pauses, paused_at, warn_at, due_at, warned_at, breached_at, escalation_level, next_check_at, stopped_at, outcome, org_path, holder_org_id)
     select subject_type, subject_id, part_id, node, mode, limit_minutes, warn_percent, ladder, started_at, pauses, paused_at, warn_at, due_at, warned_at, breached_at, escalation_level, next_check_at, stopped_at, outcome, org_path, holder_org_id from json_populate_recordset(null::sla_clocks, $4::json) returning *),
   clocks as (
     select * from patched union all select * from started
     union all select * from sla_clocks x where x.subject_id = $1 and x.id not in (select id from patched)),
   moved as (
     update tickets t set status = $10, updated_at = $11, held_from = $12, hold_reason = $13, resume_on = $14, version = $2::int + 1,
            (next_due_at, warning, overdue, escalation_level) = (select min(c.due_at) filter (where c.stopped_at is null and c.paused_at is null),
            coalesce(bool_or(c.warned_at is not null) filter (where c.stopped_at is null), false),
            coalesce(bool_or(c.breached_at is not null) filter (where c.stopped_at is null), false),
            coalesce(max(c.escalation_level) filter (where c.stopped_at is null), 0) from clocks c)
      where t.id = $1 and t.version = $2
      returning t.*),
   added as (
     insert into ticket_events (ticket_id, at, kind, visibility, actor_id, actor_name, from_status, to_status, body, data)
     select ticket_id, at, kind, visibility, actor_id, actor_name, from_status, to_status, body, data from json_populate_recordset(null::ticket_events, $5::json) returning *),
   audited as (
     insert into audit_events (at, actor_kind, actor_id, actor_ref, actor_name, action, entity_type, entity_id, org_path, before, after, reason, ip, request_id) select at, actor_kind, actor_id, actor_ref, actor_name, action, entity_type, entity_id, org_path, before, after, reason, ip, request_id from json_populate_recordset(null::audit_events, $6::json)),
   timeline as (
     insert into customer_timeline (customer_id, at, kind, title, body, actor_id, actor_name, org_path, ref_type, ref_id, data)
     select customer_id, at, kind, title, body, actor_id, actor_name, org_path, ref_type, ref_id, data from json_populate_recordset(null::customer_timeline, $7::json)),

   ev as (
     insert into domain_events (name, version, subject_type, subject_id, org_path, actor_kind, actor_id, actor_name, payload, idempotency_key, occurred_at)
     select name, version, subject_type, subject_id, org_path, actor_kind, actor_id, actor_name, payload, idempotency_key, occurred_at from json_populate_recordset(null::domain_events, $8::json)
     on conflict (name, idempotency_key) do nothing
     returning id, name, occurred_at),
   evj as (
     insert into jobs (name, payload, idempotency_key, run_at, created_at, max_attempts)
     select 'events.deliver', jsonb_build_object('event', ev.id, 'listener', r.listener), ev.id || ':' || r.listener,
            ev.occurred_at, ev.occurred_at, 8
       from ev join json_to_recordset($9::json) r(name text, listener text) on r.name = ev.name
     on conflict (name, idempotency_key) do nothing)
   select json_build_object(
     'ticket', row_to_json(t),
     'project_name', (select p.name from org_units p where p.id = t.project_id),
     'clocks', (select coalesce(json_agg(c), '[]') from (select c0.*, (select h.name from org_units h where h.id = c0.holder_org_id) as holder_name
        from (select * from clocks) c0 order by started_at, id limit 200) c),
     'events', (select coalesce(json_agg(e), '[]') from (select * from (select * from ticket_events where ticket_id = t.id union all select * from added) e0 order by id limit 500) e),
     'work_orders', (select coalesce(json_agg(w), '[]') from
        (select w.*, o.name as assignee_org_name from work_orders w join org_units o on o.id = w.assignee_org_id
          where w.ticket_id = t.id order by w.seq) w),
     'callback', (select row_to_json(b) from
        (select id, status, attempts, score, comment, recorded_at, created_at from survey_requests
          where subject_id = t.id and subject_type = 'ticket' and kind = 'repair_callback'
          order by status = 'pending' desc, created_at desc limit 1) b),
     'merged', (select json_build_object('id', m.id, 'number', m.number) from tickets m where m.id = t.merged_into)
   ) as d
     from (select 1) one left join moved t on true
    where case when t.id is not null then true else anju_conflict('VERSION_CONFLICT') end;
