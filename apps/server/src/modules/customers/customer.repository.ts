import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { isRootPath, withinScope } from '../../platform/rbac/scope.js';
import { units } from '../property/property.tables.js';
import {
  type CustomerRow,
  customerConsents,
  customerDuplicates,
  customerPhones,
  customerScopes,
  customers,
  customerTimeline,
  ownerships,
} from './customer.tables.js';

/** A customer is visible when one of its relations hangs under the principal's subtree (decisions.md §5, §9). */
export function visibleTo(scopePath: string): SQL | undefined {
  if (isRootPath(scopePath)) return undefined;
  return sql`exists (select 1 from ${customerScopes} where ${customerScopes.customerId} = ${customers.id}
                       and ${withinScope(customerScopes.orgPath, scopePath)})`;
}

export type CustomerListFilter = {
  scopePath: string;
  kind?: string;
  projectId?: string;
  tag?: string;
  duplicateSuspected?: boolean;
  before?: { createdAt: Date; id: string };
  limit: number;
};

export type HomeRef = {
  ownershipId: string;
  customerId: string;
  unitId: string;
  unitCode: string;
  projectId: string;
  projectName: string;
};

export class CustomerRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: typeof customers.$inferInsert): Promise<CustomerRow> {
    const [created] = await this.db.insert(customers).values(row).returning();
    if (!created) throw new Error('insert returned nothing');
    return created;
  }

  async update(id: string, version: number, patch: Partial<typeof customers.$inferInsert>, at: Date) {
    const [row] = await this.db
      .update(customers)
      .set({ ...patch, version: sql`${customers.version} + 1`, updatedAt: at })
      .where(and(eq(customers.id, id), eq(customers.version, version)))
      .returning();
    return row ?? null;
  }

  async findVisible(id: string, scopePath: string): Promise<CustomerRow | null> {
    const [row] = await this.db
      .select()
      .from(customers)
      .where(and(eq(customers.id, id), visibleTo(scopePath)))
      .limit(1);
    return row ?? null;
  }

  /** `findVisible` with the primary mobile, in one read (a ticket for the customer texts it). */
  async findVisibleWithPhone(id: string, scopePath: string) {
    const [row] = await this.db
      .select({
        customer: customers,
        // spelled out: in a select list Drizzle leaves a column unqualified, which would bind to the phone row
        primaryPhone: sql<string | null>`(select p.phone from customer_phones p where p.customer_id = "customers"."id"
                                          order by p.is_primary desc, p.created_at limit 1)`,
      })
      .from(customers)
      .where(and(eq(customers.id, id), visibleTo(scopePath)))
      .limit(1);
    return row ?? null;
  }

  async list(f: CustomerListFilter): Promise<CustomerRow[]> {
    return this.db
      .select()
      .from(customers)
      .where(
        and(
          isNull(customers.mergedInto),
          visibleTo(f.scopePath),
          f.kind ? sql`${customers.kinds} @> array[${f.kind}]::text[]` : undefined,
          f.tag ? sql`${customers.tags} @> array[${f.tag}]::text[]` : undefined,
          f.projectId
            ? sql`exists (select 1 from ${ownerships} join ${units} on ${units.id} = ${ownerships.unitId}
                   where ${ownerships.customerId} = ${customers.id} and ${units.projectId} = ${f.projectId})`
            : undefined,
          f.duplicateSuspected === undefined
            ? undefined
            : f.duplicateSuspected
              ? sql`exists (select 1 from ${customerDuplicates} where ${customerDuplicates.customerId} = ${customers.id} and ${customerDuplicates.resolvedAt} is null)`
              : sql`not exists (select 1 from ${customerDuplicates} where ${customerDuplicates.customerId} = ${customers.id} and ${customerDuplicates.resolvedAt} is null)`,
          f.before
            ? or(
                lt(customers.createdAt, f.before.createdAt),
                and(eq(customers.createdAt, f.before.createdAt), lt(customers.id, f.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(f.limit + 1);
  }

  /** Visible, unmerged customers among candidate ids, in the candidates' order. */
  async visibleAmong(ids: string[], scopePath: string, limit: number): Promise<CustomerRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select()
      .from(customers)
      .where(and(inArray(customers.id, ids), isNull(customers.mergedInto), visibleTo(scopePath)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []).slice(0, limit);
  }

  async insertPhones(customerId: string, phones: { phone: string; isPrimary: boolean; label?: string | null }[]) {
    if (phones.length === 0) return;
    await this.db
      .insert(customerPhones)
      .values(
        phones.map((p) => ({
          customerId,
          phone: p.phone,
          last4: p.phone.slice(-4),
          isPrimary: p.isPrimary,
          label: p.label ?? null,
        })),
      )
      .onConflictDoNothing();
  }

  phonesOf(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(customerPhones)
      .where(inArray(customerPhones.customerId, ids))
      .orderBy(desc(customerPhones.isPrimary), customerPhones.createdAt);
  }

  async replacePhones(customerId: string, phones: { phone: string; isPrimary: boolean; label?: string | null }[]) {
    await this.db.delete(customerPhones).where(eq(customerPhones.customerId, customerId));
    await this.insertPhones(customerId, phones);
  }

  /** Homes of many customers at once: unit code and project per active ownership (names: the org directory). */
  homesOf(ids: string[]): Promise<Omit<HomeRef, 'projectName'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select({
        ownershipId: ownerships.id,
        customerId: ownerships.customerId,
        unitId: units.id,
        unitCode: units.code,
        projectId: units.projectId,
      })
      .from(ownerships)
      .innerJoin(units, eq(units.id, ownerships.unitId))
      .where(and(inArray(ownerships.customerId, ids), eq(ownerships.active, true)));
  }

  /** Birthdays of these customers (null when not recorded). */
  birthdaysOf(ids: string[]): Promise<{ id: string; birthday: string | null }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select({ id: customers.id, birthday: customers.birthday })
      .from(customers)
      .where(inArray(customers.id, [...new Set(ids)]));
  }

  /** Names of these customers (merged and anonymised ones included, as they were recorded). */
  namesOf(ids: string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select({ id: customers.id, name: customers.name })
      .from(customers)
      .where(inArray(customers.id, [...new Set(ids)]));
  }

  /**
   * A page of a project's buyers (active ownerships of its units) whose newest SMS consent is granted, with their
   * primary phone, by customer id after `afterId`. Merged and anonymised people are left out.
   */
  /** The active owners of these units, each with the phone to text and whether they consented to SMS. */
  ownersOfUnits(unitIds: string[]) {
    if (unitIds.length === 0) return Promise.resolve([]);
    return queryRows<{ customerId: string; unitId: string; phone: string | null; smsConsent: boolean }>(
      this.db,
      sql`select o.customer_id as "customerId", o.unit_id as "unitId", p.phone,
                 coalesce((select k.granted from customer_consents k where k.customer_id = c.id and k.channel = 'sms'
                            order by k.at desc, k.id desc limit 1), false) as "smsConsent"
            from ownerships o
            join customers c on c.id = o.customer_id and c.merged_into is null and c.anonymised_at is null
            left join lateral (select phone from customer_phones where customer_id = c.id
                                order by is_primary desc, created_at limit 1) p on true
           where o.unit_id in (${sql.join(
             unitIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )}) and o.active`,
    );
  }

  /** Of these people, those who consented to SMS, with the phone to text (one statement for a list). */
  smsContacts(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return queryRows<{ customerId: string; phone: string }>(
      this.db,
      sql`select c.id as "customerId", p.phone
            from customers c
            join lateral (select phone from customer_phones where customer_id = c.id
                           order by is_primary desc, created_at limit 1) p on true
           where c.id in (${sql.join(
             ids.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
             and c.merged_into is null and c.anonymised_at is null
             and (select k.granted from customer_consents k where k.customer_id = c.id and k.channel = 'sms'
                   order by k.at desc, k.id desc limit 1) is true`,
    );
  }

  smsAudience(projectId: string, afterId: string | null, limit: number) {
    return queryRows<{ customerId: string; phone: string }>(
      this.db,
      sql`select c.id as "customerId", p.phone
            from customers c
            join lateral (select phone from customer_phones where customer_id = c.id
                           order by is_primary desc, created_at limit 1) p on true
           where c.id in (select o.customer_id from ownerships o join units u on u.id = o.unit_id
                           where u.project_id = ${projectId} and o.active)
             and c.merged_into is null and c.anonymised_at is null
             and (select k.granted from customer_consents k where k.customer_id = c.id and k.channel = 'sms'
                   order by k.at desc, k.id desc limit 1) is true
             and (${afterId}::uuid is null or c.id > ${afterId}::uuid)
           order by c.id
           limit ${limit}`,
    );
  }

  async suspectedDuplicates(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ customerId: customerDuplicates.customerId })
      .from(customerDuplicates)
      .where(and(inArray(customerDuplicates.customerId, ids), isNull(customerDuplicates.resolvedAt)));
    return new Set(rows.map((r) => r.customerId));
  }

  async linkScope(customerId: string, orgPath: string, relation: string, refId: string) {
    await this.db.insert(customerScopes).values({ customerId, orgPath, relation, refId }).onConflictDoNothing();
  }

  /** Other customers sharing a phone or the ID hash with this one (company-wide). */
  async findDuplicateCandidates(customerId: string, phones: string[], idHash: string | null) {
    const found: { otherId: string; reason: 'phone' | 'id_number' }[] = [];
    if (phones.length) {
      const rows = await this.db
        .selectDistinct({ otherId: customerPhones.customerId })
        .from(customerPhones)
        .innerJoin(customers, eq(customers.id, customerPhones.customerId))
        .where(
          and(
            inArray(customerPhones.phone, phones),
            sql`${customerPhones.customerId} <> ${customerId}`,
            isNull(customers.mergedInto),
          ),
        )
        .limit(20);
      found.push(...rows.map((r) => ({ otherId: r.otherId, reason: 'phone' as const })));
    }
    if (idHash) {
      const rows = await this.db
        .select({ otherId: customers.id })
        .from(customers)
        .where(
          and(eq(customers.idNumberHash, idHash), sql`${customers.id} <> ${customerId}`, isNull(customers.mergedInto)),
        )
        .limit(20);
      found.push(...rows.map((r) => ({ otherId: r.otherId, reason: 'id_number' as const })));
    }
    return found;
  }

  async flagDuplicates(customerId: string, found: { otherId: string; reason: string }[], at: Date) {
    if (found.length === 0) return;
    await this.db
      .insert(customerDuplicates)
      .values(
        found.flatMap((f) => [
          { customerId, otherId: f.otherId, reason: f.reason, createdAt: at },
          { customerId: f.otherId, otherId: customerId, reason: f.reason, createdAt: at },
        ]),
      )
      .onConflictDoNothing();
  }

  /** declared ∪ owner/buyer (from ownerships and unit status) ∪ family (member of a family link). */
  async recomputeKinds(customerIds: string | string[]) {
    const ids = Array.isArray(customerIds) ? customerIds : [customerIds];
    if (ids.length === 0) return;
    await queryRows(
      this.db,
      sql`update customers c set kinds = array(select distinct k from unnest(
            c.declared_kinds
            || case when exists (select 1 from ownerships o join units u on u.id = o.unit_id
                                  where o.customer_id = c.id and o.active
                                    and (u.status in ('delivered','moved_in') or o.delivery_date is not null or o.move_in_date is not null))
                    then array['owner'] else array[]::text[] end
            || case when exists (select 1 from ownerships o join units u on u.id = o.unit_id
                                  where o.customer_id = c.id and o.active
                                    and not (u.status in ('delivered','moved_in') or o.delivery_date is not null or o.move_in_date is not null))
                    then array['buyer'] else array[]::text[] end
            || case when exists (select 1 from family_links f where f.member_id = c.id) then array['family'] else array[]::text[] end
          ) k order by k)
          where c.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) returning c.id`,
    );
  }

  /** The live (not merged) person with this ID number's hash. */
  async findByIdNumberHash(hash: string): Promise<CustomerRow | undefined> {
    const [row] = await this.db
      .select()
      .from(customers)
      .where(and(eq(customers.idNumberHash, hash), isNull(customers.mergedInto)))
      .limit(1);
    return row;
  }

  /** A live (not merged) person with this mobile and this name. */
  async findByPhoneAndName(phone: string, name: string): Promise<CustomerRow | undefined> {
    const [row] = await this.db
      .select({ c: customers })
      .from(customerPhones)
      .innerJoin(customers, eq(customers.id, customerPhones.customerId))
      .where(and(eq(customerPhones.phone, phone), eq(customers.name, name), isNull(customers.mergedInto)))
      .limit(1);
    return row?.c;
  }

  async insertConsent(row: typeof customerConsents.$inferInsert) {
    await this.db.insert(customerConsents).values(row);
  }

  /** A person's consent history and timeline, for the copy of their data. */
  consentHistory(customerId: string, limit: number) {
    return this.db.select().from(customerConsents).where(eq(customerConsents.customerId, customerId)).limit(limit);
  }

  timelineOf(customerId: string, limit: number) {
    return this.db.select().from(customerTimeline).where(eq(customerTimeline.customerId, customerId)).limit(limit);
  }

  /** Erasure: the person's phones and consents go, timeline entries keep their kind and time only. */
  async eraseIdentityRows(customerId: string) {
    await this.db.delete(customerPhones).where(eq(customerPhones.customerId, customerId));
    await this.db.delete(customerConsents).where(eq(customerConsents.customerId, customerId));
    await this.db.execute(
      sql`update customer_timeline set title = kind, body = null, data = null where customer_id = ${customerId}`,
    );
  }

  /**
   * A merge's re-pointing, one statement each: phones, homes, family, referrals, consents, visibility and timeline
   * of the source move to the target (what the target has already stays), and their duplicate flags resolve.
   */
  async repoint(sourceId: string, targetId: string) {
    const t = targetId;
    const s = sourceId;
    const moves = [
      sql`insert into customer_phones (customer_id, phone, last4, is_primary, label)
            select ${t}, phone, last4, false, label from customer_phones where customer_id = ${s}
          on conflict (customer_id, phone) do nothing`,
      sql`delete from customer_phones where customer_id = ${s}`,
      sql`update ownerships set customer_id = ${t}, updated_at = now()
           where customer_id = ${s} and unit_id not in (select unit_id from ownerships where customer_id = ${t})`,
      sql`update ownerships set active = false where customer_id = ${s}`,
      sql`update family_links set owner_id = ${t} where owner_id = ${s} and member_id <> ${t}
            and member_id not in (select member_id from family_links where owner_id = ${t})`,
      sql`update family_links set member_id = ${t} where member_id = ${s} and owner_id <> ${t}
            and owner_id not in (select owner_id from family_links where member_id = ${t})`,
      sql`update referrals set referrer_id = ${t} where referrer_id = ${s} and referred_id <> ${t}
            and referred_id not in (select referred_id from referrals where referrer_id = ${t})`,
      sql`update referrals set referred_id = ${t} where referred_id = ${s} and referrer_id <> ${t}
            and referrer_id not in (select referrer_id from referrals where referred_id = ${t})`,
      sql`update customer_consents set customer_id = ${t} where customer_id = ${s}`,
      sql`update customer_timeline set customer_id = ${t} where customer_id = ${s}`,
      sql`insert into customer_scopes (customer_id, org_path, relation, ref_id)
            select ${t}, org_path, relation, ref_id from customer_scopes where customer_id = ${s}
          on conflict (customer_id, relation, ref_id) do nothing`,
      sql`update customer_duplicates set resolved_at = now()
           where (customer_id = ${t} and other_id = ${s}) or (customer_id = ${s} and other_id = ${t})`,
    ];
    for (const statement of moves) await this.db.execute(statement);
  }
}
