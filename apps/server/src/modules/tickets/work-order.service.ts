import { and, desc, eq, max, or, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { type Db, type Executor, queryRows } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { orgUnits } from '../org/org.tables.js';
import type { SlaService } from './sla/sla.service.js';
import { TicketRepository } from './ticket.repository.js';
import { ownerOf, type TicketService } from './ticket.service.js';
import { tickets, type WorkOrderRow, workOrders } from './ticket.tables.js';

type Action = 'accept' | 'progress' | 'done' | 'confirm' | 'reject' | 'cancel';
const FROM: Record<Action, string[]> = {
  accept: ['open'],
  progress: ['accepted', 'in_progress'],
  done: ['accepted', 'in_progress'],
  confirm: ['done'],
  reject: ['done'],
  cancel: ['open', 'accepted', 'in_progress'],
};
const TO: Record<Action, string> = {
  accept: 'accepted',
  progress: 'in_progress',
  done: 'done',
  confirm: 'confirmed',
  reject: 'in_progress',
  cancel: 'cancelled',
};
/** The assignee side does the work; the CR side (tickets.manage) confirms, rejects or cancels. */
const ASSIGNEE_ACTIONS: Action[] = ['accept', 'progress', 'done'];

/**
 * Work orders: one piece of a ticket for a department, a person or a contractor, each with its own clock.
 * Assignees see their orders through "my queue" whatever their org scope (a contractor sees only its own).
 */
export class WorkOrderService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly messaging: MessagingService,
    private readonly tickets: TicketService,
  ) {}

  async create(
    ctx: RequestContext,
    ticketId: string,
    body: { title: string; assigneeOrgId: string; assigneeUserId?: string },
  ) {
    assertPermission(ctx.principal, 'tickets.dispatch');
    return this.db.transaction(async (tx) => {
      const ticket = await this.tickets.get(ctx, ticketId, tx);
      if (!['dispatched', 'processing'].includes(ticket.status)) {
        throw new AppError('TICKET_TRANSITION_INVALID', { status: ticket.status, action: 'createWorkOrder' });
      }
      const target = await new TicketRepository(tx).orgNode(body.assigneeOrgId);
      if (!target || !['department', 'contractor'].includes(target.type)) {
        throw new AppError('VALIDATION_FAILED', { field: 'assigneeOrgId', reason: 'a department or contractor' });
      }
      const [last] = await tx
        .select({ n: max(workOrders.seq) })
        .from(workOrders)
        .where(eq(workOrders.ticketId, ticketId));
      const now = this.clock.now();
      const [order] = await tx
        .insert(workOrders)
        .values({
          ticketId,
          seq: (last?.n ?? 0) + 1,
          title: body.title,
          assigneeOrgId: target.id,
          assigneeOrgType: target.type,
          assigneeUserId: body.assigneeUserId ?? null,
          orgPath: ticket.orgPath,
          createdBy: ctx.principal.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const created = order as WorkOrderRow;
      const clock = await this.sla.start(tx, ownerOf(ticket), 'work_order', now, { workOrderId: created.id });
      await tx.update(workOrders).set({ dueAt: clock.dueAt }).where(eq(workOrders.id, created.id));
      await this.sla.refreshTicket(tx, ticketId);
      await this.tickets.event(tx, ctx, ticket, {
        kind: 'work_order',
        body: `#${created.seq} ${body.title} → ${target.name}`,
        data: { workOrderId: created.id, action: 'create' },
      });
      await this.messaging.notify(tx, {
        userIds: await this.handlers(tx, target.id, body.assigneeUserId),
        kind: 'work_order.assigned',
        title: `新派工单 ${ticket.number}-${created.seq}`,
        body: body.title,
        link: `/work-orders`,
        idempotencyKey: `wo:${created.id}:assigned`,
      });
      await this.audit.record(tx, ctx, {
        action: 'work_order.create',
        entityType: 'ticket',
        entityId: ticketId,
        orgPath: ticket.orgPath,
        after: { seq: created.seq, assignee: target.name },
      });
      return { ...created, dueAt: clock.dueAt };
    });
  }

  async update(ctx: RequestContext, id: string, body: { action: Action; version: number; note?: string }) {
    return this.db.transaction(async (tx) => {
      const [order] = await tx.select().from(workOrders).where(eq(workOrders.id, id));
      if (!order) throw new AppError('WORK_ORDER_NOT_FOUND');
      const [ticketRow] = await tx.select().from(tickets).where(eq(tickets.id, order.ticketId));
      if (!ticketRow) throw new AppError('WORK_ORDER_NOT_FOUND');
      if (ASSIGNEE_ACTIONS.includes(body.action)) {
        assertPermission(ctx.principal, 'workorders.handle');
        if (!(await this.isAssignee(tx, ctx, order))) throw new AppError('WORK_ORDER_NOT_FOUND');
      } else {
        await this.tickets.get(ctx, order.ticketId, tx);
        assertPermission(ctx.principal, 'tickets.manage');
      }
      if (!FROM[body.action].includes(order.status)) {
        throw new AppError('WORK_ORDER_TRANSITION_INVALID', { status: order.status, action: body.action });
      }
      const now = this.clock.now();
      const patch: Partial<WorkOrderRow> = { status: TO[body.action], updatedAt: now, version: order.version + 1 };
      if (body.action === 'accept') patch.acceptedAt = now;
      if (body.action === 'progress') patch.progress = body.note ?? null;
      if (body.action === 'done') {
        patch.doneAt = now;
        patch.result = body.note ?? null;
        await this.sla.stop(tx, order.ticketId, ['work_order'], now, { workOrderId: id });
      }
      if (body.action === 'confirm') patch.confirmedAt = now;
      if (body.action === 'reject') {
        patch.doneAt = null;
        await this.sla.start(tx, ownerOf(ticketRow), 'work_order', now, { workOrderId: id });
      }
      if (body.action === 'cancel') await this.sla.stop(tx, order.ticketId, ['work_order'], now, { workOrderId: id });
      const [updated] = await tx
        .update(workOrders)
        .set(patch)
        .where(and(eq(workOrders.id, id), eq(workOrders.version, body.version)))
        .returning();
      if (!updated) throw new AppError('VERSION_CONFLICT');
      await this.sla.refreshTicket(tx, order.ticketId);
      await this.tickets.event(tx, ctx, ticketRow, {
        kind: 'work_order',
        body: `#${order.seq} ${body.action}${body.note ? `：${body.note}` : ''}`,
        data: { workOrderId: id, action: body.action },
      });
      await this.audit.record(tx, ctx, {
        action: `work_order.${body.action}`,
        entityType: 'ticket',
        entityId: order.ticketId,
        orgPath: ticketRow.orgPath,
        before: { seq: order.seq, status: order.status },
        after: { status: updated.status },
      });
      return updated;
    });
  }

  /** "My queue": orders for me, my org unit or my department, newest first. */
  async listMine(ctx: RequestContext, f: { status?: string; before?: { at: Date; id: string }; limit: number }) {
    assertPermission(ctx.principal, 'workorders.handle');
    const orgIds = await this.myOrgIds(ctx);
    return this.db
      .select({ w: workOrders, ticketNumber: tickets.number, assigneeOrgName: orgUnits.name })
      .from(workOrders)
      .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
      .innerJoin(orgUnits, eq(orgUnits.id, workOrders.assigneeOrgId))
      .where(
        and(
          or(
            eq(workOrders.assigneeUserId, ctx.principal.userId),
            sql`${workOrders.assigneeOrgId} in (${sql.join(
              orgIds.map((o) => sql`${o}`),
              sql`, `,
            )})`,
          ),
          f.status ? eq(workOrders.status, f.status) : undefined,
          f.before ? sql`(${workOrders.createdAt}, ${workOrders.id}) < (${f.before.at}, ${f.before.id})` : undefined,
        ),
      )
      .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
      .limit(f.limit + 1);
  }

  private async isAssignee(db: Executor, ctx: RequestContext, order: WorkOrderRow) {
    if (order.assigneeUserId === ctx.principal.userId) return true;
    return (await this.myOrgIds(ctx, db)).includes(order.assigneeOrgId);
  }

  private async myOrgIds(ctx: RequestContext, db: Executor = this.db): Promise<string[]> {
    const [me] = await queryRows<{ departmentId: string | null }>(
      db,
      sql`select department_id as "departmentId" from users where id = ${ctx.principal.userId}`,
    );
    return [ctx.principal.orgUnitId, ...(me?.departmentId ? [me.departmentId] : [])];
  }

  /** Who hears of a new order: the named person, else everyone placed in the assignee org or department. */
  private async handlers(db: Executor, orgId: string, userId?: string) {
    if (userId) return [userId];
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from users where status = 'active' and (org_unit_id = ${orgId} or department_id = ${orgId}) limit 50`,
    );
    return rows.map((r) => r.id);
  }
}
