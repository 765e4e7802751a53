import { CONSENT_CHANNELS, type Customer } from '@anju/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { isRootPath, likePrefix } from '../../platform/rbac/scope.js';

type Kinds = Customer['kinds'];

/**
 * The relations shown on the customer 360 page, one query each (no N+1). Related people are listed only when
 * the reader may see them, so the page never leaks a customer of another company.
 */
export class Customer360Repository {
  constructor(private readonly db: Executor) {}

  private visible(alias: string, scopePath: string) {
    if (isRootPath(scopePath)) return sql`true`;
    const pattern = likePrefix(scopePath);
    return sql`exists (select 1 from customer_scopes s where s.customer_id = ${sql.raw(alias)}.id and s.org_path like ${pattern})`;
  }

  /** The person's homes, owned or as family (project names: the org directory). */
  homes(customerId: string): Promise<Omit<Customer['homesDetail'][number], 'projectName'>[]> {
    return queryRows(
      this.db,
      sql`select o.id as "ownershipId", u.id as "unitId", u.code as "unitCode", u.project_id as "projectId",
                 'owner' as role, o.share_percent::float8 as "sharePercent",
                 o.first_visit_date::text as "firstVisitDate", o.contract_date::text as "contractDate", o.delivery_date::text as "deliveryDate", o.move_in_date::text as "moveInDate"
            from ownerships o join units u on u.id = o.unit_id
           where o.customer_id = ${customerId} and o.active
          union all
          select null, u.id, u.code, u.project_id, 'family', null, null, null, null, null
            from family_links f join units u on u.id = f.unit_id
           where f.member_id = ${customerId}
          order by 3`,
    );
  }

  /** Co-owners of the same homes and family members linked to this customer, either way. */
  household(customerId: string, scopePath: string): Promise<Customer['household']> {
    return queryRows(
      this.db,
      sql`select c.id, c.name, c.kinds as kinds, h.relation, h.unit_code as "unitCode" from (
            select o2.customer_id as id, 'co_owner' as relation, u.code as unit_code
              from ownerships o1 join ownerships o2 on o2.unit_id = o1.unit_id and o2.customer_id <> o1.customer_id and o2.active
              join units u on u.id = o1.unit_id
             where o1.customer_id = ${customerId} and o1.active
            union
            select f.member_id, f.relation, u.code from family_links f left join units u on u.id = f.unit_id where f.owner_id = ${customerId}
            union
            select f.owner_id, 'owner_of_member', u.code from family_links f left join units u on u.id = f.unit_id where f.member_id = ${customerId}
          ) h join customers c on c.id = h.id
          where c.merged_into is null and ${this.visible('c', scopePath)}
          order by c.name limit 100`,
    );
  }

  async referrals(customerId: string, scopePath: string) {
    const rows = await queryRows<{
      id: string;
      name: string;
      kinds: Kinds;
      referralId: string;
      outcome: 'referred' | 'visited' | 'bought';
      direction: string;
    }>(
      this.db,
      sql`select c.id, c.name, c.kinds, r.id as "referralId", r.outcome, case when r.referrer_id = ${customerId} then 'out' else 'in' end as direction
            from referrals r join customers c on c.id = case when r.referrer_id = ${customerId} then r.referred_id else r.referrer_id end
           where (r.referrer_id = ${customerId} or r.referred_id = ${customerId}) and ${this.visible('c', scopePath)}
           order by r.created_at desc limit 200`,
    );
    const strip = ({ direction: _d, ...rest }: (typeof rows)[number]) => rest;
    return {
      referred: rows.filter((r) => r.direction === 'out').map(strip),
      referredBy: rows.filter((r) => r.direction === 'in').map(strip),
    };
  }

  async consents(customerId: string): Promise<Customer['consents']> {
    const rows = await queryRows<{ channel: string; granted: boolean; at: Date | string; source: string }>(
      this.db,
      sql`select distinct on (channel) channel, granted, at, source from customer_consents
           where customer_id = ${customerId} order by channel, at desc, id desc`,
    );
    return CONSENT_CHANNELS.map((channel) => {
      const r = rows.find((x) => x.channel === channel);
      return {
        channel,
        granted: r?.granted ?? false,
        at: r ? new Date(r.at).toISOString() : null,
        source: r?.source ?? null,
      };
    });
  }

  duplicates(customerId: string, scopePath: string): Promise<Customer['duplicates']> {
    return queryRows(
      this.db,
      sql`select c.id, c.name, c.kinds, d.reason from customer_duplicates d join customers c on c.id = d.other_id
           where d.customer_id = ${customerId} and d.resolved_at is null and c.merged_into is null and ${this.visible('c', scopePath)}
           limit 50`,
    );
  }
}
