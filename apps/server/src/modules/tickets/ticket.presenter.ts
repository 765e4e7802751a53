import type { MyWorkOrder, Ticket, TicketStatus, TicketSummary, TitleParts, WorkOrder } from '@anju/contracts';
import { maskMobile } from '../customers/customer.validation.js';
import type { SlaClockRow } from '../sla/clock-rows.js';
import type { CallbackRow, TicketEventRow, TicketRow, WorkOrderRow } from './ticket.tables.js';
import { allowedActions } from './ticket.workflow.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentTicketSummary = (t: TicketRow, projectName: string | null): TicketSummary => ({
  id: t.id,
  number: t.number,
  type: t.type as TicketSummary['type'],
  channel: t.channel as TicketSummary['channel'],
  priority: t.priority as TicketSummary['priority'],
  major: t.major,
  status: t.status as TicketStatus,
  title: t.title,
  titleParts: (t.titleParts as TitleParts | null) ?? null,
  customerId: t.customerId,
  customerName: t.customerName,
  unitCode: t.unitCode,
  projectId: t.projectId,
  projectName,
  categoryCode: t.categoryCode,
  assigneeUserId: t.assigneeUserId,
  assigneeOrgId: t.assigneeOrgId,
  warning: t.warning,
  overdue: t.overdue,
  escalationLevel: t.escalationLevel,
  nextDueAt: iso(t.nextDueAt),
  reportedAt: t.reportedAt.toISOString(),
  createdAt: t.createdAt.toISOString(),
  version: t.version,
});

export const presentWorkOrder = (w: WorkOrderRow & { ticketNumber: string; assigneeOrgName: string }): WorkOrder => ({
  id: w.id,
  ticketId: w.ticketId,
  ticketNumber: w.ticketNumber,
  seq: w.seq,
  title: w.title,
  assigneeOrgId: w.assigneeOrgId,
  assigneeOrgName: w.assigneeOrgName,
  assigneeOrgType: w.assigneeOrgType,
  assigneeUserId: w.assigneeUserId,
  status: w.status as WorkOrder['status'],
  progress: w.progress,
  result: w.result,
  dueAt: iso(w.dueAt),
  doneAt: iso(w.doneAt),
  confirmedAt: iso(w.confirmedAt),
  version: w.version,
  createdAt: w.createdAt.toISOString(),
});

export const presentMyWorkOrder = (
  r: { w: WorkOrderRow; ticketNumber: string; assigneeOrgName: string } & MyWorkOrder['site'],
): MyWorkOrder =>
  Object.assign(presentWorkOrder({ ...r.w, ticketNumber: r.ticketNumber, assigneeOrgName: r.assigneeOrgName }), {
    site: {
      ticketTitle: r.ticketTitle,
      projectName: r.projectName,
      unitCode: r.unitCode,
      address: r.address,
      room: r.room,
      location: r.location,
      contactPhoneMasked: r.contactPhoneMasked,
      description: r.description,
      findings: r.findings,
      dispatchNote: r.dispatchNote,
    },
  });

export function presentTicket(
  t: TicketRow,
  parts: {
    clocks: (SlaClockRow & { holderName?: string | null })[];
    events: TicketEventRow[];
    workOrders: (WorkOrderRow & { assigneeOrgName: string })[];
    callback: CallbackRow | null;
    mergedInto: { id: string; number: string } | null;
    projectName: string | null;
  },
): Ticket {
  // Object.assign, not a spread: V8 builds `{ ...summary, <25 more> }` tens of times slower (the ticket page's
  // biggest cost after the query).
  return Object.assign(presentTicketSummary(t, parts.projectName), {
    description: t.description,
    contactPhoneMasked: t.contactPhone ? maskMobile(t.contactPhone) : null,
    unitId: t.unitId,
    room: t.room,
    location: t.location,
    warrantyStatus: t.warrantyStatus as Ticket['warrantyStatus'],
    warrantyUntil: t.warrantyUntil,
    rootCause: t.rootCause as Ticket['rootCause'],
    knowledgeArticleId: t.knowledgeArticleId,
    leak: t.leak,
    drawingMismatch: t.drawingMismatch,
    complaintCause: t.complaintCause as Ticket['complaintCause'],
    responsibleOrgId: t.responsibleOrgId,
    resolution: t.resolution,
    cost: t.cost === null ? null : Number(t.cost),
    heldFrom: t.heldFrom,
    holdReason: t.holdReason,
    resumeOn: t.resumeOn,
    inspectionRequired: t.inspectionRequired,
    firstResponseAt: iso(t.firstResponseAt),
    closedAt: iso(t.closedAt),
    completedAt: iso(t.completedAt),
    reopenCount: t.reopenCount,
    cancelReason: t.cancelReason,
    mergedInto: parts.mergedInto,
    clocks: parts.clocks.map((c) => ({
      id: c.id,
      node: c.node as Ticket['clocks'][number]['node'],
      workOrderId: c.partId,
      mode: c.mode as 'working' | 'calendar',
      limitMinutes: c.limitMinutes,
      startedAt: c.startedAt.toISOString(),
      warnAt: c.warnAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      pausedAt: iso(c.pausedAt),
      warnedAt: iso(c.warnedAt),
      breachedAt: iso(c.breachedAt),
      escalationLevel: c.escalationLevel,
      stoppedAt: iso(c.stoppedAt),
      outcome: c.outcome as Ticket['clocks'][number]['outcome'],
      holderOrgId: c.holderOrgId,
      holderName: c.holderName ?? null,
    })),
    workOrders: parts.workOrders.map((w) => presentWorkOrder(Object.assign({ ticketNumber: t.number }, w))),
    events: parts.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      visibility: e.visibility as 'internal' | 'customer',
      actorName: e.actorName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      body: e.body,
      data: e.data,
    })),
    callback: parts.callback
      ? {
          status: parts.callback.status as NonNullable<Ticket['callback']>['status'],
          attempts: parts.callback.attempts,
          score: parts.callback.score,
          comment: parts.callback.comment,
        }
      : null,
    allowedActions: allowedActions(t.status as TicketStatus),
  });
}
