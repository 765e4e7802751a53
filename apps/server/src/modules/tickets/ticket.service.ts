import type {
  CreateTicketBody,
  ListTicketsQuery,
  TicketAction,
  TicketStatus,
  TitleParts,
  TransitionTicketBody,
  UpdateTicketBody,
} from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import { assertMay, assertPermission } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { SurveyCallbacks } from '../surveys/survey-callbacks.js';
import { dispatchAudit, dispatchEvents, dispatchWrites, ORDER_TAKERS } from './dispatch-orders.js';
import { ownerUpdateMessage } from './owner-updates.js';
import type { ClockStart, SlaService } from './sla/sla.service.js';
import { type TicketChangeState, type TicketDetail, TicketRepository } from './ticket.repository.js';
import type { TicketRow } from './ticket.tables.js';
import { INTERNAL_EVENT, type InternalAction } from './ticket.workflow.js';
import { TICKET_MOVED, type TicketMoved, WORK_ORDER_EVENTS } from './ticket-events.js';
import { type EventDetail, ownerOf, type TicketEventInput } from './ticket-inputs.js';
import { checkKpiFields, type KpiFields } from './ticket-kpi-fields.js';
import { type MoveBody, planMove, type StandardProblems } from './ticket-moves.js';
import type { TicketOpener } from './ticket-open.js';
import { eventRows, timelineEntries } from './ticket-rows.js';
import { workOrderEvent } from './work-order-events.js';

/** A ticket row as other modules read it (through `rowsOf`). */
export type { TicketRow };

/** A check another module makes before a ticket closes (throws to refuse). */
export type CloseGuard = (db: Executor, ticket: TicketRow) => Promise<void>;

/** The closed loop: create, move through the nodes, notes. Every change writes an event, audit and the timeline. */
export class TicketService {
  constructor(
    readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly opener: TicketOpener,
    private readonly bus: EventBus,
    private readonly linkBaseUrl: string,
    private readonly directory: OrgDirectory,
    private readonly callbacks: SurveyCallbacks,
    private readonly standardProblems?: StandardProblems,
  ) {}

  private readonly closeGuards: CloseGuard[] = [];

  /**
   * Another module holds a ticket's close back without tickets knowing why (decisions §31's pattern): a group case
   * whose owner has not consented. A guard throws to refuse.
   */
  guardClose(guard: CloseGuard) {
    this.closeGuards.push(guard);
  }

  /** A new ticket, answered with its page (see TicketOpener). */
  create(
    ctx: RequestContext,
    body: CreateTicketBody,
    titleParts?: TitleParts,
    within?: (tx: Executor, ticketId: string, number: string) => Promise<void>,
  ): Promise<TicketDetail> {
    return this.opener.create(ctx, body, titleParts, within);
  }

  /**
   * The named cross-module command for a defect found on an inspection another module runs (a journey quality
   * check, a handover walk-through): a repair on the unit and room, with the owner as its customer, opened as the
   * inspector. The calling module has authorised the inspector for the inspection; opening the repair it found is
   * part of that, so the command grants the reads and `tickets.manage` the create needs for this call only — audit
   * and events still name the inspector. `within` runs in the ticket's transaction (the caller's link to it).
   */
  openFromInspection(
    ctx: RequestContext,
    found: {
      channel: 'inspection' | 'handover';
      unitId: string;
      customerId: string | null;
      room?: CreateTicketBody['room'];
      categoryCode?: string;
      title: string;
      description: string;
    },
    within: (tx: Executor, ticketId: string, number: string) => Promise<void>,
  ): Promise<TicketDetail> {
    const granted = new Set([
      ...ctx.principal.permissions,
      'tickets.manage',
      'property.read',
      'customers.read',
    ] as const);
    const inspector: RequestContext = { ...ctx, principal: { ...ctx.principal, permissions: granted } };
    return this.opener.create(
      inspector,
      {
        type: 'repair',
        channel: found.channel,
        priority: 'normal',
        major: false,
        title: found.title,
        description: found.description,
        unitId: found.unitId,
        ...(found.customerId ? { customerId: found.customerId } : {}),
        ...(found.room ? { room: found.room } : {}),
        ...(found.categoryCode ? { categoryCode: found.categoryCode } : {}),
      },
      undefined,
      within,
    );
  }

  /**
   * The named command for an owner who refused the keys on the handover day (journeys): a complaint on the unit,
   * channel `handover`, for the CR team to follow up — a complaint because the owner is dissatisfied with the home
   * as delivered and the CR team owes an answer, with the complaint's clocks and callback (a repair ticket is for
   * one defect, and the defects found were opened as repairs already). Granted as `openFromInspection` is.
   */
  openHandoverRefusal(
    ctx: RequestContext,
    refusal: { unitId: string; customerId: string; title: string; description: string },
    within: (tx: Executor, ticketId: string, number: string) => Promise<void>,
  ): Promise<TicketDetail> {
    const granted = new Set([
      ...ctx.principal.permissions,
      'tickets.manage',
      'property.read',
      'customers.read',
    ] as const);
    const desk: RequestContext = { ...ctx, principal: { ...ctx.principal, permissions: granted } };
    return this.opener.create(
      desk,
      {
        type: 'complaint',
        channel: 'handover',
        priority: 'high',
        major: false,
        title: refusal.title,
        description: refusal.description,
        unitId: refusal.unitId,
        customerId: refusal.customerId,
      },
      undefined,
      within,
    );
  }

  /** A linked follow-up complaint, opened inside the caller's transaction. */
  createIn(tx: Tx, ctx: RequestContext, of: TicketRow, reason: string): Promise<TicketRow> {
    return this.opener.createIn(tx, ctx, of, reason);
  }

  private get texting() {
    return {
      messaging: this.messaging,
      customers: this.customers,
      linkBaseUrl: this.linkBaseUrl,
      callbacks: this.callbacks,
      standardProblems: this.standardProblems,
    };
  }

  async get(ctx: RequestContext, id: string, db: Db | Tx = this.db): Promise<TicketRow> {
    assertPermission(ctx.principal, 'tickets.read');
    const row = await new TicketRepository(db).findInScope(id, ctx.principal.orgPath);
    if (!row) throw new AppError('TICKET_NOT_FOUND');
    return row;
  }

  /** Tickets as another module's listener reads them, acting on an event (no caller, no scope). */
  rowsOf(tx: Db | Tx, ids: string[]): Promise<TicketRow[]> {
    return new TicketRepository(tx).findMany(ids);
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
    // an owner may only reopen their own ticket ("not fixed" in the portal)
    assertMay(
      ctx.principal,
      body.action === 'dispatch' ? 'tickets.dispatch' : 'tickets.manage',
      body.action === 'reopen',
    );
    const state = await new TicketRepository(this.db).changeState(id, ctx.principal.orgPath);
    if (!state) throw new AppError('TICKET_NOT_FOUND');
    if (ctx.principal.actor === 'owner' && state.ticket.customerId !== ctx.principal.customerId) {
      throw new AppError('TICKET_NOT_FOUND');
    }
    return this.move(this.db, ctx, state, body, false, detail);
  }

  /**
   * One move inside the caller's transaction (callbacks that reopen or complete, holds that end by themselves, a
   * first customer-visible note); the internal moves (`complete`, `respond`) are accepted here only.
   */
  async apply(
    tx: Tx,
    ctx: RequestContext,
    ticket: TicketRow,
    body: MoveBody,
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
    body: MoveBody,
    inTransaction: boolean,
    detail?: EventDetail,
  ): Promise<TicketDetail> {
    if (body.action === 'close') for (const guard of this.closeGuards) await guard(db, ticket);
    const now = this.clock.now();
    const status = ticket.status as TicketStatus;
    const plan = await planMove(db, this.texting, ticket, body, now, ctx.principal.userId);
    const { to, patch, change, starts, note, eventData, dispatch } = plan;
    const owner = ownerOf(ticket);
    // A dispatch's new work order starts its clock in the move's statement.
    // Processing belongs to the department or contractor the ticket is dispatched to (a dispatch's target, else the
    // one it was dispatched to before a reopen); the other nodes to the customer-relations department (K1).
    const handler = starts.includes('processing')
      ? dispatch
        ? ORDER_TAKERS.includes(dispatch.target.type)
          ? dispatch.target.id
          : null
        : await this.sla.handlerOf(db, ticket.assigneeOrgId)
      : null;
    const clockStarts: ClockStart[] = starts.map((node) =>
      node === 'processing' && handler ? { node, startedAt: now, holderOrgId: handler } : { node, startedAt: now },
    );
    if (dispatch?.create) {
      clockStarts.push({
        node: 'work_order',
        startedAt: now,
        workOrderId: dispatch.create.id,
        holderOrgId: dispatch.create.assigneeOrgId,
      });
    }
    const newClocks = clockStarts.length
      ? this.sla.clockRows(
          owner,
          clockStarts,
          await this.sla.inputs(db, owner, [...new Set(clockStarts.map((c) => c.node))]),
        )
      : [];
    const writes = dispatch
      ? [
          ...dispatchWrites(this.messaging, ticket, dispatch, newClocks.find((c) => c.partId)?.dueAt ?? null, now),
          ...plan.writes,
        ]
      : plan.writes;
    const after = { ...ticket, ...patch, version: ticket.version + 1 };
    // The owner's SMS and the handlers' notices are reactions to this event (listeners/), after commit.
    const moved: TicketMoved = {
      action: body.action,
      from: status,
      to,
      version: after.version,
      ...(dispatch ? { assigneeOrgId: dispatch.target.id } : {}),
      ...(body.action === 'hold' ? { holdReason: body.reason } : {}),
    };
    const internal = body.action === 'complete' || body.action === 'respond' || body.action === 'merge';
    const own = internal ? INTERNAL_EVENT[body.action as InternalAction] : null;
    const event: TicketEventInput = {
      kind: detail?.kind ?? own?.kind ?? (body.action as TicketAction),
      fromStatus: status,
      toStatus: to,
      body: detail ? detail.body : note,
      visibility: detail?.visibility ?? own?.visibility ?? (body.action === 'reopen' ? 'internal' : 'customer'),
      data: detail?.data ? { ...eventData, ...detail.data } : eventData,
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
        events: eventRows(
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
            after: plan.auditAfter ?? { status: to, ...(note ? { note } : {}) },
          },
          ...(dispatch ? dispatchAudit(ticket, dispatch) : []),
        ]),
        timeline: this.customers.timeline.rows(
          ctx,
          timelineEntries(
            events.map((e) => ({ ticket: after, ...e })),
            now,
          ),
        ),
        domainEvents: this.bus.rows(ctx, [
          {
            name: TICKET_MOVED[body.action],
            subjectType: 'ticket',
            subjectId: ticket.id,
            orgPath: ticket.orgPath,
            payload: moved,
          },
          // the work order a dispatch gives out is assigned in the same move
          ...(dispatch?.create
            ? [
                workOrderEvent(
                  WORK_ORDER_EVENTS.assigned,
                  { ...dispatch.create, assigneeUserId: dispatch.create.assigneeUserId ?? null },
                  ticket.orgPath,
                ),
              ]
            : []),
        ]),
      });
      if (!page) throw new AppError('VERSION_CONFLICT');
      return page;
    };
    const page = await (writes.length && !inTransaction ? this.db.transaction(write) : write(db));
    if (!inTransaction) this.bus.nudge();
    return page;
  }

  /**
   * Edits the KPI fields of a ticket (leak, drawing mismatch, complaint cause, responsible contractor), checked as at
   * intake; an internal `edit` event and a `ticket.edit` audit row record what changed (nothing when nothing does).
   */
  async update(ctx: RequestContext, id: string, body: UpdateTicketBody): Promise<TicketRow> {
    assertPermission(ctx.principal, 'tickets.manage');
    return this.db.transaction(async (tx) => {
      const ticket = await this.get(ctx, id, tx);
      if (ticket.version !== body.version) throw new AppError('VERSION_CONFLICT');
      const wanted = await checkKpiFields(this.directory.with(tx), ticket, body);
      const changed = (Object.keys(wanted) as (keyof KpiFields)[]).filter((k) => wanted[k] !== ticket[k]);
      if (changed.length === 0) return ticket;
      const patch = Object.fromEntries(changed.map((k) => [k, wanted[k]])) as Partial<KpiFields>;
      const before = Object.fromEntries(changed.map((k) => [k, ticket[k]]));
      const now = this.clock.now();
      const updated = await new TicketRepository(tx).updateFields(id, ticket.version, patch, now);
      if (!updated) throw new AppError('VERSION_CONFLICT');
      await new TicketRepository(tx).addEvents(
        eventRows(ctx, [{ ticketId: id, kind: 'edit', visibility: 'internal', data: undefined }], now),
      );
      await this.audit.record(tx, ctx, {
        action: 'ticket.edit',
        entityType: 'ticket',
        entityId: id,
        orgPath: ticket.orgPath,
        before: { ...before, version: ticket.version },
        after: { ...patch, version: updated.version },
      });
      return updated;
    });
  }

  /** Notes: internal ones are staff-only; a customer-visible one is our response and stops that clock. */
  async addNote(ctx: RequestContext, id: string, body: { body: string; visibility: 'internal' | 'customer' }) {
    assertPermission(ctx.principal, 'tickets.manage');
    return this.db.transaction(async (tx) => {
      const ticket = await this.get(ctx, id, tx);
      return this.noteIn(tx, ctx, ticket, body, `note:${this.clock.now().getTime()}`);
    });
  }

  /**
   * One customer-visible note on each of these tickets in the caller's transaction (a group case's holding reply):
   * each is the ticket's response if it had none, and the owner's SMS is keyed by `key` and the ticket.
   */
  async customerNotes(tx: Tx, ctx: RequestContext, ticketIds: string[], body: string, key: string) {
    const rows = await new TicketRepository(tx).findMany(ticketIds);
    for (const ticket of rows) {
      if (ticket.status === 'cancelled' || ticket.status === 'completed') continue;
      await this.noteIn(tx, ctx, ticket, { body, visibility: 'customer' }, key);
    }
    return rows.length;
  }

  /**
   * Raises these tickets to `priority` (lower ones only), each with an internal event naming why: a group case's
   * tickets take its priority.
   */
  async raisePriority(tx: Tx, ctx: RequestContext, ticketIds: string[], priority: 'high' | 'urgent', why: string) {
    const order = ['low', 'normal', 'high', 'urgent'];
    const rows = (await new TicketRepository(tx).findMany(ticketIds)).filter(
      (t) => order.indexOf(t.priority) < order.indexOf(priority),
    );
    if (rows.length === 0) return;
    await new TicketRepository(tx).setPriority(
      rows.map((t) => t.id),
      priority,
      this.clock.now(),
    );
    await this.events(
      tx,
      ctx,
      rows.map((ticket) => ({ ticket, kind: 'edit', visibility: 'internal', data: { priority, why } })),
    );
  }

  private async noteIn(
    tx: Tx,
    ctx: RequestContext,
    ticket: TicketRow,
    body: { body: string; visibility: 'internal' | 'customer' },
    key: string,
  ) {
    const note = { kind: 'note', body: body.body, visibility: body.visibility } as const;
    // the first customer-visible note is our response: a move (first response set, its clock stopped)
    const responds = body.visibility === 'customer' && !ticket.firstResponseAt;
    const after = responds
      ? await this.apply(tx, ctx, ticket, { action: 'respond', version: ticket.version }, note)
      : null;
    if (!after) await this.event(tx, ctx, ticket, note);
    const message =
      body.visibility === 'customer' ? await ownerUpdateMessage(tx, this.texting, ticket, 'note', key) : null;
    if (message) await this.messaging.send(tx, message);
    return after ?? ((await new TicketRepository(tx).find(ticket.id)) as TicketRow);
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
      eventRows(
        ctx,
        items.map(({ ticket, ...e }) => ({ ticketId: ticket.id, ...e })),
        now,
      ),
    );
    await this.customers.timeline.addMany(tx, ctx, timelineEntries(items, now));
  }
}
