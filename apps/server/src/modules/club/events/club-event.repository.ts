import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import {
  type ClubEventRegistrationRow,
  type ClubEventRow,
  clubEventInvitations,
  clubEventRegistrations,
  clubEvents,
} from './club-event.tables.js';

export type ClubEventInsert = typeof clubEvents.$inferInsert;
export type RegistrationInsert = typeof clubEventRegistrations.$inferInsert;
export type EventFilter = {
  kind?: string;
  status?: string;
  from?: Date;
  to?: Date;
  orgUnitId?: string;
  before?: { startsAt: Date; id: string };
  limit: number;
};

/** Club events, their registrations and invitations: the only queries of the events slice. */
export class ClubEventRepository {
  constructor(private readonly db: Executor) {}

  async insert(values: ClubEventInsert): Promise<ClubEventRow> {
    const [row] = await this.db.insert(clubEvents).values(values).returning();
    if (!row) throw new Error('event insert returned nothing');
    return row;
  }

  /** Saves when `version` is still the stored one; null otherwise. */
  async update(id: string, version: number, set: Partial<ClubEventInsert>): Promise<ClubEventRow | null> {
    const [row] = await this.db
      .update(clubEvents)
      .set({ ...set, version: version + 1 })
      .where(and(eq(clubEvents.id, id), eq(clubEvents.version, version)))
      .returning();
    return row ?? null;
  }

  async find(id: string, scopePath: string | null): Promise<ClubEventRow | null> {
    const [row] = await this.db
      .select()
      .from(clubEvents)
      .where(and(eq(clubEvents.id, id), scopePath === null ? undefined : withinScope(clubEvents.orgPath, scopePath)));
    return row ?? null;
  }

  /** The event of a place starting at a moment with a title (a history row imported again finds it). */
  async samePlaceAndStart(orgUnitId: string, startsAt: Date, title: string): Promise<ClubEventRow | null> {
    const [row] = await this.db
      .select()
      .from(clubEvents)
      .where(and(eq(clubEvents.orgUnitId, orgUnitId), eq(clubEvents.startsAt, startsAt), eq(clubEvents.title, title)));
    return row ?? null;
  }

  /** The event row locked until the transaction ends: registrations and cancellations of one event queue here. */
  async lock(id: string): Promise<ClubEventRow | null> {
    const [row] = await this.db.select().from(clubEvents).where(eq(clubEvents.id, id)).for('update');
    return row ?? null;
  }

  list(scopePath: string, f: EventFilter): Promise<ClubEventRow[]> {
    return this.db
      .select()
      .from(clubEvents)
      .where(
        and(
          withinScope(clubEvents.orgPath, scopePath),
          f.kind ? eq(clubEvents.kind, f.kind) : undefined,
          f.status ? eq(clubEvents.status, f.status) : undefined,
          f.from ? gte(clubEvents.startsAt, f.from) : undefined,
          f.to ? lt(clubEvents.startsAt, f.to) : undefined,
          f.orgUnitId ? eq(clubEvents.orgUnitId, f.orgUnitId) : undefined,
          f.before
            ? or(
                lt(clubEvents.startsAt, f.before.startsAt),
                and(eq(clubEvents.startsAt, f.before.startsAt), lt(clubEvents.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(clubEvents.startsAt), desc(clubEvents.id))
      .limit(f.limit);
  }

  /** Scheduled events at these org units not over yet, soonest first (the owner portal). */
  openAt(orgUnitIds: string[], now: Date, limit: number): Promise<ClubEventRow[]> {
    if (orgUnitIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(clubEvents)
      .where(
        and(inArray(clubEvents.orgUnitId, orgUnitIds), eq(clubEvents.status, 'scheduled'), gt(clubEvents.endsAt, now)),
      )
      .orderBy(asc(clubEvents.startsAt), asc(clubEvents.id))
      .limit(limit);
  }

  byIds(ids: string[]): Promise<ClubEventRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(clubEvents).where(inArray(clubEvents.id, ids));
  }

  /** Confirmed and waitlisted registrations per event. */
  async tallies(eventIds: string[]): Promise<Map<string, { registered: number; waitlisted: number }>> {
    const out = new Map<string, { registered: number; waitlisted: number }>();
    if (eventIds.length === 0) return out;
    const rows = await this.db
      .select({ eventId: clubEventRegistrations.eventId, status: clubEventRegistrations.status, n: count() })
      .from(clubEventRegistrations)
      .where(and(inArray(clubEventRegistrations.eventId, eventIds), ne(clubEventRegistrations.status, 'cancelled')))
      .groupBy(clubEventRegistrations.eventId, clubEventRegistrations.status);
    for (const id of eventIds) out.set(id, { registered: 0, waitlisted: 0 });
    for (const r of rows) {
      const t = out.get(r.eventId);
      if (t && (r.status === 'registered' || r.status === 'waitlisted')) t[r.status] = Number(r.n);
    }
    return out;
  }

  /** Checked in, the callbacks opened (their request ids) and the invitations of one event. */
  async attendance(eventId: string) {
    const [checked] = await this.db
      .select({ n: count() })
      .from(clubEventRegistrations)
      .where(and(eq(clubEventRegistrations.eventId, eventId), isNotNull(clubEventRegistrations.checkedInAt)));
    const requests = await this.db
      .select({ id: clubEventRegistrations.callbackRequestId })
      .from(clubEventRegistrations)
      .where(and(eq(clubEventRegistrations.eventId, eventId), isNotNull(clubEventRegistrations.callbackRequestId)));
    const [invited] = await this.db
      .select({ n: count() })
      .from(clubEventInvitations)
      .where(eq(clubEventInvitations.eventId, eventId));
    return {
      checkedIn: Number(checked?.n ?? 0),
      callbackRequestIds: requests.map((r) => r.id as string),
      invited: Number(invited?.n ?? 0),
    };
  }

  async insertRegistration(values: RegistrationInsert): Promise<ClubEventRegistrationRow | null> {
    const [row] = await this.db
      .insert(clubEventRegistrations)
      .values(values)
      .onConflictDoNothing({ target: clubEventRegistrations.checkInCode })
      .returning();
    return row ?? null;
  }

  async liveRegistration(eventId: string, customerId: string): Promise<ClubEventRegistrationRow | null> {
    const [row] = await this.db
      .select()
      .from(clubEventRegistrations)
      .where(
        and(
          eq(clubEventRegistrations.eventId, eventId),
          eq(clubEventRegistrations.customerId, customerId),
          ne(clubEventRegistrations.status, 'cancelled'),
        ),
      );
    return row ?? null;
  }

  async registration(id: string): Promise<ClubEventRegistrationRow | null> {
    const [row] = await this.db.select().from(clubEventRegistrations).where(eq(clubEventRegistrations.id, id));
    return row ?? null;
  }

  async byCode(eventId: string, code: string): Promise<ClubEventRegistrationRow | null> {
    const [row] = await this.db
      .select()
      .from(clubEventRegistrations)
      .where(and(eq(clubEventRegistrations.eventId, eventId), eq(clubEventRegistrations.checkInCode, code)));
    return row ?? null;
  }

  async confirmedCount(eventId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(clubEventRegistrations)
      .where(and(eq(clubEventRegistrations.eventId, eventId), eq(clubEventRegistrations.status, 'registered')));
    return Number(row?.n ?? 0);
  }

  /** The waitlisted registrations of an event in the order they came. */
  waitlisted(eventId: string, limit: number): Promise<ClubEventRegistrationRow[]> {
    return this.db
      .select()
      .from(clubEventRegistrations)
      .where(and(eq(clubEventRegistrations.eventId, eventId), eq(clubEventRegistrations.status, 'waitlisted')))
      .orderBy(asc(clubEventRegistrations.registeredAt), asc(clubEventRegistrations.id))
      .limit(limit);
  }

  /** Moves a registration from one status to another; null when it no longer had `from`. */
  async move(
    id: string,
    from: string,
    set: Partial<Pick<RegistrationInsert, 'status' | 'promotedAt' | 'cancelledAt'>>,
  ): Promise<ClubEventRegistrationRow | null> {
    const [row] = await this.db
      .update(clubEventRegistrations)
      .set(set)
      .where(and(eq(clubEventRegistrations.id, id), eq(clubEventRegistrations.status, from)))
      .returning();
    return row ?? null;
  }

  /** The check-in, once: null when the registration was already checked in or is not confirmed. */
  /** Marks many confirmed registrations of an event checked in (those not yet); answers the rows that changed. */
  checkInMany(eventId: string, ids: string[], at: Date, by: string | null, callbackDueAt: Date) {
    return this.db
      .update(clubEventRegistrations)
      .set({ checkedInAt: at, checkedInBy: by, callbackDueAt })
      .where(
        and(
          eq(clubEventRegistrations.eventId, eventId),
          sql`${clubEventRegistrations.id} in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`,
          eq(clubEventRegistrations.status, 'registered'),
          isNull(clubEventRegistrations.checkedInAt),
        ),
      )
      .returning();
  }

  async checkIn(
    id: string,
    at: Date,
    by: string | null,
    callbackDueAt: Date,
  ): Promise<ClubEventRegistrationRow | null> {
    const [row] = await this.db
      .update(clubEventRegistrations)
      .set({ checkedInAt: at, checkedInBy: by, callbackDueAt })
      .where(
        and(
          eq(clubEventRegistrations.id, id),
          eq(clubEventRegistrations.status, 'registered'),
          isNull(clubEventRegistrations.checkedInAt),
        ),
      )
      .returning();
    return row ?? null;
  }

  registrations(
    eventId: string,
    f: { status?: string; after?: { registeredAt: Date; id: string }; limit: number },
  ): Promise<ClubEventRegistrationRow[]> {
    return this.db
      .select()
      .from(clubEventRegistrations)
      .where(
        and(
          eq(clubEventRegistrations.eventId, eventId),
          f.status ? eq(clubEventRegistrations.status, f.status) : undefined,
          f.after
            ? or(
                gt(clubEventRegistrations.registeredAt, f.after.registeredAt),
                and(
                  eq(clubEventRegistrations.registeredAt, f.after.registeredAt),
                  gt(clubEventRegistrations.id, f.after.id),
                ),
              )
            : undefined,
        ),
      )
      .orderBy(asc(clubEventRegistrations.registeredAt), asc(clubEventRegistrations.id))
      .limit(f.limit);
  }

  /** A person's live registrations (newest events first), with their events. */
  mine(customerId: string, limit: number) {
    return this.db
      .select({ registration: clubEventRegistrations, event: clubEvents })
      .from(clubEventRegistrations)
      .innerJoin(clubEvents, eq(clubEvents.id, clubEventRegistrations.eventId))
      .where(and(eq(clubEventRegistrations.customerId, customerId), ne(clubEventRegistrations.status, 'cancelled')))
      .orderBy(desc(clubEvents.startsAt))
      .limit(limit);
  }

  /** Confirmed registrations of scheduled events starting in [from, to) not reminded yet. */
  dueReminders(from: Date, to: Date, limit: number) {
    return this.db
      .select({ registration: clubEventRegistrations, event: clubEvents })
      .from(clubEventRegistrations)
      .innerJoin(clubEvents, eq(clubEvents.id, clubEventRegistrations.eventId))
      .where(
        and(
          gte(clubEvents.startsAt, from),
          lt(clubEvents.startsAt, to),
          eq(clubEvents.status, 'scheduled'),
          eq(clubEventRegistrations.status, 'registered'),
          isNull(clubEventRegistrations.remindedAt),
        ),
      )
      .orderBy(asc(clubEventRegistrations.id))
      .limit(limit);
  }

  async claimReminder(id: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(clubEventRegistrations)
      .set({ remindedAt: at })
      .where(
        and(
          eq(clubEventRegistrations.id, id),
          eq(clubEventRegistrations.status, 'registered'),
          isNull(clubEventRegistrations.remindedAt),
        ),
      )
      .returning({ id: clubEventRegistrations.id });
    return rows.length > 0;
  }

  /** Attendees whose callback is due and not opened (the partial index `club_event_registrations_callback_idx`). */
  dueCallbacks(now: Date, limit: number) {
    return this.db
      .select({ registration: clubEventRegistrations, event: clubEvents })
      .from(clubEventRegistrations)
      .innerJoin(clubEvents, eq(clubEvents.id, clubEventRegistrations.eventId))
      .where(
        and(
          isNotNull(clubEventRegistrations.callbackDueAt),
          isNull(clubEventRegistrations.callbackOpenedAt),
          lte(clubEventRegistrations.callbackDueAt, now),
        ),
      )
      .orderBy(asc(clubEventRegistrations.callbackDueAt), asc(clubEventRegistrations.id))
      .limit(limit);
  }

  /** Claims the callback of an attendee (once): false when another run opened it. */
  async claimCallback(id: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(clubEventRegistrations)
      .set({ callbackOpenedAt: at })
      .where(and(eq(clubEventRegistrations.id, id), isNull(clubEventRegistrations.callbackOpenedAt)))
      .returning({ id: clubEventRegistrations.id });
    return rows.length > 0;
  }

  async setCallbackRequest(id: string, requestId: string) {
    await this.db
      .update(clubEventRegistrations)
      .set({ callbackRequestId: requestId })
      .where(eq(clubEventRegistrations.id, id));
  }

  /** Records invitations; answers the members newly invited (one invitation per member and event). */
  async invite(rows: (typeof clubEventInvitations.$inferInsert)[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await this.db
      .insert(clubEventInvitations)
      .values(rows)
      .onConflictDoNothing()
      .returning({ memberId: clubEventInvitations.memberId });
    return new Set(inserted.map((r) => r.memberId));
  }

  /** Interaction events held (not cancelled) that started in [from, to), per project (KPI K18). */
  async interactionsHeld(from: Date, to: Date) {
    const rows = await this.db
      .select({ id: clubEvents.id, projectId: clubEvents.projectId })
      .from(clubEvents)
      .where(
        and(
          eq(clubEvents.kind, 'interaction'),
          eq(clubEvents.status, 'scheduled'),
          isNotNull(clubEvents.projectId),
          gte(clubEvents.startsAt, from),
          lt(clubEvents.startsAt, to),
        ),
      );
    return rows as { id: string; projectId: string }[];
  }
}
