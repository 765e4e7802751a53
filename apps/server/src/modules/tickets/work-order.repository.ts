import { and, desc, eq, inArray, max, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { rowWriter } from '../../platform/db/table-rows.js';
import { orgUnits } from '../org/org.tables.js';
import type { OrgNode } from './ticket.repository.js';
import { tickets, type WorkOrderRow, workOrders } from './ticket.tables.js';

/** A staff member who may hear of a work order: where they are placed and what their roles allow. */
export type StaffMember = { id: string; path: string; permissions: string[]; worksIn: boolean };
export type OrderRef = Pick<WorkOrderRow, 'id' | 'seq' | 'status' | 'version' | 'assigneeOrgId' | 'assigneeUserId'>;
export type WorkOrderInsert = typeof workOrders.$inferInsert & { id: string; seq: number };

/** What dispatching a ticket to a unit checks: the unit, the ticket's work orders and the people concerned. */
export type DispatchState = { target: OrgNode | null; orders: OrderRef[]; people: StaffMember[] };

/** The changes a dispatch makes to a ticket's work orders, written together before the move's statement. */
export type OrderWrites = {
  create: WorkOrderInsert | null;
  reassign: { id: string; version: number; userId: string } | null;
  cancel: { id: string; version: number }[];
};

const orderWriter = rowWriter(workOrders);

/** The people of a unit, or one named person, with their permissions and whether they work in the unit. */
const peopleOf = (orgId: string, userId: string | null) => sql`
  (select coalesce(json_agg(p), '[]') from (
     select u.id, o.path,
            (u.department_id = tg.id or starts_with(o.path, tg.path)) as "worksIn",
            array(select distinct perm from user_roles ur join roles r on r.id = ur.role_id
                    cross join unnest(r.permissions) perm where ur.user_id = u.id) as permissions
       from users u join org_units o on o.id = u.org_unit_id
       join org_units tg on tg.id = ${orgId}
      where u.status = 'active'
        and case when ${userId}::uuid is null then u.org_unit_id = tg.id or u.department_id = tg.id
                 else u.id = ${userId}::uuid end
      order by u.id
      limit 50) p)`;

/** The queries of work orders (the ticket page reads them with the ticket: TicketRepository). */
export class WorkOrderRepository {
  constructor(private readonly db: Executor) {}

  /** One read: the active unit, every work order of the ticket, and the named person or the unit's people. */
  async dispatchState(ticketId: string, orgId: string, userId: string | null): Promise<DispatchState> {
    const [row] = await queryRows<DispatchState>(
      this.db,
      sql`select
            (select json_build_object('id', o.id, 'type', o.type, 'name', o.name, 'path', o.path)
               from org_units o where o.id = ${orgId} and o.active) as target,
            (select coalesce(json_agg(json_build_object('id', w.id, 'seq', w.seq, 'status', w.status,
                      'version', w.version, 'assigneeOrgId', w.assignee_org_id, 'assigneeUserId', w.assignee_user_id)
                      order by w.seq), '[]')
               from work_orders w where w.ticket_id = ${ticketId}) as orders,
            ${peopleOf(orgId, userId)} as people`,
    );
    return row as DispatchState;
  }

  /** The active staff handling a ticket: who took it in, its named assignee, who gave out its work orders. */
  async handlers(ticketId: string): Promise<StaffMember[]> {
    const [row] = await queryRows<{ people: StaffMember[] }>(
      this.db,
      sql`select coalesce(json_agg(p), '[]') as people from (
            select u.id, o.path, true as "worksIn",
                   array(select distinct perm from user_roles ur join roles r on r.id = ur.role_id
                           cross join unnest(r.permissions) perm where ur.user_id = u.id) as permissions
              from users u join org_units o on o.id = u.org_unit_id
             where u.status = 'active' and u.id in (
                     select t.created_by from tickets t where t.id = ${ticketId}
                     union select t.assignee_user_id from tickets t where t.id = ${ticketId}
                     union select w.created_by from work_orders w where w.ticket_id = ${ticketId})
             order by u.id limit 50) p`,
    );
    return row?.people ?? [];
  }

  /** The named person, or the unit's people, for a work order created on its own (not by a dispatch). */
  async people(orgId: string, userId: string | null): Promise<StaffMember[]> {
    const [row] = await queryRows<{ people: StaffMember[] }>(this.db, sql`select ${peopleOf(orgId, userId)} as people`);
    return row?.people ?? [];
  }

  /**
   * A dispatch's order changes in one statement: orders taken back (only while still open at the version read),
   * the person on a kept order, the new order. False when any of them no longer applies or the new order's
   * number was taken meanwhile (a concurrent dispatch or order): the caller answers 409 and nothing stays.
   */
  async writeDispatch(w: OrderWrites, at: Date): Promise<boolean> {
    const reassign = w.reassign ?? { id: null, version: 0, userId: null };
    try {
      const [row] = await queryRows<{ cancelled: number; reassigned: number; created: number }>(
        this.db,
        sql`with
          cancelled as (
            update work_orders w set status = 'cancelled', version = w.version + 1, updated_at = ${at}
              from json_to_recordset(${JSON.stringify(w.cancel)}::json) as c(id uuid, version int)
             where w.id = c.id and w.version = c.version and w.status = 'open'
            returning w.id),
          reassigned as (
            update work_orders w set assignee_user_id = ${reassign.userId}::uuid, version = w.version + 1,
                   updated_at = ${at}
             where w.id = ${reassign.id}::uuid and w.version = ${reassign.version}
            returning w.id),
          created as (
            insert into work_orders (${sql.raw(orderWriter.columns)})
            select ${sql.raw(orderWriter.columns)}
              from json_populate_recordset(null::work_orders, ${JSON.stringify(w.create ? [orderWriter.row(w.create)] : [])}::json)
            returning id)
          select (select count(*) from cancelled)::int as cancelled, (select count(*) from reassigned)::int as reassigned,
                 (select count(*) from created)::int as created`,
      );
      return (
        row?.cancelled === w.cancel.length &&
        row.reassigned === (w.reassign ? 1 : 0) &&
        row.created === (w.create ? 1 : 0)
      );
    } catch (err) {
      if (isUniqueViolation(err, 'work_orders_ticket_seq_uq')) return false;
      throw err;
    }
  }

  /**
   * "My queue": orders for me, my org unit or my department, newest first, with what the assignee needs on site
   * (the ticket's place, description and masked contact, the latest inspection's findings, the dispatcher's note).
   */
  listMine(orgIds: string[], userId: string, f: { status?: string; before?: { at: Date; id: string }; limit: number }) {
    return this.db
      .select({
        w: workOrders,
        ticketNumber: tickets.number,
        assigneeOrgName: orgUnits.name,
        ticketTitle: tickets.title,
        projectId: tickets.projectId,
        unitCode: tickets.unitCode,
        room: tickets.room,
        location: tickets.location,
        contactPhone: tickets.contactPhone,
        description: tickets.description,
        findings: sql<string | null>`(select e.body from ticket_events e
          where e.ticket_id = ${workOrders.ticketId} and e.kind = 'inspect' order by e.id desc limit 1)`,
        dispatchNote: sql<string | null>`(select e.data->>'note' from ticket_events e
          where e.ticket_id = ${workOrders.ticketId} and e.kind = 'work_order' and e.data->>'action' = 'create'
            and e.data->>'workOrderId' = ${workOrders.id}::text order by e.id desc limit 1)`,
      })
      .from(workOrders)
      .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
      .innerJoin(orgUnits, eq(orgUnits.id, workOrders.assigneeOrgId))
      .where(
        and(
          or(eq(workOrders.assigneeUserId, userId), inArray(workOrders.assigneeOrgId, orgIds)),
          f.status ? eq(workOrders.status, f.status) : undefined,
          f.before ? sql`(${workOrders.createdAt}, ${workOrders.id}) < (${f.before.at}, ${f.before.id})` : undefined,
        ) as SQL,
      )
      .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
      .limit(f.limit + 1);
  }

  /** A work order with its ticket's contact phone and place in the org tree (for a phone reveal). */
  async withContact(id: string) {
    const [row] = await this.db
      .select({ w: workOrders, contactPhone: tickets.contactPhone, orgPath: tickets.orgPath })
      .from(workOrders)
      .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
      .where(eq(workOrders.id, id));
    return row ?? null;
  }

  async find(id: string): Promise<WorkOrderRow | null> {
    const [row] = await this.db.select().from(workOrders).where(eq(workOrders.id, id));
    return row ?? null;
  }

  /** The next work order's number within its ticket. */
  async nextSeq(ticketId: string): Promise<number> {
    const [last] = await this.db
      .select({ n: max(workOrders.seq) })
      .from(workOrders)
      .where(eq(workOrders.ticketId, ticketId));
    return (last?.n ?? 0) + 1;
  }

  async insert(values: typeof workOrders.$inferInsert): Promise<WorkOrderRow> {
    const [row] = await this.db.insert(workOrders).values(values).returning();
    return row as WorkOrderRow;
  }

  async setDue(id: string, dueAt: Date) {
    await this.db.update(workOrders).set({ dueAt }).where(eq(workOrders.id, id));
  }

  /** Optimistic update (the patch carries the new version): null when someone else changed the order first. */
  async update(id: string, version: number, patch: Partial<WorkOrderRow>): Promise<WorkOrderRow | null> {
    const [row] = await this.db
      .update(workOrders)
      .set(patch)
      .where(and(eq(workOrders.id, id), eq(workOrders.version, version)))
      .returning();
    return row ?? null;
  }
}
