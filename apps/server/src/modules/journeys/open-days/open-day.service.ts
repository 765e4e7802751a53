import type {
  CreateOpenDayBody,
  listOpenDaysQuery,
  OpenDayDetail,
  RegisterOpenDayBody,
} from '@anju/contracts/open-days';
import { z } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import { presentFile } from '../../../platform/files/files.presenter.js';
import type { FilesService } from '../../../platform/files/files.service.js';
import { cursorParts, decodeCursor, pageOf } from '../../../platform/http/cursor.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { DeliveryBatchService } from '../../property/delivery-batch.service.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import type { ClockService } from '../../sla/clock.service.js';
import { JOURNEY_TASK_CLOCKS } from '../journey-clocks.js';
import { JourneyTaskRepository } from '../journey-task.repository.js';
import { kpisOf, photoIdsOf, presentItem, presentOpenDay, presentRegistration } from './open-day.presenter.js';
import { NO_COUNTS, OpenDayRepository } from './open-day.repository.js';
import type { OpenDayRow } from './open-day.tables.js';
import type { OpenDayInvitations } from './open-day-invitations.js';

type ListQuery = z.infer<typeof listOpenDaysQuery>;
const dayCursor = z.object({ d: z.iso.date(), id: cursorParts.uuid });
/** The board shows at most this many registrations and items (an open day is a few hundred people). */
export const BOARD_LIMIT = 1000;

export const OPEN_DAY_CREATED = 'open_day.created';

/** Staff side of site open days: the list and board, creating one (with its SMS invitation), registration, check-in. */
export class OpenDayService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly directory: OrgDirectory,
    private readonly clocks: ClockService,
    private readonly customers: CustomersModule,
    private readonly batches: DeliveryBatchService,
    private readonly files: FilesService,
    private readonly invitations: OpenDayInvitations,
    private readonly messaging: MessagingService,
  ) {}

  /**
   * Open days in the caller's subtree, newest first, each with its counts and rates; `kpis` over all that match. With
   * `asOf` (a month's snapshot) the rates count only what happened before it.
   */
  async list(ctx: RequestContext, q: ListQuery) {
    assertPermission(ctx.principal, 'journeys.read');
    const after = decodeCursor(q.cursor, dayCursor);
    const repo = new OpenDayRepository(this.db);
    const filter = {
      scopePath: ctx.principal.orgPath,
      projectId: q.projectId,
      status: q.status,
      from: q.from,
      to: q.to,
    };
    const rows = await repo.list(filter, after ? { heldOn: after.d, id: after.id } : null, q.limit + 1);
    const page = pageOf(rows, q.limit, (r) => ({ d: r.heldOn, id: r.id }));
    const asOf = q.asOf ? new Date(q.asOf) : null;
    const [counts, names, totals] = await Promise.all([
      repo.counts(
        page.items.map((r) => r.id),
        asOf,
      ),
      this.directory.names(page.items.map((r) => r.projectId)),
      repo.totals(filter, asOf),
    ]);
    return {
      items: page.items.map((r) => presentOpenDay(r, counts.get(r.id) ?? NO_COUNTS, names.get(r.projectId) ?? null)),
      nextCursor: page.nextCursor,
      kpis: kpisOf(totals),
    };
  }

  /** An open day in the caller's subtree, else 404. */
  async row(ctx: RequestContext, id: string, db: Executor = this.db): Promise<OpenDayRow> {
    const row = await new OpenDayRepository(db).find(id, ctx.principal.orgPath);
    if (!row) throw new AppError('OPEN_DAY_NOT_FOUND');
    return row;
  }

  /** The board: the day, its registrations, what it collected (with photos) and both rates. */
  async get(ctx: RequestContext, id: string): Promise<OpenDayDetail> {
    assertPermission(ctx.principal, 'journeys.read');
    return this.detail(await this.row(ctx, id));
  }

  async detail(row: OpenDayRow): Promise<OpenDayDetail> {
    const repo = new OpenDayRepository(this.db);
    const [registrations, items, counts, names] = await Promise.all([
      repo.registrations(row.id, BOARD_LIMIT),
      repo.items(row.id, BOARD_LIMIT),
      repo.counts([row.id]),
      this.directory.names([row.projectId]),
    ]);
    const customerIds = [
      ...registrations.map((r) => r.customerId),
      ...items.flatMap((i) => (i.customerId ? [i.customerId] : [])),
    ];
    const unitIds = [...new Set(registrations.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
    const [customer, units, photos] = await Promise.all([
      this.customers.read.namesOf(customerIds),
      new UnitLookup(this.db).byIds(unitIds),
      this.files.byIds(items.flatMap(photoIdsOf)),
    ]);
    const unit = new Map(units.map((u) => [u.id, u.code]));
    const photo = new Map(photos.map((f) => [f.id, presentFile(f)]));
    return {
      ...presentOpenDay(row, counts.get(row.id) ?? NO_COUNTS, names.get(row.projectId) ?? null),
      registrationList: registrations.map((r) => presentRegistration(r, { customer, unit })),
      items: items.map((i) => presentItem(i, customer, photo)),
    };
  }

  /**
   * A new open day of a project (optionally for one of its delivery batches). With `inviteBySms` the invitation
   * fan-out is queued in the same transaction. For a batch, its open "site open day" journey task (6+2 step 3b) is
   * done: the open day is what the step asks for.
   */
  async create(ctx: RequestContext, body: CreateOpenDayBody): Promise<OpenDayDetail> {
    assertPermission(ctx.principal, 'journeys.manage');
    const project = await this.directory.node(body.projectId);
    if (project?.type !== 'project' || !pathInScope(project.path, ctx.principal.orgPath)) {
      throw new AppError('PROJECT_NOT_FOUND');
    }
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    if (
      endsAt <= startsAt ||
      chinaDate(startsAt) !== body.heldOn ||
      chinaDate(new Date(endsAt.getTime() - 1)) !== body.heldOn
    ) {
      throw new AppError('OPEN_DAY_TIME_INVALID', { heldOn: body.heldOn });
    }
    const batchId = body.batchId ?? null;
    if (batchId && !(await this.batches.list(ctx, project.id)).some((b) => b.batch.id === batchId)) {
      throw new AppError('OPEN_DAY_BATCH_INVALID', { batchId });
    }
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const row = await new OpenDayRepository(tx).insert({
        projectId: project.id,
        batchId,
        orgPath: project.path,
        title: body.title,
        heldOn: body.heldOn,
        startsAt,
        endsAt,
        location: body.location,
        capacity: body.capacity ?? null,
        invitedAt: body.inviteBySms ? now : null,
        createdBy: ctx.principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      if (body.inviteBySms) await this.invitations.queue(tx, row.id);
      const tasksDone = batchId ? await this.completeStepTasks(tx, ctx, batchId, row, now) : [];
      await this.audit.record(tx, ctx, {
        action: 'open_day.create',
        entityType: 'open_day',
        entityId: row.id,
        orgPath: row.orgPath,
        after: {
          title: row.title,
          heldOn: row.heldOn,
          batchId,
          capacity: row.capacity,
          invite: body.inviteBySms,
          tasksDone,
        },
      });
      await this.events.record(tx, ctx, [
        {
          name: OPEN_DAY_CREATED,
          subjectType: 'open_day',
          subjectId: row.id,
          orgPath: row.orgPath,
          payload: { projectId: row.projectId, batchId, heldOn: row.heldOn },
        },
      ]);
      return row;
    });
    return this.detail(row);
  }

  /**
   * Calls off a planned open day (not one already held): the registered buyers who consented to SMS are told, one
   * text each, in the same transaction (a few hundred people at most).
   */
  async cancel(ctx: RequestContext, id: string, body: { version: number; reason: string }): Promise<OpenDayDetail> {
    assertPermission(ctx.principal, 'journeys.manage');
    const current = await this.row(ctx, id);
    if (current.status !== 'planned') throw new AppError('OPEN_DAY_CLOSED');
    const registered = await new OpenDayRepository(this.db).registrations(id, BOARD_LIMIT);
    const contacts = await this.customers.read.smsContacts(registered.map((r) => r.customerId));
    const projectName = (await this.directory.names([current.projectId])).get(current.projectId) ?? '';
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const row = await new OpenDayRepository(tx).cancel(id, body.version, now);
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.messaging.sendMany(
        tx,
        contacts.map((c) => ({
          channel: 'sms' as const,
          recipient: c.phone,
          template: 'open_day.cancelled' as const,
          body: `【安居】很抱歉，${projectName}工地开放日「${row.title}」（${row.heldOn}）因故取消：${body.reason}。新的安排将另行通知。`,
          params: { openDayId: row.id, customerId: c.customerId },
          idempotencyKey: `open_day.cancelled:${row.id}:${c.customerId}`,
          orgPath: row.orgPath,
          refType: 'open_day',
          refId: row.id,
        })),
      );
      await this.audit.record(tx, ctx, {
        action: 'open_day.cancel',
        entityType: 'open_day',
        entityId: id,
        orgPath: row.orgPath,
        before: { status: current.status },
        after: { status: row.status, reason: body.reason, texted: contacts.length },
      });
      return row;
    });
    return this.detail(row);
  }

  /** The batch's open "site open day" tasks are done by this open day; their clocks stop. */
  private async completeStepTasks(tx: Executor, ctx: RequestContext, batchId: string, day: OpenDayRow, now: Date) {
    const done: string[] = [];
    for (const task of await new OpenDayRepository(tx).openDayTasksOf(batchId)) {
      const row = await new JourneyTaskRepository(tx).complete(
        task.id,
        task.version,
        {
          outcome: 'done',
          notes: `开放日：${day.title}（${day.heldOn}）`,
          checklist: null,
          completedBy: ctx.principal.userId,
        },
        now,
      );
      if (!row) continue;
      await this.clocks.stop(tx, { type: JOURNEY_TASK_CLOCKS, id: task.id }, ['task'], now);
      done.push(task.id);
    }
    return done;
  }

  /** The console registers a buyer of the project. */
  async register(ctx: RequestContext, id: string, body: RegisterOpenDayBody): Promise<OpenDayDetail> {
    assertPermission(ctx.principal, 'journeys.work');
    const day = await this.row(ctx, id);
    await this.registerBuyer(ctx, day, body.customerId, 'console', body.partySize);
    return this.detail(await this.row(ctx, id));
  }

  /**
   * Registers a buyer (staff at the console or the owner in the portal): the open day must be planned and not over,
   * the person must own a home in its project, once per person, within capacity — the place is taken by one
   * conditional update in the registration's transaction, so two requests for the last place cannot both get it.
   */
  async registerBuyer(
    ctx: RequestContext,
    day: OpenDayRow,
    customerId: string,
    via: 'console' | 'portal',
    partySize: number,
    within?: (tx: Executor, registrationId: string) => Promise<void>,
  ) {
    const now = this.clock.now();
    if (day.status === 'cancelled' || day.endsAt <= now) throw new AppError('OPEN_DAY_CLOSED');
    const home = (await this.customers.read.homesOf([customerId])).find((h) => h.projectId === day.projectId);
    if (!home) throw new AppError('OPEN_DAY_NOT_A_BUYER');
    return this.db.transaction(async (tx) => {
      const repo = new OpenDayRepository(tx);
      const registration = await repo.register({
        openDayId: day.id,
        customerId,
        unitId: home.unitId,
        via,
        partySize,
        registeredAt: now,
        registeredBy: via === 'console' ? ctx.principal.userId : null,
      });
      if (!registration) throw new AppError('OPEN_DAY_ALREADY_REGISTERED');
      if (!(await repo.takePlaces(day.id, partySize, now))) {
        throw new AppError('OPEN_DAY_FULL', { capacity: day.capacity });
      }
      await this.audit.record(tx, ctx, {
        action: 'open_day.register',
        entityType: 'open_day',
        entityId: day.id,
        orgPath: day.orgPath,
        after: { customerId, unitId: home.unitId, via, partySize },
      });
      await within?.(tx, registration.id);
      return registration;
    });
  }

  /** Checks a registered buyer in, on the open day itself; the day is held from its first check-in. */
  async checkIn(ctx: RequestContext, id: string, customerId: string): Promise<OpenDayDetail> {
    assertPermission(ctx.principal, 'journeys.work');
    const day = await this.row(ctx, id);
    const now = this.clock.now();
    if (day.status === 'cancelled') throw new AppError('OPEN_DAY_CLOSED');
    if (chinaDate(now) !== day.heldOn) throw new AppError('OPEN_DAY_NOT_TODAY', { heldOn: day.heldOn });
    const registration = await new OpenDayRepository(this.db).registration(day.id, customerId);
    if (!registration) throw new AppError('OPEN_DAY_NOT_REGISTERED');
    await this.db.transaction(async (tx) => {
      const repo = new OpenDayRepository(tx);
      if (!(await repo.checkIn(registration.id, now))) throw new AppError('OPEN_DAY_ALREADY_CHECKED_IN');
      await repo.markHeld(day.id, now);
      await this.audit.record(tx, ctx, {
        action: 'open_day.check_in',
        entityType: 'open_day',
        entityId: day.id,
        orgPath: day.orgPath,
        after: { customerId },
      });
    });
    return this.detail(await this.row(ctx, id));
  }
}
