import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { maskMobile } from '../customers/customer.validation.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { UnitLookup } from '../property/unit-lookup.js';
import { checkNamedPerson, ORDER_TAKERS, orderNotices, RUNNING_ORDER, recipients } from './dispatch-orders.js';
import type { SlaService } from './sla/sla.service.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';
import type { WorkOrderRow } from './ticket.tables.js';
import { WORK_ORDER_EVENTS } from './ticket-events.js';
import { ownerOf } from './ticket-inputs.js';
import { noticeToHandlers } from './ticket-notices.js';
import { WorkOrderRepository } from './work-order.repository.js';
import { workOrderEvent } from './work-order-events.js';

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
    private readonly directory: OrgDirectory,
    private readonly events: EventBus,
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
      const target = await this.directory.with(tx).node(body.assigneeOrgId);
      if (!target?.active || !ORDER_TAKERS.includes(target.type)) {
        throw new AppError('VALIDATION_FAILED', { field: 'assigneeOrgId', reason: 'a department or contractor' });
      }
      const people = await new WorkOrderRepository(tx).people(target.id, body.assigneeUserId ?? null);
      const to = body.assigneeUserId ? [checkNamedPerson(people, ticket, true)] : recipients(people, ticket, true);
      const repo = new WorkOrderRepository(tx);
      const seq = await repo.nextSeq(ticketId);
      const now = this.clock.now();
      const created = await repo.insert({
        ticketId,
        seq,
        title: body.title,
        assigneeOrgId: target.id,
        assigneeOrgType: target.type,
        assigneeUserId: body.assigneeUserId ?? null,
        orgPath: ticket.orgPath,
        createdBy: ctx.principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      const clock = await this.sla.start(tx, ownerOf(ticket), 'work_order', now, {
        workOrderId: created.id,
        holderOrgId: created.assigneeOrgId,
      });
      await repo.setDue(created.id, clock.dueAt);
      await new TicketRepository(tx).refreshQueueFields([ticketId]);
      await this.tickets.event(tx, ctx, ticket, {
        kind: 'work_order',
        data: {
          code: 'work_order.create',
          seq: created.seq,
          title: body.title,
          target: target.name,
          workOrderId: created.id,
          action: 'create',
        },
      });
      await this.messaging.notifyMany(tx, orderNotices(ticket, created, to, `wo:${created.id}:assigned`));
      await this.audit.record(tx, ctx, {
        action: 'work_order.create',
        entityType: 'ticket',
        entityId: ticketId,
        orgPath: ticket.orgPath,
        after: { seq: created.seq, assignee: target.name },
      });
      await this.events.record(tx, ctx, [workOrderEvent(WORK_ORDER_EVENTS.assigned, created, ticket.orgPath)]);
      return { ...created, dueAt: clock.dueAt };
    });
  }

  async update(ctx: RequestContext, id: string, body: { action: Action; version: number; note?: string }) {
    return this.db.transaction(async (tx) => {
      const repo = new WorkOrderRepository(tx);
      const order = await repo.find(id);
      if (!order) throw new AppError('WORK_ORDER_NOT_FOUND');
      const ticketRow = await new TicketRepository(tx).find(order.ticketId);
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
        await this.sla.start(tx, ownerOf(ticketRow), 'work_order', now, {
          workOrderId: id,
          holderOrgId: order.assigneeOrgId,
        });
      }
      if (body.action === 'cancel') await this.sla.stop(tx, order.ticketId, ['work_order'], now, { workOrderId: id });
      const updated = await repo.update(id, body.version, patch);
      if (!updated) throw new AppError('VERSION_CONFLICT');
      await new TicketRepository(tx).refreshQueueFields([order.ticketId]);
      await this.tickets.event(tx, ctx, ticketRow, {
        kind: 'work_order',
        body: body.note || null,
        data: { code: `work_order.${body.action}`, seq: order.seq, workOrderId: id, action: body.action },
      });
      if (body.action === 'done') {
        await this.events.record(tx, ctx, [workOrderEvent(WORK_ORDER_EVENTS.done, updated, ticketRow.orgPath)]);
        await noticeToHandlers(tx, this.messaging, ticketRow, ctx.principal.userId, {
          kind: 'work_order.done',
          params: { number: ticketRow.number, seq: order.seq },
          key: `wo:${id}:done:v${updated.version}`,
        });
      }
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

  /** "My queue": orders for me, my org unit or my department, newest first, with what is needed on site. */
  async listMine(ctx: RequestContext, f: { status?: string; before?: { at: Date; id: string }; limit: number }) {
    assertPermission(ctx.principal, 'workorders.handle');
    const repo = new WorkOrderRepository(this.db);
    const rows = await repo.listMine(await this.myOrgIds(ctx), ctx.principal.userId, f);
    const ids = rows.flatMap((r) => (r.projectId ? [r.projectId] : []));
    const [names, addresses] = await Promise.all([
      this.directory.names(ids),
      new UnitLookup(this.db).projectAddresses(ids),
    ]);
    return rows.map(({ contactPhone, projectId, ...r }) => {
      return {
        ...r,
        projectName: (projectId && names.get(projectId)) ?? null,
        address: (projectId && addresses.get(projectId)) || null,
        contactPhoneMasked: contactPhone ? maskMobile(contactPhone) : null,
      };
    });
  }

  /**
   * The owner's full phone for the assignee of a running order, to call from site: a logged reveal with a reason,
   * as for customer phones. Other people's orders answer 404, finished ones 409.
   */
  async revealPhone(ctx: RequestContext, id: string, reason: string): Promise<string> {
    assertPermission(ctx.principal, 'workorders.handle');
    const found = await new WorkOrderRepository(this.db).withContact(id);
    if (!found || !(await this.isAssignee(this.db, ctx, found.w))) throw new AppError('WORK_ORDER_NOT_FOUND');
    if (!RUNNING_ORDER.includes(found.w.status)) {
      throw new AppError('WORK_ORDER_NOT_RUNNING', { status: found.w.status });
    }
    if (!found.contactPhone) throw new AppError('NOT_FOUND', { field: 'phone' });
    await this.audit.record(this.db, ctx, {
      action: 'work_order.reveal_phone',
      entityType: 'ticket',
      entityId: found.w.ticketId,
      orgPath: found.orgPath,
      after: { workOrderId: id, seq: found.w.seq, field: 'phone' },
      reason,
    });
    return found.contactPhone;
  }

  private async isAssignee(db: Executor, ctx: RequestContext, order: WorkOrderRow) {
    if (order.assigneeUserId === ctx.principal.userId) return true;
    return (await this.myOrgIds(ctx, db)).includes(order.assigneeOrgId);
  }

  /** My org unit and my department: the units whose orders are mine. */
  private async myOrgIds(ctx: RequestContext, db: Executor = this.db): Promise<string[]> {
    const departmentId = await this.directory.with(db).departmentOf(ctx.principal.userId);
    return [ctx.principal.orgUnitId, ...(departmentId ? [departmentId] : [])];
  }
}
