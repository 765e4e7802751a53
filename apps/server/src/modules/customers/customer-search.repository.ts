import { normalisePhone } from '@anju/contracts';
import { type AnyColumn, and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { likePrefix } from '../../platform/rbac/scope.js';
import { UnitLookup } from '../property/unit-lookup.js';
import { CustomerRepository, visibleTo } from './customer.repository.js';
import { type CustomerRow, customerPhones, customers, ownerships } from './customer.tables.js';

export type SearchKind = 'mobile' | 'last4' | 'id_number' | 'unit_code' | 'initials' | 'name';

/** What a search box string is: a mobile, the last four digits, an ID number, a unit code, pinyin, or a name. */
export function classifyQuery(raw: string): { kind: SearchKind; q: string } {
  const q = raw.normalize('NFKC').trim();
  const digits = normalisePhone(q);
  if (/^1[3-9]\d{9}$/.test(digits)) return { kind: 'mobile', q: digits };
  if (/^\d{4}$/.test(q)) return { kind: 'last4', q };
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(q)) return { kind: 'id_number', q: q.toUpperCase() };
  if (/^[A-Za-z0-9]+-[A-Za-z0-9]+-\d{3,5}$/.test(q)) return { kind: 'unit_code', q };
  if (/^[A-Za-z]+$/.test(q)) return { kind: 'initials', q: q.toLowerCase() };
  return { kind: 'name', q };
}

/**
 * Order by the text_pattern_ops index's own operator, so Postgres walks the index in order and stops at the
 * limit; a plain ORDER BY (or COLLATE "C") makes it fetch every prefix match and sort them.
 */
const patternOrder = (column: AnyColumn) => sql`${column} using ~<~`;

const prefix = likePrefix;

/**
 * Each branch is one index range scan with the scope check per candidate and the limit pushed down, so it stays
 * fast at millions of customers: phone / last4 / id hash / name and initials prefixes (text_pattern_ops).
 */
export class CustomerSearchRepository {
  constructor(private readonly db: Executor) {}

  async search(
    kind: SearchKind,
    q: string,
    idHash: string | null,
    scopePath: string,
    limit: number,
  ): Promise<CustomerRow[]> {
    const visible = visibleTo(scopePath);
    const live = and(isNull(customers.mergedInto), visible);
    switch (kind) {
      case 'mobile':
      case 'last4': {
        const ids = await this.db
          .select({ id: customerPhones.customerId })
          .from(customerPhones)
          .innerJoin(customers, eq(customers.id, customerPhones.customerId))
          .where(and(kind === 'mobile' ? eq(customerPhones.phone, q) : eq(customerPhones.last4, q), live))
          .orderBy(asc(customerPhones.customerId))
          .limit(limit);
        return new CustomerRepository(this.db).visibleAmong([...new Set(ids.map((r) => r.id))], scopePath, limit);
      }
      case 'id_number':
        if (!idHash) return [];
        return this.db
          .select()
          .from(customers)
          .where(and(eq(customers.idNumberHash, idHash), live))
          .limit(limit);
      case 'unit_code': {
        const unitsFound = await new UnitLookup(this.db).byCodeInScope(q, scopePath, limit);
        if (unitsFound.length === 0) return [];
        const owners = await this.db
          .select({ id: ownerships.customerId })
          .from(ownerships)
          .where(
            and(
              inArray(
                ownerships.unitId,
                unitsFound.map((u) => u.id),
              ),
              eq(ownerships.active, true),
            ),
          )
          .limit(limit * 4);
        return new CustomerRepository(this.db).visibleAmong([...new Set(owners.map((o) => o.id))], scopePath, limit);
      }
      case 'initials': {
        // Initials first (zs → 张三), then full pinyin (zhang → 张…), each an ordered index scan.
        const byInitials = await this.db
          .select()
          .from(customers)
          .where(and(like(customers.nameInitials, prefix(q)), live))
          .orderBy(patternOrder(customers.nameInitials), asc(customers.id))
          .limit(limit);
        if (byInitials.length >= limit || q.length < 2) return byInitials;
        const seen = new Set(byInitials.map((c) => c.id));
        const byPinyin = await this.db
          .select()
          .from(customers)
          .where(and(like(customers.namePinyin, prefix(q)), live))
          .orderBy(patternOrder(customers.namePinyin), asc(customers.id))
          .limit(limit);
        return [...byInitials, ...byPinyin.filter((c) => !seen.has(c.id))].slice(0, limit);
      }
      case 'name':
        return this.db
          .select()
          .from(customers)
          .where(and(like(customers.name, prefix(q)), live))
          .orderBy(patternOrder(customers.name), asc(customers.id))
          .limit(limit);
    }
  }
}
