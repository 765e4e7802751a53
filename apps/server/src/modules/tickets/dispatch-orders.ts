import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../platform/audit/audit.service.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { MessagingService, StaffNotice } from '../../platform/messaging/messaging.service.js';
import type { OrgNode } from './ticket.repository.js';
import type { TicketRow } from './ticket.tables.js';
import type { TicketEventInput } from './ticket-inputs.js';
import { staffNotice } from './ticket-notices.js';
import { type OrderWrites, type StaffMember, WorkOrderRepository } from './work-order.repository.js';

/** Units a ticket may be dispatched to; departments and contractors get the work as a work order. */
export const DISPATCH_TARGETS = ['department', 'contractor', 'project', 'city_company'];
export const ORDER_TAKERS = ['department', 'contractor'];
/** Orders whose assignee still has work to do. */
export const RUNNING_ORDER = ['open', 'accepted', 'in_progress'];

type TicketRef = Pick<TicketRow, 'id' | 'number' | 'title' | 'orgPath'>;

/**
 * The page a staff member can open about a ticket: their work orders when they handle the work order, else the
 * ticket when it lies in their scope and they may read tickets; null when neither (they are not told).
 */
export function linkFor(person: StaffMember, ticket: TicketRef, order: boolean): string | null {
  if (order && person.permissions.includes('workorders.handle')) return '/work-orders';
  if (person.permissions.includes('tickets.read') && ticket.orgPath.startsWith(person.path)) {
    return `/tickets/${ticket.id}`;
  }
  return null;
}

/** Who hears of a work order or a dispatch, each with the page they can open (no page, no notice). */
export function recipients(people: StaffMember[], ticket: TicketRef, order: boolean) {
  return people.flatMap((p) => {
    const link = linkFor(p, ticket, order);
    return link ? [{ userId: p.id, link }] : [];
  });
}

/**
 * The named person of a dispatch or a work order: active, working in the unit (placed in or below it, or a member
 * of it as a department), and able to open what they will be told about.
 */
export function checkNamedPerson(people: StaffMember[], ticket: TicketRef, order: boolean) {
  const person = people[0];
  if (!person?.worksIn) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'assigneeUserId',
      reason: 'not an active user of the chosen department or contractor',
    });
  }
  const link = linkFor(person, ticket, order);
  if (!link) throw new AppError('TICKET_ASSIGNEE_NO_ACCESS', { field: 'assigneeUserId' });
  return { userId: person.id, link };
}

/** What a dispatch does besides moving the ticket: its work orders, the events and audit rows about them, notices. */
export type DispatchPlan = OrderWrites & {
  target: OrgNode;
  /** The order that carries the dispatch (new or kept), when the target takes work orders. */
  order: { id: string; seq: number } | null;
  cancelled: { id: string; seq: number }[];
  notices: { userId: string; link: string }[];
  note: string | null;
};

/**
 * Dispatching to a department or contractor gives it the work as a work order in the same step: a new one, or
 * the order it already has running on the ticket (a named person takes it over). Orders of the previous assignee
 * that nobody has accepted yet are taken back. Project and city-company targets handle the ticket itself.
 */
export async function planDispatch(
  db: Executor,
  ticket: TicketRow,
  body: { assigneeOrgId: string; assigneeUserId?: string; note?: string },
  actorId: string,
  now: Date,
): Promise<DispatchPlan> {
  const state = await new WorkOrderRepository(db).dispatchState(
    ticket.id,
    body.assigneeOrgId,
    body.assigneeUserId ?? null,
  );
  const target = state.target;
  if (!target || !DISPATCH_TARGETS.includes(target.type)) {
    throw new AppError('VALIDATION_FAILED', { field: 'assigneeOrgId', reason: 'unknown department or contractor' });
  }
  const takesOrder = ORDER_TAKERS.includes(target.type);
  const named = body.assigneeUserId ? checkNamedPerson(state.people, ticket, takesOrder) : null;
  const previous = ticket.assigneeOrgId;
  const cancel =
    previous && previous !== target.id
      ? state.orders.filter((o) => o.status === 'open' && o.assigneeOrgId === previous)
      : [];
  const plan: DispatchPlan = {
    target,
    create: null,
    reassign: null,
    cancel: cancel.map((o) => ({ id: o.id, version: o.version })),
    order: null,
    cancelled: cancel.map((o) => ({ id: o.id, seq: o.seq })),
    notices: named ? [named] : [],
    note: body.note ?? null,
  };
  if (!takesOrder) return plan;
  const kept = state.orders.find((o) => RUNNING_ORDER.includes(o.status) && o.assigneeOrgId === target.id);
  if (kept) {
    plan.order = { id: kept.id, seq: kept.seq };
    if (named && kept.assigneeUserId !== named.userId) {
      plan.reassign = { id: kept.id, version: kept.version, userId: named.userId };
    } else plan.notices = [];
    return plan;
  }
  const seq = Math.max(0, ...state.orders.map((o) => o.seq)) + 1;
  plan.create = {
    id: randomUUID(),
    ticketId: ticket.id,
    seq,
    title: ticket.title,
    assigneeOrgId: target.id,
    assigneeOrgType: target.type,
    assigneeUserId: named?.userId ?? null,
    orgPath: ticket.orgPath,
    createdBy: actorId,
    createdAt: now,
    updatedAt: now,
  };
  plan.order = { id: plan.create.id, seq };
  if (!named) plan.notices = recipients(state.people, ticket, true);
  return plan;
}

/** The notices of a new (or handed-over) work order, one per distinct page. */
export function orderNotices(
  ticket: Pick<TicketRow, 'number' | 'title'>,
  order: { id: string; seq: number },
  to: { userId: string; link: string }[],
  key: string,
): StaffNotice[] {
  return groupByLink(to).map(([link, userIds]) =>
    staffNotice(
      {
        kind: 'work_order.assigned',
        params: { number: ticket.number, seq: order.seq },
        key,
        body: ticket.title,
        link,
      },
      userIds,
    ),
  );
}

const groupByLink = (to: { userId: string; link: string }[]) => {
  const by = new Map<string, string[]>();
  for (const r of to) by.set(r.link, [...(by.get(r.link) ?? []), r.userId]);
  return [...by];
};

/**
 * The writes of a dispatch, before the move's statement in its transaction: the order changes (409 when they no
 * longer apply), then the notices. `dueAt` is the new order's deadline, from the clock the statement starts.
 */
export function dispatchWrites(
  messaging: MessagingService,
  ticket: TicketRow,
  plan: DispatchPlan,
  dueAt: Date | null,
  now: Date,
): ((tx: Executor) => Promise<unknown>)[] {
  const writes: ((tx: Executor) => Promise<unknown>)[] = [];
  if (plan.create || plan.reassign || plan.cancel.length) {
    const create = plan.create ? { ...plan.create, dueAt } : null;
    writes.push(async (tx) => {
      const ok = await new WorkOrderRepository(tx).writeDispatch({ ...plan, create }, now);
      if (!ok) throw new AppError('VERSION_CONFLICT');
    });
  }
  const { order } = plan;
  const notices = order
    ? orderNotices(ticket, order, plan.notices, `wo:${order.id}:assigned:v${ticket.version}`)
    : groupByLink(plan.notices).map(([link, userIds]) =>
        staffNotice(
          {
            kind: 'ticket.assigned',
            params: { number: ticket.number },
            key: `assigned:${ticket.id}:${ticket.version}`,
            body: ticket.title,
            link,
          },
          userIds,
        ),
      );
  if (notices.length) writes.push((tx) => messaging.notifyMany(tx, notices));
  return writes;
}

/** The ticket events of a dispatch's order changes (the dispatch's own event is the move's). */
export function dispatchEvents(plan: DispatchPlan): TicketEventInput[] {
  const { create, target } = plan;
  return [
    ...(create
      ? [
          {
            kind: 'work_order',
            data: {
              code: 'work_order.create',
              seq: create.seq,
              title: create.title,
              target: target.name,
              workOrderId: create.id,
              action: 'create',
              note: plan.note,
            },
          } satisfies TicketEventInput,
        ]
      : []),
    ...plan.cancelled.map(
      (o): TicketEventInput => ({
        kind: 'work_order',
        data: { code: 'work_order.cancel', seq: o.seq, workOrderId: o.id, action: 'cancel' },
      }),
    ),
  ];
}

export function dispatchAudit(ticket: TicketRow, plan: DispatchPlan): AuditEntry[] {
  const about = { entityType: 'ticket', entityId: ticket.id, orgPath: ticket.orgPath };
  return [
    ...(plan.create
      ? [
          {
            ...about,
            action: 'work_order.create' as const,
            after: { seq: plan.create.seq, assignee: plan.target.name },
          },
        ]
      : []),
    ...(plan.reassign
      ? [
          {
            ...about,
            action: 'work_order.reassign' as const,
            after: { workOrderId: plan.reassign.id, userId: plan.reassign.userId },
          },
        ]
      : []),
    ...plan.cancelled.map((o) => ({
      ...about,
      action: 'work_order.cancel' as const,
      before: { seq: o.seq, status: 'open' },
      after: { status: 'cancelled', by: 'dispatch' },
    })),
  ];
}
