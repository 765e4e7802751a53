import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import { journeyTasks } from '../journey.tables.js';
import {
  type OpenDayItemRow,
  type OpenDayRow,
  openDayItems,
  openDayRegistrations,
  openDays,
} from './open-day.tables.js';

export type OpenDayRegistrationRow = typeof openDayRegistrations.$inferSelect;
export type OpenDayFilter = {
  scopePath: string;
  projectId?: string;
  status?: string;
  from?: string;
  to?: string;
};
/** Per open day: registrations, people checked in, suggestions answered of all, issues verified of all. */
export type OpenDayCounts = {
  registrations: number;
  checkedIn: number;
  suggestions: number;
  answered: number;
  issues: number;
  verified: number;
};
export const NO_COUNTS: OpenDayCounts = {
  registrations: 0,
  checkedIn: 0,
  suggestions: 0,
  answered: 0,
  issues: 0,
  verified: 0,
};

/**
 * The item counts the two KPIs are made of: an answer counts once delivered (answered_at), an issue once verified.
 * With `asOf` (a month's snapshot), only what was collected, answered and verified before that instant counts.
 */
const itemCounts = (asOf: Date | null) => {
  const before = (column: 'created_at' | 'answered_at' | 'verified_at') =>
    asOf ? sql`and ${sql.raw(`i.${column}`)} < ${asOf}` : sql``;
  return sql`count(*) filter (where i.kind = 'suggestion' ${before('created_at')})::int as suggestions,
  count(*) filter (where i.kind = 'suggestion' and i.status = 'answered' and i.answered_at is not null
                   ${before('answered_at')})::int as answered,
  count(*) filter (where i.kind = 'issue' ${before('created_at')})::int as issues,
  count(*) filter (where i.kind = 'issue' and i.status = 'verified' and i.verified_at is not null
                   ${before('verified_at')})::int as verified`;
};

/** Every query on open days, their registrations and what they collected. */
export class OpenDayRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: typeof openDays.$inferInsert): Promise<OpenDayRow> {
    const [created] = await this.db.insert(openDays).values(row).returning();
    return created as OpenDayRow;
  }

  async find(id: string, scopePath: string): Promise<OpenDayRow | null> {
    const [row] = await this.db
      .select()
      .from(openDays)
      .where(and(eq(openDays.id, id), withinScope(openDays.orgPath, scopePath)));
    return row ?? null;
  }

  async findAny(id: string): Promise<OpenDayRow | null> {
    const [row] = await this.db.select().from(openDays).where(eq(openDays.id, id));
    return row ?? null;
  }

  /** A page of open days in scope, newest day first (cursor: the last row's day and id). */
  list(f: OpenDayFilter, after: { heldOn: string; id: string } | null, limit: number): Promise<OpenDayRow[]> {
    return this.db
      .select()
      .from(openDays)
      .where(
        and(
          this.filter(f),
          after
            ? or(lt(openDays.heldOn, after.heldOn), and(eq(openDays.heldOn, after.heldOn), lt(openDays.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(desc(openDays.heldOn), desc(openDays.id))
      .limit(limit);
  }

  private filter(f: OpenDayFilter) {
    return and(
      withinScope(openDays.orgPath, f.scopePath),
      f.projectId ? eq(openDays.projectId, f.projectId) : undefined,
      f.status ? eq(openDays.status, f.status) : undefined,
      f.from ? gte(openDays.heldOn, f.from) : undefined,
      f.to ? lte(openDays.heldOn, f.to) : undefined,
    );
  }

  /** The KPI counts over every open day the filter matches that was not cancelled (the period's figure, K5 and K6). */
  async totals(
    f: OpenDayFilter,
    asOf: Date | null = null,
  ): Promise<Pick<OpenDayCounts, 'suggestions' | 'answered' | 'issues' | 'verified'>> {
    const [row] = await queryRows<OpenDayCounts>(
      this.db,
      sql`select ${itemCounts(asOf)} from open_day_items i
           where i.open_day_id in (select ${openDays.id} from ${openDays}
                                    where ${and(this.filter(f), ne(openDays.status, 'cancelled'))})`,
    );
    return row ?? NO_COUNTS;
  }

  /** Registrations and item counts of these open days. */
  async counts(ids: string[], asOf: Date | null = null): Promise<Map<string, OpenDayCounts>> {
    const out = new Map<string, OpenDayCounts>();
    if (ids.length === 0) return out;
    const list = sql`(select json_array_elements_text(${JSON.stringify(ids)}::json)::uuid)`;
    const [regs, items] = await Promise.all([
      queryRows<{ id: string; registrations: number; checkedIn: number }>(
        this.db,
        sql`select r.open_day_id as id, count(*)::int as registrations,
                   count(r.checked_in_at)::int as "checkedIn"
              from open_day_registrations r where r.open_day_id in ${list} group by r.open_day_id`,
      ),
      queryRows<{ id: string } & Omit<OpenDayCounts, 'registrations' | 'checkedIn'>>(
        this.db,
        sql`select i.open_day_id as id, ${itemCounts(asOf)}
              from open_day_items i where i.open_day_id in ${list} group by i.open_day_id`,
      ),
    ]);
    for (const id of ids) out.set(id, { ...NO_COUNTS });
    for (const r of regs)
      Object.assign(out.get(r.id) ?? {}, { registrations: r.registrations, checkedIn: r.checkedIn });
    for (const r of items) {
      Object.assign(out.get(r.id) ?? {}, {
        suggestions: r.suggestions,
        answered: r.answered,
        issues: r.issues,
        verified: r.verified,
      });
    }
    return out;
  }

  /** Open days of these projects from `fromDay` on, and any the person registered for or raised items at. */
  forOwner(projectIds: string[], customerId: string, fromDay: string, limit: number): Promise<OpenDayRow[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(openDays)
      .where(
        and(
          inArray(openDays.projectId, projectIds),
          ne(openDays.status, 'cancelled'),
          or(
            gte(openDays.heldOn, fromDay),
            sql`exists (select 1 from open_day_registrations r where r.open_day_id = ${openDays.id}
                                                                and r.customer_id = ${customerId})`,
            sql`exists (select 1 from open_day_items i where i.open_day_id = ${openDays.id}
                                                         and i.customer_id = ${customerId})`,
          ),
        ),
      )
      .orderBy(desc(openDays.heldOn), desc(openDays.id))
      .limit(limit);
  }

  /**
   * Takes `places` on the open day if it is still open for registration and has room: one conditional update, so
   * concurrent registrations for the last place cannot both get it (the row lock serialises them). Null: no room.
   */
  async takePlaces(id: string, places: number, now: Date): Promise<OpenDayRow | null> {
    const [row] = await this.db
      .update(openDays)
      .set({ registered: sql`${openDays.registered} + ${places}`, updatedAt: now })
      .where(
        and(
          eq(openDays.id, id),
          or(isNull(openDays.capacity), sql`${openDays.registered} + ${places} <= ${openDays.capacity}`),
        ),
      )
      .returning();
    return row ?? null;
  }

  /** A registration; null when the person is already registered (the unique index decides). */
  async register(row: typeof openDayRegistrations.$inferInsert): Promise<OpenDayRegistrationRow | null> {
    const [created] = await this.db.insert(openDayRegistrations).values(row).onConflictDoNothing().returning();
    return created ?? null;
  }

  async registration(openDayId: string, customerId: string): Promise<OpenDayRegistrationRow | null> {
    const [row] = await this.db
      .select()
      .from(openDayRegistrations)
      .where(and(eq(openDayRegistrations.openDayId, openDayId), eq(openDayRegistrations.customerId, customerId)));
    return row ?? null;
  }

  /** Registrations of an open day in registration order (at most `limit`). */
  registrations(openDayId: string, limit: number): Promise<OpenDayRegistrationRow[]> {
    return this.db
      .select()
      .from(openDayRegistrations)
      .where(eq(openDayRegistrations.openDayId, openDayId))
      .orderBy(asc(openDayRegistrations.registeredAt), asc(openDayRegistrations.id))
      .limit(limit);
  }

  /** A person's registrations among these open days. */
  registrationsOf(customerId: string, openDayIds: string[]): Promise<OpenDayRegistrationRow[]> {
    if (openDayIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(openDayRegistrations)
      .where(and(eq(openDayRegistrations.customerId, customerId), inArray(openDayRegistrations.openDayId, openDayIds)));
  }

  /** Checks a registration in, once: null when it was already checked in. */
  async checkIn(registrationId: string, at: Date): Promise<OpenDayRegistrationRow | null> {
    const [row] = await this.db
      .update(openDayRegistrations)
      .set({ checkedInAt: at })
      .where(and(eq(openDayRegistrations.id, registrationId), isNull(openDayRegistrations.checkedInAt)))
      .returning();
    return row ?? null;
  }

  /** A planned open day at this version is cancelled; null when it moved meanwhile or was held. */
  async cancel(id: string, version: number, now: Date): Promise<OpenDayRow | null> {
    const [row] = await this.db
      .update(openDays)
      .set({ status: 'cancelled', updatedAt: now, version: sql`${openDays.version} + 1` })
      .where(and(eq(openDays.id, id), eq(openDays.version, version), eq(openDays.status, 'planned')))
      .returning();
    return row ?? null;
  }

  /** A planned open day becomes held at its first check-in or item. */
  async markHeld(id: string, now: Date) {
    await this.db
      .update(openDays)
      .set({ status: 'held', updatedAt: now, version: sql`${openDays.version} + 1` })
      .where(and(eq(openDays.id, id), eq(openDays.status, 'planned')));
  }

  async insertItem(row: typeof openDayItems.$inferInsert): Promise<OpenDayItemRow> {
    const [created] = await this.db.insert(openDayItems).values(row).returning();
    return created as OpenDayItemRow;
  }

  async item(openDayId: string, itemId: string): Promise<OpenDayItemRow | null> {
    const [row] = await this.db
      .select()
      .from(openDayItems)
      .where(and(eq(openDayItems.id, itemId), eq(openDayItems.openDayId, openDayId)));
    return row ?? null;
  }

  /** What an open day collected, in the order it was recorded (at most `limit`). */
  items(openDayId: string, limit: number): Promise<OpenDayItemRow[]> {
    return this.db
      .select()
      .from(openDayItems)
      .where(eq(openDayItems.openDayId, openDayId))
      .orderBy(asc(openDayItems.createdAt), asc(openDayItems.id))
      .limit(limit);
  }

  /** A person's suggestions at these open days. */
  suggestionsOf(customerId: string, openDayIds: string[]): Promise<OpenDayItemRow[]> {
    if (openDayIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(openDayItems)
      .where(
        and(
          eq(openDayItems.customerId, customerId),
          eq(openDayItems.kind, 'suggestion'),
          inArray(openDayItems.openDayId, openDayIds),
        ),
      )
      .orderBy(asc(openDayItems.createdAt), asc(openDayItems.id));
  }

  /** Moves an item from `from` status at `version`; null on a stale version or another status. */
  async moveItem(
    id: string,
    version: number,
    from: string,
    patch: Partial<typeof openDayItems.$inferInsert>,
    now: Date,
  ): Promise<OpenDayItemRow | null> {
    const [row] = await this.db
      .update(openDayItems)
      .set({ ...patch, updatedAt: now, version: sql`${openDayItems.version} + 1` })
      .where(and(eq(openDayItems.id, id), eq(openDayItems.version, version), eq(openDayItems.status, from)))
      .returning();
    return row ?? null;
  }

  /** The open "site open day" journey tasks of a delivery batch (step 3b of the 6+2). */
  openDayTasksOf(batchId: string) {
    return this.db
      .select()
      .from(journeyTasks)
      .where(
        and(eq(journeyTasks.batchId, batchId), eq(journeyTasks.kind, 'open_day'), eq(journeyTasks.status, 'open')),
      );
  }
}
