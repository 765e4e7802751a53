import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { type TicketRow, ticketEvents, tickets } from '../tickets/ticket.tables.js';
import { ownerLoginCodes, ownerRequestReads, ownerSessions, portalSubmissions } from './portal.tables.js';

export type OwnerHomeRow = {
  unitId: string;
  unitCode: string;
  projectId: string;
  projectName: string;
  projectPath: string;
  role: 'owner' | 'family';
  areaSqm: number | null;
  layout: string | null;
};

/** A request is unread when a customer-visible event (other than its creation) came after the owner last opened it. */
const UNREAD = sql`exists (select 1 from ticket_events e where e.ticket_id = t.id and e.visibility = 'customer'
                             and e.kind <> 'created' and (r.read_at is null or e.at > r.read_at))`;

export type FamilyRow = { unitId: string | null; id: string; name: string; relation: string; phone: string | null };

/**
 * The portal's read model: one person's homes, household and requests. It reads the customer, property and
 * ticket tables directly (decisions.md §17) because every query here is keyed by the logged-in person and must
 * be one statement; writes always go through the owning module's services.
 */
export class PortalRepository {
  constructor(private readonly db: Executor) {}

  /** The person a mobile number belongs to: prefer an owner, then a family member, then the oldest record. */
  async personByPhone(phone: string): Promise<{ id: string; name: string } | null> {
    const [row] = await queryRows<{ id: string; name: string }>(
      this.db,
      sql`select c.id, c.name from customer_phones p join customers c on c.id = p.customer_id
           where p.phone = ${phone} and c.merged_into is null and c.anonymised_at is null
           order by (exists (select 1 from ownerships o where o.customer_id = c.id and o.active)) desc,
                    (exists (select 1 from family_links f where f.member_id = c.id)) desc, c.created_at
           limit 1`,
    );
    return row ?? null;
  }

  /** Where messages about this person are filed (the outbox page's scope): a home's project, else the org root. */
  async scopePathOf(customerId: string | null): Promise<string> {
    const [row] = await queryRows<{ path: string }>(
      this.db,
      sql`select coalesce(
            (select s.org_path from customer_scopes s where s.customer_id = ${customerId} order by s.org_path limit 1),
            (select path from org_units where parent_id is null order by created_at limit 1)) as path`,
    );
    return row?.path ?? '/';
  }

  // --- login codes and sessions --------------------------------------------------------------------------------

  /** Serialises code requests for one number (the limits are counted, then a row written). */
  async lockPhone(phone: string) {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`owner-code:${phone}`}))`);
  }

  async codesSince(column: 'phone' | 'ip', value: string, since: Date): Promise<number> {
    const col = column === 'phone' ? ownerLoginCodes.phone : ownerLoginCodes.ip;
    const [row] = await this.db
      .select({ n: count() })
      .from(ownerLoginCodes)
      .where(and(eq(col, value), gte(ownerLoginCodes.createdAt, since)));
    return row?.n ?? 0;
  }

  async lastCodeAt(phone: string): Promise<Date | null> {
    const [row] = await this.db
      .select({ at: ownerLoginCodes.createdAt })
      .from(ownerLoginCodes)
      .where(eq(ownerLoginCodes.phone, phone))
      .orderBy(desc(ownerLoginCodes.createdAt))
      .limit(1);
    return row?.at ?? null;
  }

  async insertCode(values: typeof ownerLoginCodes.$inferInsert) {
    const [row] = await this.db.insert(ownerLoginCodes).values(values).returning({ id: ownerLoginCodes.id });
    return row as { id: number };
  }

  /** The newest live code of a number: not used, not expired, attempts left. */
  async liveCode(phone: string, now: Date, maxFailures: number) {
    const [row] = await this.db
      .select()
      .from(ownerLoginCodes)
      .where(and(eq(ownerLoginCodes.phone, phone), isNull(ownerLoginCodes.usedAt)))
      .orderBy(desc(ownerLoginCodes.createdAt))
      .limit(1);
    if (!row || row.expiresAt <= now || row.failedAttempts >= maxFailures) return null;
    return row;
  }

  /** The newest used code of a number still within its lifetime (a retried sign-up presents it again). */
  async usedCode(phone: string, now: Date, maxFailures: number) {
    const [row] = await this.db
      .select()
      .from(ownerLoginCodes)
      .where(and(eq(ownerLoginCodes.phone, phone), isNotNull(ownerLoginCodes.usedAt)))
      .orderBy(desc(ownerLoginCodes.createdAt))
      .limit(1);
    if (!row || row.expiresAt <= now || row.failedAttempts >= maxFailures) return null;
    return row;
  }

  async failCode(id: number) {
    await this.db
      .update(ownerLoginCodes)
      .set({ failedAttempts: sql`${ownerLoginCodes.failedAttempts} + 1` })
      .where(eq(ownerLoginCodes.id, id));
  }

  /** Single use: only one of two simultaneous verifications can claim the code. */
  async useCode(id: number, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(ownerLoginCodes)
      .set({ usedAt: now })
      .where(and(eq(ownerLoginCodes.id, id), isNull(ownerLoginCodes.usedAt)))
      .returning({ id: ownerLoginCodes.id });
    return rows.length === 1;
  }

  async purgeCodes(before: Date) {
    await this.db.delete(ownerLoginCodes).where(sql`${ownerLoginCodes.createdAt} < ${before}`);
  }

  async insertSession(values: typeof ownerSessions.$inferInsert) {
    await this.db.insert(ownerSessions).values(values);
  }

  async findSession(id: string) {
    const [row] = await queryRows<{
      id: string;
      customerId: string;
      name: string;
      phone: string;
      lastSeenAt: Date;
      expiresAt: Date;
    }>(
      this.db,
      sql`select s.id, s.customer_id as "customerId", c.name, s.phone, s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt"
            from owner_sessions s join customers c on c.id = s.customer_id
           where s.id = ${id} and c.merged_into is null and c.anonymised_at is null`,
    );
    return row ? { ...row, lastSeenAt: new Date(row.lastSeenAt), expiresAt: new Date(row.expiresAt) } : null;
  }

  async touchSession(id: string, now: Date) {
    await this.db.update(ownerSessions).set({ lastSeenAt: now }).where(eq(ownerSessions.id, id));
  }

  async deleteSession(id: string) {
    await this.db.delete(ownerSessions).where(eq(ownerSessions.id, id));
  }

  async purgeSessions(now: Date, idleBefore: Date) {
    await this.db
      .delete(ownerSessions)
      .where(sql`${ownerSessions.expiresAt} <= ${now} or ${ownerSessions.lastSeenAt} < ${idleBefore}`);
  }

  // --- homes and household -------------------------------------------------------------------------------------

  /** Units the person owns, and units where the person is a registered family member. */
  homes(customerId: string): Promise<OwnerHomeRow[]> {
    return queryRows(
      this.db,
      sql`select distinct on (u.id) u.id as "unitId", u.code as "unitCode", u.project_id as "projectId", p.name as "projectName",
                 p.path as "projectPath", h.role, u.area::float8 as "areaSqm", u.layout
            from (select o.unit_id, 'owner' as role, 0 as rank from ownerships o where o.customer_id = ${customerId} and o.active
                  union all
                  select f.unit_id, 'family', 1 from family_links f where f.member_id = ${customerId} and f.unit_id is not null
                  union all
                  select o.unit_id, 'family', 1 from family_links f join ownerships o on o.customer_id = f.owner_id and o.active
                   where f.member_id = ${customerId} and f.unit_id is null) h
            join units u on u.id = h.unit_id join org_units p on p.id = u.project_id
           order by u.id, h.rank
           limit 50`,
    );
  }

  /** Family members registered under the owners of these units (for the home cards). */
  family(unitIds: string[]): Promise<FamilyRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return queryRows(
      this.db,
      sql`select distinct on (f.member_id, coalesce(f.unit_id, o.unit_id)) coalesce(f.unit_id, o.unit_id) as "unitId",
                 c.id, c.name, f.relation,
                 (select ph.phone from customer_phones ph where ph.customer_id = c.id order by ph.is_primary desc, ph.id limit 1) as phone
            from ownerships o join family_links f on f.owner_id = o.customer_id and (f.unit_id is null or f.unit_id = o.unit_id)
            join customers c on c.id = f.member_id and c.merged_into is null
           where o.unit_id in (select jsonb_array_elements_text(${JSON.stringify(unitIds)}::jsonb)::uuid) and o.active
           limit 500`,
    );
  }

  // --- requests ------------------------------------------------------------------------------------------------

  /** Unread notices of the person's projects and requests with customer-visible news since last opened. */
  async unreadCounts(customerId: string): Promise<{ notices: number; updates: number }> {
    const [row] = await queryRows<{ notices: number; updates: number }>(
      this.db,
      sql`select
            (select count(*)::int from notices n
              where n.project_id in (select u.project_id from ownerships o join units u on u.id = o.unit_id
                                      where o.customer_id = ${customerId} and o.active
                                     union select u.project_id from family_links f join units u on u.id = f.unit_id
                                      where f.member_id = ${customerId})
                and not exists (select 1 from notice_reads r where r.notice_id = n.id and r.customer_id = ${customerId})) as notices,
            (select count(*)::int from (select t.id from tickets t
                left join owner_request_reads r on r.customer_id = ${customerId} and r.ticket_id = t.id
              where t.customer_id = ${customerId} and ${UNREAD} limit 100) x) as updates`,
    );
    return row ?? { notices: 0, updates: 0 };
  }

  async openRequestTitled(customerId: string, title: string) {
    const [row] = await queryRows<{ number: string; createdAt: Date }>(
      this.db,
      sql`select number, created_at as "createdAt" from tickets
           where customer_id = ${customerId} and title = ${title} and status not in ('completed','cancelled')
           order by created_at desc limit 1`,
    );
    return row ? { number: row.number, createdAt: new Date(row.createdAt) } : null;
  }

  /** A page of the person's requests, newest first, with the unread flag. */
  requests(customerId: string, opts: { open?: boolean; after: { at: Date; id: string } | null; limit: number }) {
    return queryRows<{ id: string; unread: boolean; projectName: string | null }>(
      this.db,
      sql`select t.id, ${UNREAD} as unread, p.name as "projectName"
            from tickets t
            left join owner_request_reads r on r.customer_id = ${customerId} and r.ticket_id = t.id
            left join org_units p on p.id = t.project_id
           where t.customer_id = ${customerId} and t.merged_into is null
             ${opts.open === undefined ? sql`` : opts.open ? sql`and t.status not in ('completed','cancelled')` : sql`and t.status in ('completed','cancelled')`}
             ${opts.after ? sql`and (t.created_at, t.id) < (${opts.after.at}, ${opts.after.id})` : sql``}
           order by t.created_at desc, t.id desc
           limit ${opts.limit}`,
    );
  }

  /** The person's own tickets among these ids (anyone else's are simply not found). */
  /** The owner's tickets among `ids`, in the order of `ids` (a replayed report answers its items as first given). */
  async ticketsOf(customerId: string, ids: string[]): Promise<TicketRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.customerId, customerId), inArray(tickets.id, ids)));
    return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  /** What the owner sees happen: customer-visible events, plus reopenings and callbacks (their own words). */
  ownerEvents(
    ticketId: string,
  ): Promise<{ at: Date; kind: string; body: string | null; visibility: string; data: unknown }[]> {
    return this.db
      .select({
        at: ticketEvents.at,
        kind: ticketEvents.kind,
        body: ticketEvents.body,
        visibility: ticketEvents.visibility,
        data: ticketEvents.data,
      })
      .from(ticketEvents)
      .where(
        and(
          eq(ticketEvents.ticketId, ticketId),
          sql`(${ticketEvents.visibility} = 'customer' or ${ticketEvents.kind} in ('created','reopen','callback'))`,
        ),
      )
      .orderBy(asc(ticketEvents.id))
      .limit(500);
  }

  // --- submissions and reads -----------------------------------------------------------------------------------

  async submission(customerId: string, key: string) {
    const [row] = await this.db
      .select()
      .from(portalSubmissions)
      .where(and(eq(portalSubmissions.customerId, customerId), eq(portalSubmissions.key, key)));
    return row ?? null;
  }

  /** Claims the key; false when another request with the same key got there first. */
  async claimSubmission(values: typeof portalSubmissions.$inferInsert): Promise<boolean> {
    const rows = await this.db
      .insert(portalSubmissions)
      .values(values)
      .onConflictDoNothing()
      .returning({ key: portalSubmissions.key });
    return rows.length === 1;
  }

  async recordSubmission(customerId: string, key: string, ticketIds: string[]) {
    if (ticketIds.length === 0) {
      await this.db
        .delete(portalSubmissions)
        .where(and(eq(portalSubmissions.customerId, customerId), eq(portalSubmissions.key, key)));
      return;
    }
    await this.db
      .update(portalSubmissions)
      .set({ ticketIds })
      .where(and(eq(portalSubmissions.customerId, customerId), eq(portalSubmissions.key, key)));
  }

  async markRead(customerId: string, ticketId: string, now: Date) {
    await this.db
      .insert(ownerRequestReads)
      .values({ customerId, ticketId, readAt: now })
      .onConflictDoUpdate({ target: [ownerRequestReads.customerId, ownerRequestReads.ticketId], set: { readAt: now } });
  }
}
