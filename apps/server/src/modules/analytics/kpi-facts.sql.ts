import type { KpiCode } from '@anju/contracts/analytics';

/**
 * The fact statements of the KPI engine, one per KPI (KPIS.md), checked in as SQL: each inserts, for one run, the
 * records the KPI counts — one row per record at its leaf scope with its share of the numerator and denominator.
 * They read other modules' tables set-based and read-only (decisions §34); nothing else in the engine does.
 *
 * Parameters, by name (a statement lists the ones it uses, in order):
 *   run     the run's id
 *   from    the period's first instant (00:00 Asia/Shanghai of its first day)
 *   to      the instant after the period (00:00 of the day after its last day)
 *   asOf    the snapshot instant: answers, rectifications and verifications count only before it
 *   fromDay the period's first day (date);  toDay the day after its last day (date)
 */
export type FactParam = 'run' | 'from' | 'to' | 'asOf' | 'fromDay' | 'toDay' | 'batch' | 'quarterDay' | 'interactions';
export type FactStatement = { kpi: KpiCode; label: string; params: FactParam[]; text: string };

const PARAM_TYPES: Record<FactParam, string> = {
  run: 'uuid',
  from: 'timestamptz',
  to: 'timestamptz',
  asOf: 'timestamptz',
  fromDay: 'date',
  toDay: 'date',
  batch: 'uuid',
  quarterDay: 'date',
  interactions: 'jsonb',
};

/** Casts each `$n` to its parameter's type, so both drivers plan the statement alike. */
function typed(statement: FactStatement): FactStatement {
  const text = statement.text.replace(/\$(\d+)(?![\d:])/g, (whole, n: string) => {
    const param = statement.params[Number(n) - 1];
    return param ? `${whole}::${PARAM_TYPES[param]}` : whole;
  });
  return { ...statement, text };
}

const INSERT = `INSERT INTO kpi_facts (run_id, kpi, record_type, record_id, scope_id, scope_path, company_id, batch_id,
  product_type, finish, category, numerator, denominator)`;

/** A repair item (KPIS.md): a repair ticket neither cancelled nor merged into another. */
const REPAIR_ITEM = `t.type = 'repair' AND t.status <> 'cancelled' AND t.merged_into IS NULL`;
const day = (instant: string) => `(${instant} AT TIME ZONE 'Asia/Shanghai')::date`;
const startOf = (date: string) => `((${date})::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * A unit's household dates: possession on its handover date (the signed hand-over), the ownership's delivery date
 * standing in until one is recorded; moved in from its move-in date, else from possession. Null: no owner.
 */
const HOUSEHOLD = (unit: string) => `LEFT JOIN LATERAL (
    SELECT min(coalesce(ho.signed_on, o.delivery_date)) AS possession_on,
           min(coalesce(o.move_in_date, ho.signed_on, o.delivery_date)) AS moved_in_on
    FROM ownerships o
    LEFT JOIN LATERAL (
      SELECT ${day('a.signed_at')} AS signed_on FROM handover_appointments a
      WHERE a.unit_id = o.unit_id AND a.ownership_id = o.id AND a.status = 'signed' LIMIT 1
    ) ho ON true
    WHERE o.unit_id = ${unit}
  ) hd ON true`;

/** Is a batch 毛坯: every one of its units bare. */
const BATCH_FINISH = `(SELECT CASE WHEN bool_and(bu.finish = 'bare') THEN 'bare' ELSE 'finished' END
  FROM units bu WHERE bu.delivery_batch_id = b.id)`;

const K1: FactStatement = {
  kpi: 'K1',
  label: 'kpi_k1',
  params: ['run', 'from', 'to', 'asOf'],
  // Each clock once: in the month it stopped (when it was not yet overdue at an earlier month's end), or as missed in
  // the month its deadline passed while it still ran at that month's end.
  text: `${INSERT}
SELECT $1, 'K1', 'clock', c.id, h.id, h.path, CASE WHEN h.type = 'contractor' THEN NULL ELSE t.company_id END,
  NULL, NULL, NULL, c.node, (c.stopped_at IS NOT NULL AND c.stopped_at < $3 AND c.stopped_at <= c.due_at)::int, 1
FROM (
  SELECT id, subject_id, node, holder_org_id, stopped_at, due_at FROM sla_clocks
  WHERE subject_type = 'ticket' AND stopped_at >= $2 AND stopped_at < $3 AND due_at >= $2
    AND coalesce(outcome, '') <> 'cancelled'
  UNION ALL
  SELECT id, subject_id, node, holder_org_id, stopped_at, due_at FROM sla_clocks
  WHERE subject_type = 'ticket' AND due_at >= $2 AND due_at < least($3, $4)
    AND (stopped_at IS NULL OR stopped_at >= $3) AND coalesce(outcome, '') <> 'cancelled'
) c
JOIN tickets t ON t.id = c.subject_id AND t.status <> 'cancelled' AND t.merged_into IS NULL
JOIN org_units h ON h.id = coalesce(c.holder_org_id, t.company_id)`,
};

/** Answered callbacks of a kind in the period, scored into two KPIs (satisfied 4–5, complaining 1–2). */
const callbacks = (kind: string, good: KpiCode, bad: KpiCode, ticketJoin: boolean): FactStatement => ({
  kpi: good,
  label: `kpi_${kind}`,
  params: ['run', 'from', 'to', 'asOf'],
  text: `${INSERT}
SELECT $1, k.kpi, 'survey_request', r.id, p.id, p.path, r.company_id, NULL, u.product_type, u.finish, NULL,
  CASE WHEN k.kpi = '${good}' THEN (r.score >= 4)::int ELSE (r.score <= 2)::int END, 1
FROM survey_requests r
${ticketJoin ? `JOIN tickets t ON t.id = r.subject_id AND t.type = 'repair'` : ''}
JOIN org_units p ON p.id = coalesce(${ticketJoin ? 't.project_id, t.company_id' : 'r.project_id, r.company_id'})
LEFT JOIN units u ON u.id = ${ticketJoin ? 't.unit_id' : 'r.unit_id'}
CROSS JOIN (VALUES ('${good}'), ('${bad}')) k(kpi)
WHERE r.kind = '${kind}' AND r.status = 'answered' AND r.score IS NOT NULL
  AND r.recorded_at >= $2 AND r.recorded_at < least($3, $4)`,
});

/** K4 as of the end of day D+45, from each ticket's status history (a ticket closed and reopened by then is open). */
const K4_ITEMS = (batches: string): string => `${INSERT}
SELECT $1, 'K4', 'ticket', t.id, p.id, p.path, NULL::uuid, b.id, u.product_type, u.finish, t.category_code, 1, 0
FROM ${batches}
JOIN units u ON u.delivery_batch_id = b.id
JOIN tickets t ON t.unit_id = u.id AND t.type = 'repair'
JOIN org_units p ON p.id = b.project_id
CROSS JOIN LATERAL (SELECT ${startOf('b.actual_date + 46')} AS cutoff) m
LEFT JOIN LATERAL (
  SELECT e.to_status FROM ticket_events e
  WHERE e.ticket_id = t.id AND e.to_status IS NOT NULL AND e.at < m.cutoff ORDER BY e.at DESC, e.id DESC LIMIT 1
) s ON true
WHERE t.reported_at >= ${startOf('b.actual_date')} AND t.reported_at < m.cutoff
  AND CASE WHEN s.to_status IS NOT NULL THEN s.to_status NOT IN ('closed', 'completed', 'cancelled')
      ELSE t.status <> 'cancelled' AND t.merged_into IS NULL AND (t.closed_at IS NULL OR t.closed_at >= m.cutoff) END
UNION ALL
SELECT $1, 'K4', 'batch', b.id, p.id, p.path, NULL::uuid, b.id, NULL, ${BATCH_FINISH}, NULL, 0, 1
FROM ${batches}
JOIN org_units p ON p.id = b.project_id`;

/** Batches whose day D+45 falls in the period and that have no frozen day-46 run: computed as of D+46. */
const K4: FactStatement = {
  kpi: 'K4',
  label: 'kpi_k4',
  params: ['run', 'fromDay', 'toDay'],
  text: K4_ITEMS(`(SELECT db.* FROM delivery_batches db
  WHERE db.actual_date IS NOT NULL AND db.actual_date + 45 >= $2 AND db.actual_date + 45 < $3
    AND NOT EXISTS (SELECT 1 FROM kpi_runs kr WHERE kr.batch_key = db.id::text AND kr.current)) b`),
};

/** The frozen day-46 figures of the period's batches, copied as they were taken. */
const K4_FROZEN: FactStatement = {
  kpi: 'K4',
  label: 'kpi_k4_frozen',
  params: ['run', 'fromDay', 'toDay'],
  text: `${INSERT}
SELECT $1, f.kpi, f.record_type, f.record_id, f.scope_id, f.scope_path, f.company_id, f.batch_id, f.product_type,
  f.finish, f.category, f.numerator, f.denominator
FROM delivery_batches db
JOIN kpi_runs kr ON kr.batch_key = db.id::text AND kr.current
JOIN kpi_facts f ON f.run_id = kr.id AND f.kpi = 'K4'
WHERE db.actual_date IS NOT NULL AND db.actual_date + 45 >= $2 AND db.actual_date + 45 < $3`,
};

/** One batch's day-46 figure (the daily job freezes it in a run of its own). */
export const K4_ONE_BATCH: FactStatement = typed({
  kpi: 'K4',
  label: 'kpi_k4_batch',
  params: ['run', 'batch'],
  text: K4_ITEMS(`(SELECT db.* FROM delivery_batches db WHERE db.id = $2 AND db.actual_date IS NOT NULL) b`),
});

/** Repairs per household in the days D..D+window of batches whose window ends in the period (K8, K9). */
const perHousehold = (kpi: KpiCode, window: number): FactStatement => ({
  kpi,
  label: `kpi_${kpi.toLowerCase()}`,
  params: ['run', 'fromDay', 'toDay'],
  text: `WITH b AS (
  SELECT * FROM delivery_batches
  WHERE actual_date IS NOT NULL AND actual_date + ${window} >= $2 AND actual_date + ${window} < $3
), hh AS (
  SELECT u.id AS unit_id, u.product_type, u.finish, b.id AS batch_id, b.actual_date AS d, b.project_id
  FROM b JOIN units u ON u.delivery_batch_id = b.id
  ${HOUSEHOLD('u.id')}
  WHERE hd.possession_on <= b.actual_date + ${window}
)
${INSERT}
SELECT $1, '${kpi}', 'unit', hh.unit_id, p.id, p.path, NULL::uuid, hh.batch_id, hh.product_type, hh.finish, NULL, 0, 1
FROM hh JOIN org_units p ON p.id = hh.project_id
UNION ALL
SELECT $1, '${kpi}', 'ticket', t.id, p.id, p.path, NULL::uuid, hh.batch_id, hh.product_type, hh.finish, t.category_code, 1, 0
FROM hh JOIN org_units p ON p.id = hh.project_id
JOIN tickets t ON t.unit_id = hh.unit_id AND ${REPAIR_ITEM}
WHERE t.reported_at >= ${startOf('hh.d')} AND t.reported_at < ${startOf(`hh.d + ${window + 1}`)}`,
});

/** Open-day items collected at open days held in the period: suggestions answered (K5), issues verified (K6). */
const openDays = (kpi: KpiCode, kind: string, done: string): FactStatement => ({
  kpi,
  label: `kpi_${kpi.toLowerCase()}`,
  params: ['run', 'asOf', 'fromDay', 'toDay'],
  text: `${INSERT}
SELECT $1, '${kpi}', 'open_day_item', i.id, p.id, p.path, NULL::uuid, d.batch_id, NULL, NULL, i.category_code,
  (${done} AND ${kpi === 'K5' ? 'i.answered_at' : 'i.verified_at'} < $2)::int, 1
FROM open_days d
JOIN open_day_items i ON i.open_day_id = d.id AND i.kind = '${kind}'
JOIN org_units p ON p.id = d.project_id
WHERE d.status <> 'cancelled' AND d.held_on >= $3 AND d.held_on < $4`,
});

/** Leak items per household moved in (K7): households moved in by the month's end; leaks reported while moved in. */
const K7: FactStatement = {
  kpi: 'K7',
  label: 'kpi_k7',
  params: ['run', 'from', 'to', 'asOf', 'toDay'],
  text: `WITH hh AS (
  SELECT o.unit_id,
    min(coalesce(o.move_in_date, ho.signed_on, o.delivery_date)) AS moved_in_on
  FROM ownerships o
  LEFT JOIN LATERAL (
    SELECT ${day('a.signed_at')} AS signed_on FROM handover_appointments a
    WHERE a.unit_id = o.unit_id AND a.ownership_id = o.id AND a.status = 'signed' LIMIT 1
  ) ho ON true
  GROUP BY o.unit_id
  HAVING min(coalesce(o.move_in_date, ho.signed_on, o.delivery_date)) < $5
)
${INSERT}
SELECT $1, 'K7', 'unit', u.id, p.id, p.path, NULL::uuid, u.delivery_batch_id, u.product_type, u.finish, NULL, 0, 1
FROM hh JOIN units u ON u.id = hh.unit_id JOIN org_units p ON p.id = u.project_id
UNION ALL
SELECT $1, 'K7', 'ticket', t.id, p.id, p.path, NULL::uuid, u.delivery_batch_id, u.product_type, u.finish,
  t.category_code, 1, 0
FROM tickets t
JOIN hh ON hh.unit_id = t.unit_id AND hh.moved_in_on <= ${day('t.reported_at')}
JOIN units u ON u.id = t.unit_id JOIN org_units p ON p.id = u.project_id
WHERE ${REPAIR_ITEM} AND (t.category_code = 'leak' OR t.leak)
  AND t.reported_at >= $2 AND t.reported_at < least($3, $4)`,
};

/** Hand-overs to the property company in the period that it rated: satisfied on both counts (K10). */
const K10: FactStatement = {
  kpi: 'K10',
  label: 'kpi_k10',
  params: ['run', 'asOf', 'fromDay', 'toDay'],
  text: `${INSERT}
SELECT $1, 'K10', 'property_handover', h.batch_id, p.id, p.path, NULL::uuid, h.batch_id, NULL, NULL, NULL,
  (h.timely AND h.complete)::int, 1
FROM property_handovers h JOIN org_units p ON p.id = h.project_id
WHERE h.handed_over_on >= $3 AND h.handed_over_on < $4 AND h.rated_at IS NOT NULL AND h.rated_at < $2`,
};

/**
 * One home one drawing (K11), per phase with a delivered unit by the period's end: each building counts its units
 * (denominator); each unit with a drawing mismatch reported on or after its move-in counts once (numerator); the
 * figure is 1 − numerator ÷ denominator.
 */
const K11: FactStatement = {
  kpi: 'K11',
  label: 'kpi_k11',
  params: ['run', 'to', 'asOf', 'toDay'],
  text: `WITH ph AS (
  SELECT DISTINCT bl.project_id, bl.phase FROM units u JOIN buildings bl ON bl.id = u.building_id
  WHERE u.delivered_on < $4
)
${INSERT}
SELECT $1, 'K11', 'building', bl.id, p.id, p.path, NULL::uuid, NULL::uuid, NULL, NULL, 'phase:' || bl.phase, 0, count(u.id)
FROM ph JOIN buildings bl ON bl.project_id = ph.project_id AND bl.phase = ph.phase
JOIN units u ON u.building_id = bl.id JOIN org_units p ON p.id = bl.project_id
GROUP BY bl.id, p.id, p.path, bl.phase
UNION ALL
SELECT $1, 'K11', 'unit', u.id, p.id, p.path, NULL::uuid, NULL::uuid, u.product_type, u.finish, 'phase:' || bl.phase, 1, 0
FROM ph JOIN buildings bl ON bl.project_id = ph.project_id AND bl.phase = ph.phase
JOIN units u ON u.building_id = bl.id JOIN org_units p ON p.id = bl.project_id
${HOUSEHOLD('u.id')}
WHERE EXISTS (
  SELECT 1 FROM tickets t WHERE t.unit_id = u.id AND ${REPAIR_ITEM} AND t.drawing_mismatch
    AND t.reported_at < least($2, $3) AND ${day('t.reported_at')} >= hd.moved_in_on
)`,
};

/** Product types of a batch with answered design callbacks from 5 households between D and D+182 (K12). */
const K12: FactStatement = {
  kpi: 'K12',
  label: 'kpi_k12',
  params: ['run', 'asOf', 'fromDay', 'toDay'],
  text: `WITH b AS (
  SELECT * FROM delivery_batches WHERE actual_date IS NOT NULL AND actual_date + 182 >= $3 AND actual_date + 182 < $4
), types AS (
  SELECT b.id AS batch_id, b.project_id, u.product_type FROM b JOIN units u ON u.delivery_batch_id = b.id
  WHERE u.delivered_on IS NOT NULL AND u.product_type IS NOT NULL GROUP BY 1, 2, 3
), answered AS (
  SELECT b.id AS batch_id, u.product_type, count(DISTINCT r.unit_id) AS households
  FROM b JOIN units u ON u.delivery_batch_id = b.id
  JOIN survey_requests r ON r.unit_id = u.id AND r.kind = 'design_callback' AND r.status = 'answered'
  WHERE r.recorded_at >= ${startOf('b.actual_date')} AND r.recorded_at < ${startOf('b.actual_date + 183')}
    AND r.recorded_at < $2
  GROUP BY 1, 2
)
${INSERT}
SELECT $1, 'K12', 'product_type', ty.batch_id, p.id, p.path, NULL::uuid, ty.batch_id, ty.product_type, NULL,
  ty.product_type, (coalesce(a.households, 0) >= 5)::int, 1
FROM types ty LEFT JOIN answered a ON a.batch_id = ty.batch_id AND a.product_type = ty.product_type
JOIN org_units p ON p.id = ty.project_id`,
};

/** Batches planned for delivery in the period: units whose surveyed area matches (K15), report on time (K15T). */
const K15: FactStatement = {
  kpi: 'K15',
  label: 'kpi_k15',
  params: ['run', 'fromDay', 'toDay'],
  text: `WITH b AS (
  SELECT * FROM delivery_batches WHERE coalesce(planned_date, actual_date) >= $2 AND coalesce(planned_date, actual_date) < $3
)
${INSERT}
SELECT $1, 'K15', 'unit', u.id, p.id, p.path, NULL::uuid, b.id, u.product_type, u.finish, NULL,
  (u.surveyed_area IS NOT NULL AND u.area IS NOT NULL AND abs(u.surveyed_area - u.area) < 0.005)::int, 1
FROM b JOIN units u ON u.delivery_batch_id = b.id JOIN org_units p ON p.id = b.project_id
UNION ALL
SELECT $1, 'K15T', 'batch', b.id, p.id, p.path, NULL::uuid, b.id, NULL, NULL, NULL,
  (b.area_report_date IS NOT NULL AND b.area_report_date <= b.planned_date - 15)::int, 1
FROM b JOIN org_units p ON p.id = b.project_id
WHERE b.planned_date IS NOT NULL`,
};

/** Projects managed by the property company on the period's first day (a batch handed over to it by then). */
const MANAGED = (project: string) =>
  `EXISTS (SELECT 1 FROM property_handovers mh WHERE mh.project_id = ${project} AND mh.handed_over_on <= $FIRST)`;

/** The property company's measures on complaints (its work orders) due in the period: confirmed by the snapshot. */
const K16: FactStatement = {
  kpi: 'K16',
  label: 'kpi_k16',
  params: ['run', 'from', 'to', 'asOf', 'fromDay'],
  text: `${INSERT}
SELECT $1, 'K16', 'work_order', w.id, p.id, p.path, NULL::uuid, NULL::uuid, NULL, NULL, NULL,
  (w.confirmed_at IS NOT NULL AND w.confirmed_at < $4)::int, 1
FROM work_orders w
JOIN org_units d ON d.id = w.assignee_org_id AND d.department_kind = 'property_company'
JOIN tickets t ON t.id = w.ticket_id AND t.type = 'complaint' AND t.status <> 'cancelled' AND t.merged_into IS NULL
JOIN org_units p ON p.id = t.project_id
WHERE w.status <> 'cancelled' AND w.due_at >= $2 AND w.due_at < $3 AND ${MANAGED('t.project_id').replace('$FIRST', '$5')}`,
};

/** Households visited by property staff per managed project in the month (K17: the project counts once). */
const K17: FactStatement = {
  kpi: 'K17',
  label: 'kpi_k17',
  params: ['run', 'fromDay', 'toDay'],
  text: `WITH managed AS (
  SELECT pr.org_unit_id AS project_id FROM projects pr WHERE ${MANAGED('pr.org_unit_id').replace('$FIRST', '$2')}
)
${INSERT}
SELECT $1, 'K17', 'project', m.project_id, p.id, p.path, NULL::uuid, NULL::uuid, NULL, NULL, NULL, 0, 1
FROM managed m JOIN org_units p ON p.id = m.project_id
UNION ALL
SELECT $1, 'K17', 'unit', v.unit_id, p.id, p.path, NULL::uuid, NULL::uuid, NULL, NULL, NULL, 1, 0
FROM (SELECT DISTINCT project_id, unit_id FROM property_visits WHERE visited_on >= $2 AND visited_on < $3) v
JOIN managed m ON m.project_id = v.project_id JOIN org_units p ON p.id = v.project_id`,
};

/**
 * The property company's interaction events held (not cancelled) per managed project per calendar quarter (K18). The
 * events come from the club module as a parameter (`interactions`: `[{id, projectId}]` of the month, read through
 * its service — no club table here). A project is managed from the quarter's first day and counts as the
 * denominator once, in the quarter's first month, so a quarter's figure (its months added up) is events ÷ projects.
 */
const K18: FactStatement = {
  kpi: 'K18',
  label: 'kpi_k18',
  params: ['run', 'fromDay', 'quarterDay', 'interactions'],
  text: `WITH managed AS (
  SELECT pr.org_unit_id AS project_id FROM projects pr WHERE ${MANAGED('pr.org_unit_id').replace('$FIRST', '$3')}
)
${INSERT}
SELECT $1, 'K18', 'project', m.project_id, p.id, p.path, NULL::uuid, NULL::uuid, NULL, NULL, NULL, 0, 1
FROM managed m JOIN org_units p ON p.id = m.project_id WHERE $2 = $3
UNION ALL
SELECT $1, 'K18', 'club_event', e.id, p.id, p.path, NULL::uuid, NULL::uuid, NULL, NULL, NULL, 1, 0
FROM jsonb_to_recordset($4) AS e(id uuid, "projectId" uuid)
JOIN managed m ON m.project_id = e."projectId" JOIN org_units p ON p.id = e."projectId"`,
};

/** Every statement a period's run executes, in order. */
export const PERIOD_FACTS: FactStatement[] = (
  [
    K1,
    callbacks('repair_callback', 'K2', 'K3', true),
    K4_FROZEN,
    K4,
    openDays('K5', 'suggestion', "i.status = 'answered'"),
    openDays('K6', 'issue', "i.status = 'verified'"),
    K7,
    perHousehold('K8', 30),
    perHousehold('K9', 182),
    K10,
    K11,
    K12,
    callbacks('sales_callback', 'K13', 'K14', false),
    K15,
    K16,
    K17,
    K18,
  ] satisfies FactStatement[]
).map(typed);
