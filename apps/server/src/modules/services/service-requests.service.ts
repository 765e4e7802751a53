import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { ClubModule } from '../club/club.module.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { ClockService } from '../sla/clock.service.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import { offeredFor } from './service-catalogue.service.js';
import { SERVICE_REQUEST_CLOCKS, startStepClock, stopStepClock } from './service-subjects.js';
import { type RequestFilter, ServicesRepository } from './services.repository.js';
import type { ServiceRequestRow } from './services.tables.js';

export const SERVICE_REQUEST_CREATED = 'service_request.created';
export const SERVICE_REQUEST_ADVANCED = 'service_request.advanced';
export const SERVICE_REQUEST_DONE = 'service_request.done';

export type Booking = { serviceId: string; customerId: string; unitId: string; note: string };

/**
 * Service requests: booked for a customer's home (by staff in the console or by the owner in the portal) when the
 * service is offered there and, if members-only, the customer is an active club member; each step runs on an SLA
 * clock; completing the last opens the callback survey (with its SMS link). Refusals throw before anything is
 * written.
 */
export class ServiceRequestService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly directory: OrgDirectory,
    private readonly clocks: ClockService,
    private readonly customers: CustomersModule,
    private readonly surveys: SurveysModule,
    private readonly club: ClubModule,
  ) {}

  /** Staff book for a customer they can see, for one of the customer's homes in their subtree. */
  async create(ctx: RequestContext, b: Booking) {
    assertPermission(ctx.principal, 'services.work');
    await this.customers.customers.get(ctx, b.customerId);
    return this.book(ctx, b, 'console');
  }

  /**
   * The booking itself: the home must be the customer's (and, for staff, in their subtree), the service offered for
   * it and open to the customer; then the request, its steps (the first running, with its clock), the audit, the
   * timeline entry and `service_request.created` in one transaction.
   */
  async book(ctx: RequestContext, b: Booking, channel: 'portal' | 'console') {
    const home = (await this.customers.read.homesOf([b.customerId])).find((h) => h.unitId === b.unitId);
    const household = home ? await this.customers.read.householdOfUnit(home.unitId) : null;
    const project = home ? await this.directory.node(home.projectId) : null;
    if (!home || !household || !project) throw new AppError('SERVICE_HOME_INVALID');
    if (ctx.principal.actor === 'staff' && !pathInScope(project.path, ctx.principal.orgPath)) {
      throw new AppError('SERVICE_HOME_INVALID');
    }
    const def = await new ServicesRepository(this.db).definition(b.serviceId);
    if (!def) throw new AppError('SERVICE_NOT_FOUND');
    if (!offeredFor(def, { projectId: home.projectId, productType: household.productType })) {
      throw new AppError('SERVICE_NOT_OFFERED', { service: def.code });
    }
    if (def.membersOnly && !(await this.club.members.activeMemberOf(b.customerId))) {
      throw new AppError('SERVICE_MEMBERS_ONLY', { service: def.code });
    }
    const company = await this.directory.companyOf({ id: project.id, path: project.path });
    return this.db.transaction(async (tx) => {
      const repo = new ServicesRepository(tx);
      const now = this.clock.now();
      const number = await repo.nextNumber(chinaDate(now));
      const row = await repo.insertRequest(
        {
          number,
          serviceId: def.id,
          serviceCode: def.code,
          serviceNameZh: def.nameZh,
          serviceNameEn: def.nameEn,
          callbackSurvey: def.callbackSurvey,
          customerId: b.customerId,
          unitId: home.unitId,
          projectId: project.id,
          companyId: company?.id ?? project.id,
          orgPath: project.path,
          channel,
          note: b.note,
          feeFen: def.feeFen,
          status: 'open',
          currentStep: 0,
          stepCount: def.steps.length,
          createdBy: ctx.principal.actor === 'staff' ? ctx.principal.userId : null,
          createdAt: now,
          updatedAt: now,
        },
        def.steps.map((s, seq) => ({
          seq,
          ...s,
          status: seq === 0 ? 'active' : 'waiting',
          startedAt: seq === 0 ? now : null,
        })),
      );
      const [first] = def.steps;
      if (first) await startStepClock(tx, this.clocks, row, first, now);
      await this.audit.record(tx, ctx, {
        action: 'service_request.create',
        entityType: 'service_request',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { number, service: def.code, customerId: b.customerId, unitId: home.unitId, channel },
      });
      await this.timeline(tx, ctx, row, 'booked');
      await this.events.record(tx, ctx, [
        {
          name: SERVICE_REQUEST_CREATED,
          subjectType: 'service_request',
          subjectId: row.id,
          orgPath: row.orgPath,
          payload: { number, service: def.code, customerId: row.customerId, channel },
        },
      ]);
      return row;
    });
  }

  private async timeline(tx: Tx, ctx: RequestContext, r: ServiceRequestRow, what: 'booked' | 'done') {
    await this.customers.timeline.add(tx, ctx, {
      customerId: r.customerId,
      kind: 'service',
      title:
        what === 'booked'
          ? `预约增值服务「${r.serviceNameZh}」${r.number}`
          : `增值服务「${r.serviceNameZh}」${r.number} 已完成`,
      orgPath: r.orgPath,
      refType: 'service_request',
      refId: r.id,
      data: {
        code: what === 'booked' ? 'service_request.booked' : 'service_request.done',
        number: r.number,
        serviceZh: r.serviceNameZh,
        serviceEn: r.serviceNameEn,
      },
    });
  }

  /** A request in the caller's subtree (services.read), else 404. */
  async get(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'services.read');
    const row = await new ServicesRepository(this.db).request(id, ctx.principal.orgPath);
    if (!row) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
    return row;
  }

  list(ctx: RequestContext, f: RequestFilter) {
    assertPermission(ctx.principal, 'services.read');
    return new ServicesRepository(this.db).list(ctx.principal.orgPath, { ...f, limit: f.limit + 1 });
  }

  /**
   * Completes the current step (`seq` as the caller read it) and starts the next, or — the last one — ends the
   * request and opens its callback. The request row is claimed by a conditional update, so of two staff completing
   * the same step one wins and the other gets 409 SERVICE_STEP_CONFLICT.
   */
  async advance(ctx: RequestContext, id: string, body: { seq: number; note?: string; ownerNote?: string }) {
    assertPermission(ctx.principal, 'services.work');
    const found = await this.get(ctx, id);
    if (found.status !== 'open') throw new AppError('SERVICE_REQUEST_CLOSED', { status: found.status });
    if (found.currentStep !== body.seq) throw new AppError('SERVICE_STEP_CONFLICT', { current: found.currentStep });
    return this.db.transaction(async (tx) => {
      const repo = new ServicesRepository(tx);
      const now = this.clock.now();
      const last = body.seq + 1 >= found.stepCount;
      const row = await repo.claimAdvance(id, body.seq, last ? null : body.seq + 1, now);
      if (!row) {
        const again = await repo.request(id);
        if (again && again.status !== 'open') throw new AppError('SERVICE_REQUEST_CLOSED', { status: again.status });
        throw new AppError('SERVICE_STEP_CONFLICT', { current: again?.currentStep ?? null });
      }
      const done = await repo.completeStep(id, body.seq, {
        at: now,
        by: ctx.principal.userId,
        byName: ctx.principal.displayName,
        note: body.note?.trim() || null,
        ownerNote: body.ownerNote?.trim() || null,
      });
      if (!done) throw new AppError('SERVICE_STEP_CONFLICT', { current: body.seq });
      await stopStepClock(tx, this.clocks, id, now);
      if (!last) {
        const next = await repo.startStep(id, body.seq + 1, now);
        if (next) await startStepClock(tx, this.clocks, row, next, now);
      }
      await this.audit.record(tx, ctx, {
        action: 'service_request.advance',
        entityType: 'service_request',
        entityId: id,
        orgPath: row.orgPath,
        before: { step: body.seq },
        after: { step: row.currentStep, status: row.status },
      });
      const base = { subjectType: 'service_request', subjectId: id, orgPath: row.orgPath };
      const events = [
        { ...base, name: SERVICE_REQUEST_ADVANCED, payload: { number: row.number, step: done.key, seq: body.seq } },
      ];
      if (last) {
        const callback = await this.surveys.requests.openCallback(tx, row.callbackSurvey, {
          subjectType: 'service',
          subjectId: row.id,
          customerId: row.customerId,
          unitId: row.unitId,
          projectId: row.projectId,
          companyId: row.companyId,
          orgPath: row.orgPath,
          service: row.serviceCode,
        });
        await repo.setCallbackRequest(row.id, callback.id);
        await this.timeline(tx, ctx, row, 'done');
        events.push({
          ...base,
          name: SERVICE_REQUEST_DONE,
          payload: { number: row.number, step: done.key, seq: body.seq },
        });
        await this.events.record(tx, ctx, events);
        return { ...row, callbackRequestId: callback.id };
      }
      await this.events.record(tx, ctx, events);
      return row;
    });
  }

  /** Staff cancel an open request of their subtree, with a reason. */
  async cancel(ctx: RequestContext, id: string, reason: string) {
    assertPermission(ctx.principal, 'services.work');
    const found = await this.get(ctx, id);
    return this.cancelIn(ctx, found, reason, 'staff');
  }

  /** Ends an open request: its remaining steps and clocks are cancelled. */
  async cancelIn(ctx: RequestContext, found: ServiceRequestRow, reason: string, by: 'staff' | 'owner') {
    if (found.status !== 'open') throw new AppError('SERVICE_REQUEST_CLOSED', { status: found.status });
    return this.db.transaction(async (tx) => {
      const repo = new ServicesRepository(tx);
      const now = this.clock.now();
      const row = await repo.cancel(found.id, now, reason, by);
      if (!row) throw new AppError('SERVICE_REQUEST_CLOSED');
      await repo.cancelSteps(found.id);
      await this.clocks.cancelAll(tx, { type: SERVICE_REQUEST_CLOCKS, id: found.id }, now);
      await this.audit.record(tx, ctx, {
        action: 'service_request.cancel',
        entityType: 'service_request',
        entityId: row.id,
        orgPath: row.orgPath,
        before: { status: 'open', step: found.currentStep },
        after: { status: 'cancelled', reason, by },
      });
      return row;
    });
  }

  /** The owner rates their done request once (1–5 and a comment). */
  async rate(ctx: RequestContext, customerId: string, id: string, score: number, comment: string) {
    return this.db.transaction(async (tx) => {
      const repo = new ServicesRepository(tx);
      const found = await repo.request(id);
      if (!found || found.customerId !== customerId) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
      const row = await repo.rate(id, customerId, score, comment, this.clock.now());
      if (!row) throw new AppError('SERVICE_REQUEST_NOT_RATEABLE', { status: found.status });
      await this.audit.record(tx, ctx, {
        action: 'service_request.rate',
        entityType: 'service_request',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { score, comment },
      });
      return row;
    });
  }

  /** Requests with the customer's name, the unit and project names, where the callback stands, and their steps. */
  async views(rows: ServiceRequestRow[]) {
    const repo = new ServicesRepository(this.db);
    const [names, homes, projects, statuses, steps, clocks] = await Promise.all([
      this.customers.read.namesOf(rows.map((r) => r.customerId)),
      this.customers.read.homesOf([...new Set(rows.map((r) => r.customerId))]),
      this.directory.names(rows.map((r) => r.projectId)),
      this.surveys.requests.statusesOf(rows.flatMap((r) => (r.callbackRequestId ? [r.callbackRequestId] : []))),
      repo.steps(rows.map((r) => r.id)),
      this.clocks.openClocksOfMany(
        this.db,
        SERVICE_REQUEST_CLOCKS,
        rows.filter((r) => r.status === 'open').map((r) => r.id),
      ),
    ]);
    const units = new Map(homes.map((h) => [h.unitId, h.unitCode]));
    const dueOf = new Map(clocks.map((c) => [c.subjectId, c.dueAt]));
    return rows.map((r) => ({
      row: r,
      customerName: names.get(r.customerId) ?? null,
      unitCode: units.get(r.unitId) ?? null,
      projectName: projects.get(r.projectId) ?? null,
      callbackStatus: r.callbackRequestId ? (statuses.get(r.callbackRequestId) ?? null) : null,
      steps: steps.filter((s) => s.requestId === r.id),
      dueAt: dueOf.get(r.id) ?? null,
    }));
  }
}
export type ServiceRequestView = Awaited<ReturnType<ServiceRequestService['views']>>[number];
