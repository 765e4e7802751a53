import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { type Db, queryRows } from '../platform/db/database.js';

type Services = ReturnType<typeof createServices>;
type Owner = { customerId: string; ownershipId: string };

/**
 * The demo club: 60 % of the first hundred demo owners enrolled one by one through the service (the rest of the
 * demo's owners wait for the club's bulk import), the homes of two in three members marked fully paid (the rest
 * partly paid) — the club then
 * grants the purchase points and the tiers follow, as the listener does live — and a few staff adjustments with
 * their reasons. `settle` runs the event deliveries (the listener) as the worker would. Returns how many enrolled.
 */
export async function seedDemoClub(services: Services, db: Db, ctx: RequestContext, settle: () => Promise<void>) {
  const owners = await queryRows<Owner>(
    db,
    sql`select distinct on (o.customer_id) o.customer_id as "customerId", o.id as "ownershipId"
          from ownerships o where o.active order by o.customer_id, o.contract_date nulls last limit 100`,
  );
  const chosen = owners.filter((_, i) => i % 5 !== 0 && i % 4 !== 3);
  let enrolled = 0;
  for (const [i, owner] of chosen.entries()) {
    const { member } = await services.club.members.enrol(ctx, { customerId: owner.customerId, channel: 'console' });
    enrolled += 1;
    const paid = i % 3 === 2 ? 'partial' : 'paid';
    await services.customers.relations.setPaymentStatus(ctx, owner.customerId, owner.ownershipId, paid);
    if (i % 7 === 0) await services.club.points.adjust(ctx, member.id, { points: 300, reason: '开放日志愿者' });
  }
  await settle();
  return enrolled;
}
