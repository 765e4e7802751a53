import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { type JourneySubjectRow, journeySubjects } from './journey.tables.js';

/** Which subjects to sync from the property and customer records. */
export type SubjectFilter =
  | { ownershipIds: string[] }
  | { unitIds: string[] }
  | { batchIds: string[] }
  | { projectIds: string[] }
  | { all: true };

/** The city company above a project node `p` (the org tree's own rule: its nearest city_company ancestor). */
const COMPANY = sql`(select c.id from org_units c where c.type = 'city_company' and p.path like c.path || '%'
                      order by c.depth desc limit 1)`;

/** The milestone dates of the project `projectId` (an SQL expression) as contracts `journeyMilestones`. */
const MILESTONES = (projectId: ReturnType<typeof sql.raw>) => sql`(
  select coalesce(jsonb_object_agg(case m.kind when 'structure_topped_out' then 'structureToppedOut'
                                                else 'completionAcceptance' end, m.date), '{}'::jsonb)
    from project_milestones m where m.project_id = ${projectId})`;

const householdWhere = (f: SubjectFilter) =>
  'ownershipIds' in f
    ? sql`o.id in (select json_array_elements_text(${JSON.stringify(f.ownershipIds)}::json)::uuid)`
    : 'unitIds' in f
      ? sql`u.id in (select json_array_elements_text(${JSON.stringify(f.unitIds)}::json)::uuid)`
      : 'batchIds' in f
        ? sql`u.delivery_batch_id in (select json_array_elements_text(${JSON.stringify(f.batchIds)}::json)::uuid)`
        : 'projectIds' in f
          ? sql`u.project_id in (select json_array_elements_text(${JSON.stringify(f.projectIds)}::json)::uuid)`
          : sql`true`;

const batchWhere = (f: SubjectFilter) =>
  'batchIds' in f
    ? sql`b.id in (select json_array_elements_text(${JSON.stringify(f.batchIds)}::json)::uuid)`
    : 'projectIds' in f
      ? sql`b.project_id in (select json_array_elements_text(${JSON.stringify(f.projectIds)}::json)::uuid)`
      : 'all' in f
        ? sql`true`
        : sql`false`;

/**
 * A subject row takes the anchors it is given; when they or its active flag changed, it is due for planning today.
 * A new subject's journey starts today (`since`: steps due more than the grace before it are history).
 */
const UPSERT = (today: string, now: Date) => sql`
  on conflict (id) do update set
    company_id = excluded.company_id, project_id = excluded.project_id, org_path = excluded.org_path,
    batch_id = excluded.batch_id, unit_id = excluded.unit_id, customer_id = excluded.customer_id,
    anchors = excluded.anchors, milestones = excluded.milestones, active = excluded.active,
    next_plan_on = case when journey_subjects.anchors is distinct from excluded.anchors
                          or journey_subjects.milestones is distinct from excluded.milestones
                          or journey_subjects.active is distinct from excluded.active then ${today}::date
                        else journey_subjects.next_plan_on end,
    updated_at = ${now}
  where journey_subjects.anchors is distinct from excluded.anchors
     or journey_subjects.milestones is distinct from excluded.milestones
     or journey_subjects.active is distinct from excluded.active
     or journey_subjects.org_path is distinct from excluded.org_path
  returning id, (xmax = 0) as inserted`;

/**
 * Every query on journey subjects. The sync statements are the planner's read model of homes (decisions §30): one
 * set-based statement reads ownerships, units, batches and the org tree and writes the subjects whose anchors
 * changed, so a roster of a thousand homes or a million at the first run costs one statement per page.
 */
export class JourneySubjectRepository {
  constructor(private readonly db: Executor) {}

  /** Households (ownerships, ended ones inactive) matching the filter; answers the subjects written. */
  async syncHouseholds(f: SubjectFilter, today: string, since: string, now: Date) {
    return queryRows<{ id: string; inserted: boolean }>(
      this.db,
      sql`insert into journey_subjects (id, kind, company_id, project_id, org_path, batch_id, unit_id, customer_id,
                                        anchors, milestones, active, since, next_plan_on, updated_at)
          select o.id, 'household', ${COMPANY}, u.project_id, p.path, u.delivery_batch_id, u.id, o.customer_id,
                 jsonb_strip_nulls(jsonb_build_object(
                   'firstVisit', o.first_visit_date, 'contractSigned', o.contract_date, 'plannedDelivery', b.planned_date,
                   'actualDelivery', b.actual_date, 'handover', coalesce(o.delivery_date, u.delivered_on),
                   'moveIn', o.move_in_date)),
                 ${MILESTONES(sql.raw('u.project_id'))},
                 o.active, ${since}::date, case when o.active then ${today}::date end, ${now}
            from ownerships o
            join units u on u.id = o.unit_id
            join org_units p on p.id = u.project_id
            left join delivery_batches b on b.id = u.delivery_batch_id
           where ${householdWhere(f)} and ${COMPANY} is not null
          ${UPSERT(today, now)}`,
    );
  }

  /** Delivery batches matching the filter (the subjects of per-batch steps: open days, the four-year renewal). */
  async syncBatches(f: SubjectFilter, today: string, since: string, now: Date) {
    return queryRows<{ id: string; inserted: boolean }>(
      this.db,
      sql`insert into journey_subjects (id, kind, company_id, project_id, org_path, batch_id, unit_id, customer_id,
                                        anchors, milestones, active, since, next_plan_on, updated_at)
          select b.id, 'batch', ${COMPANY}, b.project_id, p.path, b.id, null, null,
                 jsonb_strip_nulls(jsonb_build_object('plannedDelivery', b.planned_date, 'actualDelivery', b.actual_date)),
                 ${MILESTONES(sql.raw('b.project_id'))},
                 true, ${since}::date, ${today}::date, ${now}
            from delivery_batches b
            join org_units p on p.id = b.project_id
           where ${batchWhere(f)} and ${COMPANY} is not null
          ${UPSERT(today, now)}`,
    );
  }

  /** A person's households (active ownerships). */
  ofCustomer(customerId: string): Promise<JourneySubjectRow[]> {
    return this.db
      .select()
      .from(journeySubjects)
      .where(
        and(
          eq(journeySubjects.customerId, customerId),
          eq(journeySubjects.kind, 'household'),
          eq(journeySubjects.active, true),
        ),
      )
      .limit(50);
  }

  /** Every active subject of a project is due for planning today (a template was switched for it). */
  async planProjectToday(projectId: string, today: string, now: Date) {
    await this.db
      .update(journeySubjects)
      .set({ nextPlanOn: today, updatedAt: now })
      .where(and(eq(journeySubjects.projectId, projectId), eq(journeySubjects.active, true)));
  }

  /** A page of subjects whose planning day has come, locked for this transaction (other planners skip them). */
  claimDue(today: string, limit: number): Promise<JourneySubjectRow[]> {
    return this.db
      .select()
      .from(journeySubjects)
      .where(lte(journeySubjects.nextPlanOn, today))
      .orderBy(journeySubjects.nextPlanOn, journeySubjects.id)
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Locks these subjects for planning now (a listener planning the household it just synced). */
  lock(ids: string[]): Promise<JourneySubjectRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(journeySubjects)
      .where(and(inArray(journeySubjects.id, ids)))
      .for('update');
  }

  async setNextPlanOn(rows: { id: string; nextPlanOn: string | null }[], now: Date) {
    if (rows.length === 0) return;
    await queryRows(
      this.db,
      sql`update journey_subjects s set next_plan_on = r.next_plan_on, updated_at = ${now}
            from json_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, next_plan_on: r.nextPlanOn })))}::json)
              as r(id uuid, next_plan_on date)
           where s.id = r.id`,
    );
  }
}
