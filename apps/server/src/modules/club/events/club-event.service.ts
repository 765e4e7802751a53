import type { CreateEventBody, listEventsQuery, UpdateEventBody } from '@anju/contracts/club-events';
import type { z } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { SurveysModule } from '../../surveys/surveys.module.js';
import { ClubEventRepository } from './club-event.repository.js';
import type { ClubEventRow } from './club-event.tables.js';
import type { ClubEventPromotions } from './club-event-promotions.js';

const DAY = 86_400_000;
const chinaDay = (d: string) => new Date(`${d}T00:00:00+08:00`);

type Shape = {
  kind: string;
  ageGroup: string | null;
  openDayId: string | null;
  startsAt: Date;
  endsAt: Date;
};

/** The rules of an event's shape, else 400 CLUB_EVENT_INVALID naming the field. */
function checkShape(e: Shape) {
  const bad = (field: string, reason: string) => new AppError('CLUB_EVENT_INVALID', { field, reason });
  if (e.endsAt.getTime() <= e.startsAt.getTime()) throw bad('endsAt', 'ends before it starts');
  if ((e.kind === 'programme') !== (e.ageGroup !== null)) throw bad('ageGroup', 'a programme, and only it, has one');
  if (e.openDayId !== null && e.kind !== 'open_day') throw bad('openDayId', 'only an open day links one');
}

/**
 * Club events in the console: created at a project or a city company of the caller's subtree, listed and read there
 * with their counts (registered, waitlisted, checked in, callbacks answered through the surveys module).
 */
export class ClubEventService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly surveys: SurveysModule,
    private readonly promotions: ClubEventPromotions,
  ) {}

  /** The project or city company an event is held at, within the caller's subtree. */
  private async placeOf(ctx: RequestContext, orgUnitId: string, db: Executor) {
    const node = await this.directory.with(db).node(orgUnitId);
    if (!node || !pathInScope(node.path, ctx.principal.orgPath)) throw new AppError('ORG_UNIT_NOT_FOUND');
    if (node.type !== 'project' && node.type !== 'city_company') {
      throw new AppError('CLUB_EVENT_INVALID', { field: 'orgUnitId', reason: 'a project or a city company' });
    }
    return { orgUnitId: node.id, orgPath: node.path, projectId: node.type === 'project' ? node.id : null };
  }

  async create(ctx: RequestContext, body: CreateEventBody): Promise<ClubEventRow> {
    assertPermission(ctx.principal, 'club.manage');
    const shape = {
      ...body,
      ageGroup: body.ageGroup ?? null,
      openDayId: body.openDayId ?? null,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
    };
    checkShape(shape);
    return this.db.transaction(async (tx) => {
      const place = await this.placeOf(ctx, body.orgUnitId, tx);
      const now = this.clock.now();
      const row = await new ClubEventRepository(tx).insert({
        ...shape,
        ...place,
        status: 'scheduled',
        createdBy: ctx.principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(tx, ctx, {
        action: 'club_event.create',
        entityType: 'club_event',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { kind: row.kind, title: row.title, startsAt: row.startsAt, capacity: row.capacity },
      });
      return row;
    });
  }

  /** Saves an edit with the version read; a larger capacity confirms waitlisted people into the new places. */
  async update(ctx: RequestContext, id: string, body: UpdateEventBody): Promise<ClubEventRow> {
    assertPermission(ctx.principal, 'club.manage');
    return this.db.transaction(async (tx) => {
      const repo = new ClubEventRepository(tx);
      const before = await repo.find(id, ctx.principal.orgPath);
      if (!before) throw new AppError('CLUB_EVENT_NOT_FOUND');
      await repo.lock(id);
      if (before.version !== body.version) throw new AppError('VERSION_CONFLICT');
      if (before.status === 'cancelled' && body.status !== 'scheduled' && Object.keys(body).length > 1) {
        throw new AppError('CLUB_EVENT_CLOSED', { reason: 'cancelled' });
      }
      const next = {
        title: body.title ?? before.title,
        description: body.description ?? before.description,
        venue: body.venue ?? before.venue,
        startsAt: body.startsAt ? new Date(body.startsAt) : before.startsAt,
        endsAt: body.endsAt ? new Date(body.endsAt) : before.endsAt,
        capacity: body.capacity ?? before.capacity,
        waitlist: body.waitlist ?? before.waitlist,
        ageGroup: body.ageGroup === undefined ? before.ageGroup : body.ageGroup,
        openDayId: body.openDayId === undefined ? before.openDayId : body.openDayId,
        status: body.status ?? before.status,
      };
      checkShape({ ...next, kind: before.kind });
      const row = await repo.update(id, body.version, { ...next, updatedAt: this.clock.now() });
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (row.status === 'scheduled') await this.promotions.fill(tx, row);
      await this.audit.record(tx, ctx, {
        action: 'club_event.update',
        entityType: 'club_event',
        entityId: row.id,
        orgPath: row.orgPath,
        before: { ...before },
        after: { ...next },
      });
      return row;
    });
  }

  /** An event in the caller's subtree (club.read), else 404. */
  async get(ctx: RequestContext, id: string, db: Executor = this.db): Promise<ClubEventRow> {
    assertPermission(ctx.principal, 'club.read');
    const row = await new ClubEventRepository(db).find(id, ctx.principal.orgPath);
    if (!row) throw new AppError('CLUB_EVENT_NOT_FOUND');
    return row;
  }

  async list(
    ctx: RequestContext,
    q: z.output<typeof listEventsQuery>,
    before: { startsAt: Date; id: string } | null,
  ): Promise<ClubEventRow[]> {
    assertPermission(ctx.principal, 'club.read');
    return new ClubEventRepository(this.db).list(ctx.principal.orgPath, {
      kind: q.kind,
      status: q.status,
      from: q.from ? chinaDay(q.from) : undefined,
      to: q.to ? new Date(chinaDay(q.to).getTime() + DAY) : undefined,
      orgUnitId: q.orgUnitId,
      before: before ?? undefined,
      limit: q.limit + 1,
    });
  }

  /** Confirmed and waitlisted people per event, and the names of the places. */
  async decorate(rows: ClubEventRow[]) {
    const [tallies, names] = await Promise.all([
      new ClubEventRepository(this.db).tallies(rows.map((r) => r.id)),
      this.directory.names(rows.map((r) => r.orgUnitId)),
    ]);
    return rows.map((r) => ({
      row: r,
      orgUnitName: names.get(r.orgUnitId) ?? null,
      ...(tallies.get(r.id) ?? { registered: 0, waitlisted: 0 }),
    }));
  }

  /** The event page's counts: registered, waitlisted, checked in, callbacks answered, members invited. */
  async counts(row: ClubEventRow) {
    const repo = new ClubEventRepository(this.db);
    const [tallies, attendance] = await Promise.all([repo.tallies([row.id]), repo.attendance(row.id)]);
    const statuses = await this.surveys.requests.statusesOf(attendance.callbackRequestIds);
    const t = tallies.get(row.id) ?? { registered: 0, waitlisted: 0 };
    return {
      registered: t.registered,
      waitlisted: t.waitlisted,
      checkedIn: attendance.checkedIn,
      callbacksAnswered: [...statuses.values()].filter((s) => s === 'answered').length,
      invited: attendance.invited,
    };
  }

  /**
   * Interaction events held (not cancelled) per project in [from, to) — KPI K18's input, read by the analytics
   * module through this method (never the club's tables).
   */
  async interactionsHeld(from: Date, to: Date) {
    return new ClubEventRepository(this.db).interactionsHeld(from, to);
  }
}
