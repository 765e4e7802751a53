import { randomUUID } from 'node:crypto';
import type { CreateTicketBody, SlaNode, TitleParts } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertMay } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { PropertyService } from '../property/property.service.js';
import type { UnitRef } from '../property/unit-lookup.js';
import type { ClockOwner, ClockStart, SlaInputs, SlaService } from './sla/sla.service.js';
import { warrantyPartOf } from './ticket.labels.js';
import { type TicketDetail, type TicketInsert, TicketRepository } from './ticket.repository.js';
import type { TicketRow } from './ticket.tables.js';
import { firstStatus, inspectionByDefault, NUMBER_PREFIX } from './ticket.workflow.js';
import { TICKET_CREATED, type TicketCreated } from './ticket-events.js';
import { localDay, type TicketEventData, type TicketEventInput } from './ticket-inputs.js';
import { checkKpiFields } from './ticket-kpi-fields.js';
import { eventRows } from './ticket-rows.js';

/** The values of settled reads, or the first failure in their order. */
function settled<T extends unknown[]>(results: { [K in keyof T]: PromiseSettledResult<T[K]> }): T {
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
}

/** The clocks a new ticket starts: reception (already met or not), first response, then inspection or dispatch. */
const clockNodes = (inspectionRequired: boolean): SlaNode[] => [
  'reception',
  'first_response',
  inspectionRequired ? 'inspection' : 'dispatch',
];

type OpenValues = Omit<TicketInsert, 'id' | 'createdAt' | 'updatedAt'> & {
  priority: string;
  major: boolean;
  reportedAt: Date;
  data?: TicketEventData;
};

/**
 * Opening a ticket: where it belongs, its clocks, and one statement that writes the ticket with its number, clocks,
 * first event, audit row and `ticket.created` event. The customer's timeline, the relation to the customer and
 * the acknowledgement SMS are reactions to that event (listeners/), after commit.
 */
export class TicketOpener {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly events: EventBus,
    private readonly customers: CustomersModule,
    private readonly property: PropertyService,
    private readonly directory: OrgDirectory,
  ) {}

  /**
   * A new ticket, answered with its page; `titleParts` when the title was made from the owner's picks. `within`
   * runs in the create's transaction once the ticket exists (an Idempotency-Key is recorded there).
   */
  async create(
    ctx: RequestContext,
    body: CreateTicketBody,
    titleParts?: TitleParts,
    within?: (tx: Executor, ticketId: string, number: string) => Promise<void>,
  ): Promise<TicketDetail> {
    // an owner reports only for themselves (the portal has checked the home is theirs)
    assertMay(ctx.principal, 'tickets.manage', body.customerId === ctx.principal.customerId);
    const now = this.clock.now();
    const reportedAt = body.reportedAt ? new Date(body.reportedAt) : now;
    if (Number.isNaN(reportedAt.getTime()) || reportedAt > now) {
      throw new AppError('VALIDATION_FAILED', { field: 'reportedAt', reason: 'must be a past time' });
    }
    const inspectionRequired = body.inspectionRequired ?? inspectionByDefault(body.type);
    // Independent reads run side by side; their errors are raised in a fixed order (unit, then customer).
    const [unit, contact] = settled(
      await Promise.allSettled([
        body.unitId ? this.property.unitRef(ctx, body.unitId) : null,
        body.customerId ? this.customers.customers.contactOf(ctx, body.customerId) : null,
      ]),
    );
    const [place, warranty] = settled(
      await Promise.allSettled([
        this.placeOf(ctx, body, unit, clockNodes(inspectionRequired)),
        unit ? this.warrantyOf(ctx, unit, body.categoryCode) : null,
      ]),
    );
    const kpi = await checkKpiFields(this.directory, { type: body.type, companyId: place.companyId }, body);
    const customer = contact?.customer ?? null;
    const contactPhone = body.contactPhone ?? contact?.primaryPhone ?? null;
    const values: OpenValues = {
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
      ...kpi,
    };
    if (!within) {
      // One statement: the day's counter row is held only while it runs, so creates overlap.
      const page = await this.open(this.db, ctx, values, place.inputs);
      this.events.nudge();
      return page;
    }
    // More writes follow the ticket in one transaction: the number is taken (and committed) first.
    const number = await new TicketRepository(this.db).nextNumber(NUMBER_PREFIX[body.type], localDay(now));
    const page = await this.db.transaction(async (tx) => {
      const opened = await this.open(tx, ctx, values, place.inputs, number);
      await within(tx, opened.ticket.id, opened.ticket.number);
      return opened;
    });
    this.events.nudge();
    return page;
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

  /** Number, row, clocks, first event, audit and the `ticket.created` event of a new ticket: one statement. */
  private async open(
    db: Executor,
    ctx: RequestContext,
    v: OpenValues,
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
    const inputs = known ?? (await this.sla.inputs(db, owner, nodes));
    const clocks = this.sla.clockRows(owner, starts, inputs);
    // A title made from the owner's picks is shown from its parts; the event carries no Chinese copy of it.
    const created: TicketEventInput = {
      kind: 'created',
      toStatus: values.status,
      body: values.titleParts ? null : values.title,
      data,
    };
    const payload: TicketCreated = { type, customerId: values.customerId ?? null, data: data ?? null };
    return new TicketRepository(db).open({
      ticket: {
        ...values,
        id,
        createdBy: ctx.principal.userId,
        createdAt: now,
        updatedAt: now,
      },
      prefix: NUMBER_PREFIX[type],
      day: localDay(now),
      number: takenNumber,
      clocks,
      events: eventRows(ctx, [{ ticketId: id, ...created }], now),
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
      domainEvents: this.events.rows(ctx, [
        { name: TICKET_CREATED, subjectType: 'ticket', subjectId: id, orgPath: values.orgPath, payload },
      ]),
    });
  }

  /** Where a new ticket belongs (unit, project or city company in the caller's scope) and its SLA inputs there. */
  private async placeOf(ctx: RequestContext, body: CreateTicketBody, unit: UnitRef | null, nodes: SlaNode[]) {
    const traits = {
      type: body.type,
      priority: body.priority,
      major: body.major,
      categoryCode: body.categoryCode ?? null,
    } as Pick<ClockOwner, 'type' | 'priority' | 'major' | 'categoryCode'>;
    let orgPath: string;
    let projectId: string | null = null;
    let found: Awaited<ReturnType<SlaService['inputsAt']>>;
    if (unit) {
      projectId = unit.projectId;
      orgPath = unit.projectPath;
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

  /** The warranty of the part the category concerns, for a unit already read in scope. */
  private async warrantyOf(ctx: RequestContext, unit: UnitRef, categoryCode: string | undefined) {
    const part = warrantyPartOf(categoryCode);
    const w = await this.property.warrantyOfUnit(ctx, unit, undefined, part);
    const item = w.items[0];
    if (!item || item.status === 'unknown') return { status: 'unknown', until: null };
    return { status: item.status === 'in_warranty' ? 'in' : 'out', until: item.expiresOn };
  }
}
