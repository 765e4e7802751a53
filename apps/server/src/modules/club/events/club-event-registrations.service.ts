import type { AgeGroup, ClubEventKind } from '@anju/contracts/club-events';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { actorOf, type RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { SurveysModule } from '../../surveys/surveys.module.js';
import { ClubRepository } from '../club.repository.js';
import type { PointsService } from '../points.service.js';
import { presentRegistration } from './club-event.presenter.js';
import { ClubEventRepository } from './club-event.repository.js';
import type { ClubEventService } from './club-event.service.js';
import type { ClubEventRegistrationRow, ClubEventRow } from './club-event.tables.js';
import type { ClubEventPromotions } from './club-event-promotions.js';
import { callbackDueAt, earnRuleOf, inAgeGroup, newCheckInCode, normaliseCode } from './club-event-rules.js';

/** The event the club's attendance listener earns points on (subject: the registration). */
export const CLUB_EVENT_CHECKED_IN = 'club_event.checked_in';
export type ClubEventCheckedIn = { eventId: string; kind: string; customerId: string; memberId: string | null };

/**
 * Registrations: by staff for a customer they can see, or by the owner in the portal; confirmed within the capacity,
 * else waitlisted (when the event keeps a waitlist) or refused (409 CLUB_EVENT_FULL, nothing written). Cancelling a
 * confirmed place confirms the first waitlisted person in the same transaction. Check-in by the QR's code, once.
 */
export class ClubEventRegistrationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly customers: CustomersModule,
    private readonly clubEvents: ClubEventService,
    private readonly promotions: ClubEventPromotions,
    private readonly surveys: SurveysModule,
    private readonly points: PointsService,
  ) {}

  /** Staff register a customer they can see for an event of their subtree. */
  async register(ctx: RequestContext, eventId: string, customerId: string) {
    assertPermission(ctx.principal, 'club.manage');
    const event = await this.clubEvents.get(ctx, eventId);
    await this.customers.customers.get(ctx, customerId);
    return this.book(ctx, event.id, customerId, 'console');
  }

  /**
   * The registration itself, with the event row locked (so the last place goes once): open, in the age group, not
   * registered yet, within the capacity or onto the waitlist. Any refusal throws before a row is written.
   */
  async book(
    ctx: RequestContext,
    eventId: string,
    customerId: string,
    via: 'portal' | 'console',
    onBooked?: (tx: Tx, registrationId: string) => Promise<void>,
  ) {
    return this.db.transaction(async (tx) => {
      const repo = new ClubEventRepository(tx);
      const event = await repo.lock(eventId);
      if (!event) throw new AppError('CLUB_EVENT_NOT_FOUND');
      const now = this.clock.now();
      if (event.status === 'cancelled') throw new AppError('CLUB_EVENT_CLOSED', { reason: 'cancelled' });
      if (event.endsAt <= now) throw new AppError('CLUB_EVENT_CLOSED', { reason: 'over' });
      if (event.ageGroup) {
        const birthday = (await this.customers.read.birthdaysOf([customerId], tx)).get(customerId) ?? null;
        if (!inAgeGroup(event.ageGroup as AgeGroup, birthday, event.startsAt)) {
          throw new AppError('CLUB_EVENT_AGE_GROUP', { ageGroup: event.ageGroup, birthdayKnown: birthday !== null });
        }
      }
      if (await repo.liveRegistration(event.id, customerId)) throw new AppError('CLUB_EVENT_ALREADY_REGISTERED');
      const full = (await repo.confirmedCount(event.id)) >= event.capacity;
      if (full && !event.waitlist) throw new AppError('CLUB_EVENT_FULL', { capacity: event.capacity });
      const member = await new ClubRepository(tx).memberOfCustomer(customerId);
      const row = await this.insert(tx, {
        eventId: event.id,
        customerId,
        memberId: member?.status === 'active' ? member.id : null,
        status: full ? 'waitlisted' : 'registered',
        via,
        orgPath: event.orgPath,
        registeredAt: now,
        registeredBy: ctx.principal.actor === 'staff' ? ctx.principal.userId : null,
      });
      await this.audit.record(tx, ctx, {
        action: 'club_event.register',
        entityType: 'club_event_registration',
        entityId: row.id,
        orgPath: event.orgPath,
        after: { eventId: event.id, customerId, status: row.status, via },
      });
      await onBooked?.(tx, row.id);
      return { event, registration: row };
    });
  }

  /** Inserts with a fresh check-in code; a code already taken (about one in 10^11) draws another. */
  private async insert(
    tx: Executor,
    values: Omit<Parameters<ClubEventRepository['insertRegistration']>[0], 'checkInCode'>,
  ): Promise<ClubEventRegistrationRow> {
    for (let i = 0; i < 5; i++) {
      const row = await new ClubEventRepository(tx).insertRegistration({ ...values, checkInCode: newCheckInCode() });
      if (row) return row;
    }
    throw new AppError('INTERNAL');
  }

  /** Staff cancel a registration of an event of their subtree. */
  async cancel(ctx: RequestContext, eventId: string, registrationId: string) {
    assertPermission(ctx.principal, 'club.manage');
    const event = await this.clubEvents.get(ctx, eventId);
    return this.cancelIn(ctx, event.id, registrationId, null);
  }

  /**
   * Cancels a live registration (`customerId`: only that person's — the owner's own); a confirmed place that frees up
   * goes to the first waitlisted person in the same transaction. A checked-in registration stays.
   */
  async cancelIn(ctx: RequestContext, eventId: string, registrationId: string, customerId: string | null) {
    return this.db.transaction(async (tx) => {
      const repo = new ClubEventRepository(tx);
      const event = await repo.lock(eventId);
      const found = await repo.registration(registrationId);
      if (!event || !found || found.eventId !== eventId || (customerId !== null && found.customerId !== customerId)) {
        throw new AppError('CLUB_EVENT_REGISTRATION_NOT_FOUND');
      }
      if (found.status === 'cancelled') return { event, registration: found, promoted: [] };
      if (found.checkedInAt) throw new AppError('CLUB_EVENT_CLOSED', { reason: 'checked_in' });
      const row = await repo.move(found.id, found.status, { status: 'cancelled', cancelledAt: this.clock.now() });
      if (!row) throw new AppError('VERSION_CONFLICT');
      const promoted = found.status === 'registered' ? await this.promotions.fill(tx, event) : [];
      await this.audit.record(tx, ctx, {
        action: 'club_event.cancel_registration',
        entityType: 'club_event_registration',
        entityId: row.id,
        orgPath: event.orgPath,
        before: { status: found.status },
        after: { status: 'cancelled', promoted: promoted.map((p) => p.id) },
      });
      return { event, registration: row, promoted };
    });
  }

  /**
   * Check-in by the registration's code at the door: one conditional update (`checked_in_at is null`), the next-day
   * callback due, and `club_event.checked_in` for the attendance points (the listener earns once per registration).
   * The same code again answers the registration with `alreadyCheckedIn` and records nothing.
   */
  async checkIn(ctx: RequestContext, eventId: string, rawCode: string) {
    assertPermission(ctx.principal, 'club.manage');
    const event = await this.clubEvents.get(ctx, eventId);
    if (event.status === 'cancelled') throw new AppError('CLUB_EVENT_CLOSED', { reason: 'cancelled' });
    return this.db.transaction(async (tx) => {
      const repo = new ClubEventRepository(tx);
      const found = await repo.byCode(event.id, normaliseCode(rawCode));
      if (!found) throw new AppError('CLUB_EVENT_CHECK_IN_INVALID', { reason: 'unknown' });
      if (found.checkedInAt) return { event, registration: found, alreadyCheckedIn: true };
      if (found.status !== 'registered') throw new AppError('CLUB_EVENT_CHECK_IN_INVALID', { reason: found.status });
      const now = this.clock.now();
      const row = await repo.checkIn(found.id, now, ctx.principal.userId, callbackDueAt(now));
      if (!row) {
        const again = await repo.registration(found.id);
        return { event, registration: again ?? found, alreadyCheckedIn: true };
      }
      await this.recordCheckIn(tx, ctx, event, row);
      return { event, registration: row, alreadyCheckedIn: false };
    });
  }

  /**
   * Attendance marked from the paper sign-in sheet after the event (or a phone that was offline at the door): the
   * listed confirmed registrations not yet checked in are checked in with one update, their callbacks due, and the
   * members among them earn the attendance points in one batch (`points.earnMany`, the same ledger key
   * `<rule>:<registrationId>` the check-in listener uses, so a scan before or after awards nothing twice).
   */
  async markAttendance(ctx: RequestContext, eventId: string, registrationIds: string[]) {
    assertPermission(ctx.principal, 'club.manage');
    const event = await this.clubEvents.get(ctx, eventId);
    if (event.status === 'cancelled') throw new AppError('CLUB_EVENT_CLOSED', { reason: 'cancelled' });
    const now = this.clock.now();
    if (event.startsAt > now) throw new AppError('CLUB_EVENT_CLOSED', { reason: 'not_started' });
    return this.db.transaction(async (tx) => {
      const ids = [...new Set(registrationIds)];
      const rows = await new ClubEventRepository(tx).checkInMany(
        event.id,
        ids,
        now,
        ctx.principal.userId,
        callbackDueAt(now),
      );
      const members = await new ClubRepository(tx).membersOfCustomers(rows.map((r) => r.customerId));
      const memberOf = new Map(members.filter((m) => m.status === 'active').map((m) => [m.customerId, m.id]));
      const awards = rows.flatMap((r) => {
        const memberId = memberOf.get(r.customerId);
        return memberId ? [{ memberId, sourceId: r.id }] : [];
      });
      const earned = await this.points.earnMany(tx, actorOf(ctx), earnRuleOf(event.kind as ClubEventKind), awards);
      if (rows.length === 0) return { checkedIn: 0, awarded: 0, points: 0 };
      await this.audit.recordMany(
        tx,
        ctx,
        rows.map((row) => ({
          action: 'club_event.check_in',
          entityType: 'club_event_registration',
          entityId: row.id,
          orgPath: event.orgPath,
          after: { eventId: event.id, customerId: row.customerId, via: 'sheet' },
        })),
      );
      return { checkedIn: rows.length, awarded: earned.awarded, points: earned.points };
    });
  }

  private async recordCheckIn(tx: Tx, ctx: RequestContext, event: ClubEventRow, row: ClubEventRegistrationRow) {
    const payload: ClubEventCheckedIn = {
      eventId: event.id,
      kind: event.kind,
      customerId: row.customerId,
      memberId: row.memberId,
    };
    await this.events.record(tx, ctx, [
      {
        name: CLUB_EVENT_CHECKED_IN,
        subjectType: 'club_event_registration',
        subjectId: row.id,
        orgPath: event.orgPath,
        payload,
      },
    ]);
    await this.audit.record(tx, ctx, {
      action: 'club_event.check_in',
      entityType: 'club_event_registration',
      entityId: row.id,
      orgPath: event.orgPath,
      after: { eventId: event.id, customerId: row.customerId },
    });
  }

  async list(
    ctx: RequestContext,
    eventId: string,
    f: { status?: string; after?: { registeredAt: Date; id: string }; limit: number },
  ) {
    const event = await this.clubEvents.get(ctx, eventId);
    return new ClubEventRepository(this.db).registrations(event.id, { ...f, limit: f.limit + 1 });
  }

  /** Registrations with the person's name, the member's card and where their callback stands. */
  async views(rows: ClubEventRegistrationRow[]) {
    const [names, members, statuses] = await Promise.all([
      this.customers.read.namesOf(rows.map((r) => r.customerId)),
      new ClubRepository(this.db).membersOfCustomers(rows.filter((r) => r.memberId).map((r) => r.customerId)),
      this.surveys.requests.statusesOf(rows.flatMap((r) => (r.callbackRequestId ? [r.callbackRequestId] : []))),
    ]);
    const cards = new Map(members.map((m) => [m.id, m.cardNo]));
    return rows.map((r) =>
      presentRegistration(r, {
        customerName: names.get(r.customerId) ?? null,
        cardNo: r.memberId ? (cards.get(r.memberId) ?? null) : null,
        requestStatus: r.callbackRequestId ? (statuses.get(r.callbackRequestId) ?? null) : null,
      }),
    );
  }
}
