import type { WorkOrderEvent } from './ticket-events.js';

/** The event of an order's assignment or completion. */
export const workOrderEvent = (
  name: string,
  o: { id: string; ticketId: string; seq: number; assigneeOrgId: string; assigneeUserId: string | null },
  orgPath: string,
) => ({
  name,
  subjectType: 'work_order',
  subjectId: o.id,
  orgPath,
  payload: {
    ticketId: o.ticketId,
    seq: o.seq,
    assigneeOrgId: o.assigneeOrgId,
    assigneeUserId: o.assigneeUserId,
  } satisfies WorkOrderEvent,
});
