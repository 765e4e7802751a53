import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';

export type BatchDates = {
  id: string;
  projectId: string;
  name: string;
  plannedDate: string | null;
  actualDate: string | null;
};

/**
 * Read-only lookups of the records a KPI counted (decisions §34): what a person reads to find each one in a
 * drill-down, and the dates of a delivery batch that decide the month its figures are reported in.
 */
export class KpiRecordsRepository {
  constructor(private readonly db: Executor) {}

  async batch(id: string): Promise<BatchDates | null> {
    const [row] = await queryRows<BatchDates>(
      this.db,
      sql`select id, project_id as "projectId", name, planned_date::text as "plannedDate",
            actual_date::text as "actualDate"
          from delivery_batches where id = ${id}`,
    );
    return row ?? null;
  }

  /** Batches whose day 46 has come (up to `today`) since `since`, without a frozen day-46 run yet. */
  dueForDay46(since: string, today: string): Promise<{ id: string; actualDate: string }[]> {
    return queryRows(
      this.db,
      sql`select b.id, b.actual_date::text as "actualDate" from delivery_batches b
          where b.actual_date is not null and b.actual_date + 46 <= ${today}::date and b.actual_date + 46 >= ${since}::date
            and not exists (select 1 from kpi_runs r where r.batch_key = b.id::text and r.current)`,
    );
  }

  /** A label per record: ticket numbers (with the clock's node), unit codes, batch names, open-day item text… */
  async labels(records: { recordType: string; recordId: string; category: string | null }[]) {
    const ids = (type: string) => [...new Set(records.filter((r) => r.recordType === type).map((r) => r.recordId))];
    const out = new Map<string, string>();
    const put = (rows: { id: string; label: string }[]) => {
      for (const r of rows) out.set(r.id, r.label);
    };
    const json = (type: string) => JSON.stringify(ids(type));
    const list = (type: string) => sql`(select value::uuid from json_array_elements_text(${json(type)}::json))`;
    if (ids('ticket').length)
      put(await queryRows(this.db, sql`select id, number as label from tickets where id in ${list('ticket')}`));
    if (ids('clock').length)
      put(
        await queryRows(
          this.db,
          sql`select c.id, t.number as label from sla_clocks c join tickets t on t.id = c.subject_id
              where c.id in ${list('clock')}`,
        ),
      );
    if (ids('work_order').length)
      put(
        await queryRows(
          this.db,
          sql`select w.id, t.number || '-' || w.seq as label from work_orders w join tickets t on t.id = w.ticket_id
              where w.id in ${list('work_order')}`,
        ),
      );
    if (ids('survey_request').length)
      put(
        await queryRows(
          this.db,
          sql`select r.id, coalesce(t.number, u.code, r.id::text) as label from survey_requests r
              left join tickets t on t.id = r.subject_id left join units u on u.id = r.unit_id
              where r.id in ${list('survey_request')}`,
        ),
      );
    if (ids('unit').length)
      put(await queryRows(this.db, sql`select id, code as label from units where id in ${list('unit')}`));
    for (const type of ['batch', 'product_type', 'property_handover'])
      if (ids(type).length)
        put(await queryRows(this.db, sql`select id, name as label from delivery_batches where id in ${list(type)}`));
    if (ids('building').length)
      put(await queryRows(this.db, sql`select id, name as label from buildings where id in ${list('building')}`));
    if (ids('open_day_item').length)
      put(
        await queryRows(
          this.db,
          sql`select id, left(content, 60) as label from open_day_items where id in ${list('open_day_item')}`,
        ),
      );
    if (ids('project').length)
      put(await queryRows(this.db, sql`select id, name as label from org_units where id in ${list('project')}`));
    return out;
  }
}
