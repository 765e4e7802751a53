import { randomUUID } from 'node:crypto';
import type {
  CreateTicketBody,
  ListTicketsQuery,
  SlaNode,
  TicketEventCode,
  TicketEventKind,
  TicketStatus,
  TitleParts,
  TransitionTicketBody,
} from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { TimelineEntryInput } from '../customers/timeline.service.js';
import type { PropertyService } from '../property/property.service.js';
import { dispatchAudit, dispatchEvents, dispatchWrites } from './dispatch-orders.js';
import { ownerUpdateMessage } from './owner-updates.js';
import type { ClockOwner, ClockStart, SlaInputs, SlaService } from './sla/sla.service.js';
import { EVENT_ZH, TYPE_ZH, warrantyPartOf } from './ticket.labels.js';
import { type TicketChangeState, type TicketDetail, type TicketInsert, TicketRepository } from './ticket.repository.js';
import type { TicketRow } from './ticket.tables.js';
import { firstStatus, inspectionByDefault, NUMBER_PREFIX } from './ticket.workflow.js';
import { planMove } from './ticket-moves.js';
import { noticeToHandlers } from './ticket-notices.js';

export const localDay = (d: Date) => chinaDate(d).replace(/-/g, '');

/** The clocks a new ticket starts: reception (already met or not), first response, then inspection or dispatch. */
const clockNodes = (inspectionRequired: boolean): SlaNode[] => [
  'reception',
  'first_response',
  inspectionRequired ? 'inspection' : 'dispatch',
];

export const ownerOf = (t: TicketRow): ClockOwner => ({
  id: t.id,
  companyId: t.companyId,
  orgPath: t.orgPath,
  type: t.type as ClockOwner['type'],
  priority: t.priority,
  major: t.major,
  categoryCode: t.categoryCode,
});

/** The closed loop: create, move through the nodes, notes. Every change writes an event, audit and the timeline. */
export class TicketService {
  constructor(
    readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly property: PropertyService,
    private readonly linkBaseUrl: string,
  ) {}

  private get texting() {
    return { messaging: this.messaging, customers: this.customers, linkBaseUrl: this.linkBaseUrl };
  }

  /** A new ticket, answered with its page; `titleParts` when the title was made from the owner's picks. */
  /** `within` runs in the create's transaction once the ticket exists (an Idempotency-Key is recorded there). */
  async create(
    ctx: RequestContext,
    body: CreateTicketBody,
    titleParts?: TitleParts,
    within?: (tx: Executor, ticketId: string) => Promise<void>,
  ): Promise<TicketDetail> {
    assertPermission(ctx.principal, 'tickets.manage');
    const now = this.clock.now();
    const reportedAt = body.reportedAt ? new Date(body.reportedAt) : now;
    if (Number.isNaN(reportedAt.getTime()) || reportedAt > now) {
      throw new AppError('VALIDATION_FAILED', { field: 'reportedAt', reason: 'must be a past time' });
    }
    const inspectionRequired = body.inspectionRequired ?? inspectionByDefault(body.type);
    const place = await this.placeOf(ctx, body, clockNodes(inspectionRequired));
    const customer = body.customerId ? await this.customers.customers.get(ctx, body.customerId) : null;
    const contactPhone =
      body.contactPhone ?? (customer ? await this.customers.customers.primaryPhone(customer.id) : null);
    const warranty = place.unit ? await this.warrantyOf(ctx, place.unit.id, body.categoryCode) : null;
    // `open` writes the ticket, its clocks, event and audit in one statement; a customer or a phone adds writes.
    const severalWrites = Boolean(customer || contactPhone || within);
    // with more writes after the ticket, its number is taken first so the counter row is not held to commit
    const number = severalWrites
      ? await new TicketRepository(this.db).nextNumber(NUMBER_PREFIX[body.type], localDay(this.clock.now()))
      : null;
    const atomic = <T>(write: (db: Executor) => Promise<T>) =>
      severalWrites ? this.db.transaction(write) : write(this.db);
    return atomic(async (db) => {
      const page = await this.open(
        db,
        ctx,
        {
          type: body.type,
          channel: body.channel,
          priority: body.priority,
          major: body.major,
          status: firstStatus(inspectionRequired),
          title: body.title,
          titleParts: titleParts ?? null,
          description: body.description,
          customerId: customer?.id ?? null,
          customerName: customer?.name ?? null,
          contactPhone,
          unitId: place.unit?.id ?? null,
          unitCode: place.unit?.code ?? null,
          projectId: place.projectId,
          companyId: place.companyId,
          orgPath: place.orgPath,
          categoryCode: body.categoryCode ?? null,
          room: body.room ?? null,
          location: body.location ?? null,
          warrantyStatus: warranty?.status ?? null,
          warrantyUntil: warranty?.until ?? null,
          inspectionRequired,
          reportedAt,
        },
        place.inputs,
        number,
      );
      await within?.(db, page.ticket.id);
      return page;
    });
  }

  /** A linked follow-up complaint (a low callback score long after close), opened inside the caller's transaction. */
  async createIn(tx: Tx, ctx: RequestContext, of: TicketRow, reason: string): Promise<TicketRow> {
    const page = await this.open(tx, ctx, {
      type: 'complaint',
      channel: 'other',
      priority: 'high',
      major: false,
      status: 'dispatch',
      title: `回访不满意跟进：${of.title}`.slice(0, 100),
      description: `${reason}\n（原工单 ${of.number}）`,
      customerId: of.customerId,
      customerName: of.customerName,
      contactPhone: of.contactPhone,
      unitId: of.unitId,
      unitCode: of.unitCode,
      projectId: of.projectId,
      companyId: of.companyId,
      orgPath: of.orgPath,
      categoryCode: of.categoryCode,
      room: of.room,
      location: of.location,
      warrantyStatus: of.warrantyStatus,
      warrantyUntil: of.warrantyUntil,
      inspectionRequired: false,
      reportedAt: this.clock.now(),
      data: { followUpOf: of.id },
    });
    return page.ticket;
  }

  /** Number, row, clocks, event, customer relation, acknowledgement SMS and audit of a new ticket. */
  private async open(
    tx: Executor,
    ctx: RequestContext,
    v: Omit<TicketInsert, 'id' | 'createdAt' | 'updatedAt'> & {
      priority: string;
      major: boolean;
      reportedAt: Date;
      data?: TicketEventData;
    },
    known?: SlaInputs,
    takenNumber: string | null = null,
  ): Promise<TicketDetail> {
    const now = this.clock.now();
    const { data, ...values } = v;
    const type = values.type as CreateTicketBody['type'];
    const id = randomUUID();
    const owner: ClockOwner = { ...values, id, type, categoryCode: values.categoryCode ?? null };
    const nodes = clockNodes(values.inspectionRequired ?? false);
    const starts: ClockStart[] = nodes.map((node) =>
      node === 'reception' ? { node, startedAt: v.reportedAt, stoppedAt: now } : { node, startedAt: now },
    );
    const inputs = known ?? (await this.sla.inputs(tx, owner, nodes));
    const clocks = this.sla.clockRows(owner, starts, inputs);
    // A title made from the owner's picks is shown from its parts; the event carries no Chinese copy of it.
    const created: TicketEventInput = {
      kind: 'created',
      toStatus: values.status,
      body: values.titleParts ? null : values.title,
      data,
    };
    const page = await new TicketRepository(tx).open({
      ticket: {
        ...values,
        ...this.sla.queueFieldsOf(clocks),
        id,
        createdBy: ctx.principal.userId,
        createdAt: now,
        updatedAt: now,
      },
      prefix: NUMBER_PREFIX[type],
      day: localDay(now),
      number: takenNumber,
      clocks,
      events: this.eventRows(ctx, [{ ticketId: id, ...created }], now),
      // The statement adds the number it hands out to `after`.
      audit: this.audit.rows(ctx, [
        {
          action: 'ticket.create',
          entityType: 'ticket',
          entityId: id,
          orgPath: values.orgPath,
          after: { type, status: values.status, unit: values.unitCode ?? null },
        },
      ]),
    });
    const { ticket } = page;
    const number = ticket.number;
    await this.customers.timeline.addMany(tx, ctx, this.timelineEntries([{ ticket, ...created }], now));
    if (ticket.customerId) {
      await this.customers.customers.relate(tx, ticket.customerId, ticket.orgPath, 'ticket', ticket.id);
    }
    if (ticket.contactPhone) {
      await this.messaging.send(tx, {
        channel: 'sms',
        recipient: ticket.contactPhone,
        template: 'ticket.received',
        body: `【安居】您的${TYPE_ZH[type]}已受理，单号 ${number}，我们将尽快处理。`,
        idempotencyKey: `ticket.received:${ticket.id}`,
        orgPath: ticket.orgPath,
        refType: 'ticket',
        refId: ticket.id,
      });
    }
    return page;
  }

  async get(ctx: RequestContext, id: string, db: Db | Tx = this.db): Promise<TicketRow> {
    assertPermission(ctx.principal, 'tickets.read');
    const row = await new TicketRepository(db).findInScope(id, ctx.principal.orgPath);
    if (!row) throw new AppError('TICKET_NOT_FOUND');
    return row;
  }

  list(ctx: RequestContext, q: ListTicketsQuery, cursor: { t: string; id: string } | null) {
    assertPermission(ctx.principal, 'tickets.read');
    const after = cursor ? { at: new Date(cursor.t), id: cursor.id } : null;
    const { orgUnitId, orgUnitType, orgPath } = ctx.principal;
    return new TicketRepository(this.db).list({ id: orgUnitId, type: orgUnitType, path: orgPath }, q, after);
  }

  /** How many tickets the queue's filters match in the caller's scope (counted up to TICKET_COUNT_CAP + 1). */
  count(ctx: RequestContext, q: ListTicketsQuery) {
    assertPermission(ctx.principal, 'tickets.read');
    const { orgUnitId, orgUnitType, orgPath } = ctx.principal;
    return new TicketRepository(this.db).count({ id: orgUnitId, type: orgUnitType, path: orgPath }, q);
  }

  /**
   * Moves a ticket (any action) and answers its page: one read, then one statement unless side writes need a
   * transaction. `detail` replaces the event's words and code when the system words the reason (an owner's "not
   * fixed", a low callback score): the code is rendered for each reader, the owner's own words kept as they are.
   */
  async transition(
    ctx: RequestContext,
    id: string,
    body: TransitionTicketBody,
    detail?: EventDetail,
  ): Promise<TicketDetail> {
    assertPermission(ctx.principal, body.action === 'dispatch' ? 'tickets.dispatch' : 'tickets.manage');
    const state = await new TicketRepository(this.db).changeState(id, ctx.principal.orgPath);
    if (!state) throw new AppError('TICKET_NOT_FOUND');
    return this.move(this.db, ctx, state, body, false, detail);
  }

  /** One transition inside the caller's transaction (callbacks that reopen, holds that end by themselves). */
  async apply(
    tx: Tx,
    ctx: RequestContext,
    ticket: TicketRow,
    body: TransitionTicketBody,
    detail?: EventDetail,
  ): Promise<TicketRow> {
    const state = await new TicketRepository(tx).changeState(ticket.id, '');
    if (!state) throw new AppError('TICKET_NOT_FOUND');
    return (await this.move(tx, ctx, { ...state, ticket }, body, true, detail)).ticket;
  }

  /**
   * Checks the move against the workflow, works out the ticket's patch, what happens to its clocks, its event,
   * audit and timeline rows, then writes them in one statement (`TicketRepository.transition`). Writes of other
   * aggregates (a dispatch's work orders and notices, callbacks, the owner's SMS) go first in the same transaction.
   */
  private async move(
    db: Executor,
    ctx: RequestContext,
    { ticket, open, calendar }: TicketChangeState,
    body: TransitionTicketBody,
    inTransaction: boolean,
    detail?: EventDetail,
  ): Promise<TicketDetail> {
    const now = this.clock.now();
    const status = ticket.status as TicketStatus;
    const plan = await planMove(db, this.texting, ticket, body, now, ctx.principal.userId);
    const { to, patch, change, starts, note, eventData, dispatch } = plan;
    const owner = ownerOf(ticket);
    // A dispatch's new work order starts its clock in the move's statement.
    const clockStarts: ClockStart[] = starts.map((node) => ({ node, startedAt: now }));
    if (dispatch?.create) clockStarts.push({ node: 'work_order', startedAt: now, workOrderId: dispatch.create.id });
    const newClocks = clockStarts.length
      ? this.sla.clockRows(
          owner,
          clockStarts,
          await this.sla.inputs(db, owner, [...new Set(clockStarts.map((c) => c.node))]),
        )
      : [];
    const writes = dispatch
      ? [
          ...dispatchWrites(this.messaging, ticket, dispatch, newClocks.find((c) => c.workOrderId)?.dueAt ?? null, now),
          ...plan.writes,
        ]
      : plan.writes;
    const after = { ...ticket, ...patch, version: ticket.version + 1 };
    const message = await ownerUpdateMessage(db, this.texting, after, body.action, `v${after.version}`);
    if (message) writes.push((tx) => this.messaging.send(tx, message));
    if (body.action === 'reopen') {
      writes.push((tx) =>
        noticeToHandlers(tx, this.messaging, after, ctx.principal.userId, {
          kind: 'ticket.reopened',
          params: { number: after.number },
          key: `reopened:${after.id}:v${after.version}`,
        }),
      );
    }
    const event: TicketEventInput = {
      kind: body.action,
      fromStatus: status,
      toStatus: to,
      body: detail ? detail.body : note,
      visibility: body.action === 'reopen' ? 'internal' : 'customer',
      data: detail ? { ...eventData, ...detail.data } : eventData,
    };
    const events = [event, ...(dispatch ? dispatchEvents(dispatch) : [])];
    const write = async (tx: Executor) => {
      for (const w of writes) await w(tx);
      const page = await new TicketRepository(tx).transition({
        id: ticket.id,
        version: body.version,
        patch,
        clockPatches: this.sla.patches(open, calendar, change, now),
        newClocks,
        events: this.eventRows(
          ctx,
          events.map((e) => ({ ticketId: ticket.id, ...e })),
          now,
        ),
        audit: this.audit.rows(ctx, [
          {
            action: `ticket.${body.action}`,
            entityType: 'ticket',
            entityId: ticket.id,
            orgPath: ticket.orgPath,
            before: { status, version: ticket.version },
            after: { status: to, ...(note ? { note } : {}) },
          },
          ...(dispatch ? dispatchAudit(ticket, dispatch) : []),
        ]),
        timeline: this.customers.timeline.rows(
          ctx,
          this.timelineEntries(
            events.map((e) => ({ ticket: after, ...e })),
            now,
          ),
        ),
      });
      if (!page) throw new AppError('VERSION_CONFLICT');
      return page;
    };
    return writes.length && !inTransaction ? this.db.transaction(write) : write(db);
  }

  /** Notes: internal ones are staff-only; a customer-visible one is our response and stops that clock. */
  async addNote(ctx: RequestContext, id: string, body: { body: string; visibility: 'internal' | 'customer' }) {
    assertPermission(ctx.principal, 'tickets.manage');
    return this.db.transaction(async (tx) => {
      const ticket = await this.get(ctx, id, tx);
      const now = this.clock.now();
      if (body.visibility === 'customer' && !ticket.firstResponseAt) {
        await this.sla.stop(tx, ticket.id, ['first_response'], now);
        await new TicketRepository(tx).update(ticket.id, ticket.version, { firstResponseAt: now, updatedAt: now });
        await this.sla.refreshTicket(tx, ticket.id);
      }
      await this.event(tx, ctx, ticket, { kind: 'note', body: body.body, visibility: body.visibility });
      const message =
        body.visibility === 'customer'
          ? await ownerUpdateMessage(tx, this.texting, ticket, 'note', `note:${now.getTime()}`)
          : null;
      if (message) await this.messaging.send(tx, message);
      return (await new TicketRepository(tx).find(ticket.id)) as TicketRow;
    });
  }

  /** Writes the ticket event and the matching customer-timeline entry. */
  event(tx: Tx, ctx: RequestContext | null, ticket: TicketRow, e: TicketEventInput) {
    return this.events(tx, ctx, [{ ticket, ...e }]);
  }

  /** Many events (a sweep's warnings and escalations) in two statements. */
  async events(tx: Tx, ctx: RequestContext | null, items: (TicketEventInput & { ticket: TicketRow })[]) {
    if (items.length === 0) return;
    const now = this.clock.now();
    await new TicketRepository(tx).addEvents(
      this.eventRows(
        ctx,
        items.map(({ ticket, ...e }) => ({ ticketId: ticket.id, ...e })),
        now,
      ),
    );
    await this.customers.timeline.addMany(tx, ctx, this.timelineEntries(items, now));
  }

  private eventRows(ctx: RequestContext | null, items: (TicketEventInput & { ticketId: string })[], at: Date) {
    return items.map((e) => ({
      ticketId: e.ticketId,
      at,
      kind: e.kind,
      visibility: e.visibility ?? 'internal',
      actorId: ctx?.principal.userId ?? null,
      actorName: ctx?.principal.displayName ?? null,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      body: e.body ?? null,
      data: e.data ?? null,
    }));
  }

  /**
   * The customer's timeline entries of ticket events: code `ticket.event` with the ticket's number, the event's
   * kind and, when the event has one, its code and parameters (the title column keeps a Chinese copy).
   */
  private timelineEntries(items: (TicketEventInput & { ticket: TicketRow })[], at: Date): TimelineEntryInput[] {
    return items.flatMap((e) => {
      if (!e.ticket.customerId) return [];
      const { code, ...params } = e.data ?? {};
      const detail = code ? { eventCode: code, ...primitives(params) } : {};
      return [
        {
          customerId: e.ticket.customerId,
          kind: e.kind === 'callback' ? 'callback' : 'ticket',
          title: `${e.ticket.number} ${EVENT_ZH[e.kind]}`,
          body: e.body ?? null,
          orgPath: e.ticket.orgPath,
          refType: 'ticket',
          refId: e.ticket.id,
          data: { code: 'ticket.event', ticketNumber: e.ticket.number, event: e.kind, ...detail },
          at,
        },
      ];
    });
  }

  /** Where a new ticket belongs (unit, project or city company in the caller's scope) and its SLA inputs there. */
  private async placeOf(ctx: RequestContext, body: CreateTicketBody, nodes: SlaNode[]) {
    const traits = {
      type: body.type,
      priority: body.priority,
      major: body.major,
      categoryCode: body.categoryCode ?? null,
    } as Pick<ClockOwner, 'type' | 'priority' | 'major' | 'categoryCode'>;
    let orgPath: string;
    let projectId: string | null = null;
    let unit: { id: string; code: string } | null = null;
    let found: Awaited<ReturnType<SlaService['inputsAt']>>;
    if (body.unitId) {
      const u = await this.property.unitRef(ctx, body.unitId);
      unit = { id: u.id, code: u.code };
      projectId = u.projectId;
      orgPath = u.projectPath;
      found = await this.sla.inputsAt(this.db, { path: orgPath }, traits, nodes);
    } else {
      found = body.orgUnitId
        ? await this.sla.inputsAt(this.db, { nodeId: body.orgUnitId }, traits, nodes)
        : { node: null, companyId: null, inputs: null };
      const { node } = found;
      if (!node || !['project', 'city_company'].includes(node.type) || !node.path.startsWith(ctx.principal.orgPath)) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'orgUnitId',
          reason: 'a unit, project or city company is required',
        });
      }
      orgPath = node.path;
      projectId = node.type === 'project' ? node.id : null;
    }
    const { companyId, inputs } = found;
    if (!companyId || !inputs) {
      throw new AppError('VALIDATION_FAILED', { field: 'orgUnitId', reason: 'not under a city company' });
    }
    return { orgPath, projectId, unit, companyId, inputs };
  }

  private async warrantyOf(ctx: RequestContext, unitId: string, categoryCode: string | undefined) {
    const part = warrantyPartOf(categoryCode);
    const w = await this.property.unitWarranty(ctx, unitId, undefined, part);
    const item = w.items[0];
    if (!item || item.status === 'unknown') return { status: 'unknown', until: null };
    return { status: item.status === 'in_warranty' ? 'in' : 'out', until: item.expiresOn };
  }
}

/** An event's `data`: the code of its detail line with its parameters, and ids the server reads back. */
export type TicketEventData = { code?: TicketEventCode } & Record<string, unknown>;

export type TicketEventInput = {
  kind: TicketEventKind;
  fromStatus?: string;
  toStatus?: string;
  /** Words someone wrote (a note, findings, a reason, the owner's comment); never words the server makes. */
  body?: string | null;
  visibility?: 'internal' | 'customer';
  data?: TicketEventData;
};

/** The words and code of a move's event when the system words its reason. */
export type EventDetail = { body: string | null; data: TicketEventData };

/** The plain values of an object (strings, numbers, booleans, null): what a code's parameters may be. */
export const primitives = (o: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)),
  ) as Record<string, string | number | boolean | null>;
