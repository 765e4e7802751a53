import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import { newCardNo } from '../modules/club/club-rules.js';
import { SYSTEM_ACTOR } from '../modules/club/points.service.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { type Db, queryRows } from '../platform/db/database.js';

type Services = ReturnType<typeof createServices>;
type Owner = { customerId: string; ownershipId: string };

/**
 * The demo club: 60 % of the first hundred demo owners enrolled one by one through the service and 60 % of the
 * other owners set-based (`enrolTheRest`), the homes of two in three members marked fully paid (the rest
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
  return enrolled + (await enrolTheRest(services, db));
}

/**
 * Six in ten of all the other demo owners (chosen by a hash of the customer, so every run picks the same people),
 * enrolled set-based as the club's import would leave them — channel `import`, placed at their first home's project,
 * the customer related to the club there, a `joined` event — then their tiers judged by the club's rules (in one
 * pass, `retierMany`). A few statements whatever the number of owners, so the seed stays fast.
 */
async function enrolTheRest(services: Services, db: Db) {
  return db.transaction(async (tx) => {
    const chosen = await queryRows<{ customerId: string; orgPath: string; projectId: string }>(
      tx,
      sql`select distinct on (o.customer_id) o.customer_id as "customerId", p.path as "orgPath", p.id as "projectId"
            from ownerships o join units u on u.id = o.unit_id join org_units p on p.id = u.project_id
           where o.active and abs(hashtext(o.customer_id::text)) % 10 < 6
             and not exists (select 1 from club_members m where m.customer_id = o.customer_id)
           order by o.customer_id, o.contract_date nulls last`,
    );
    const cards = new Set<string>();
    while (cards.size < chosen.length) cards.add(newCardNo());
    const rows = chosen.map((c, i) => ({ ...c, cardNo: [...cards][i] }));
    const made = await queryRows<{ id: string; customerId: string; orgPath: string; cardNo: string }>(
      tx,
      sql`insert into club_members (customer_id, card_no, class, org_path, project_id, channel, joined_at, updated_at)
          select r."customerId", r."cardNo", 'owner_family', r."orgPath", r."projectId", 'import', now(), now()
            from json_to_recordset(${JSON.stringify(rows)}::json)
                 as r("customerId" uuid, "cardNo" text, "orgPath" text, "projectId" uuid)
          on conflict do nothing
          returning id, customer_id as "customerId", org_path as "orgPath", card_no as "cardNo"`,
    );
    if (made.length === 0) return 0;
    const json = JSON.stringify(made);
    await tx.execute(
      sql`insert into club_member_events (member_id, at, kind, "to", data)
          select m.id, now(), 'joined', 'owner_family', jsonb_build_object('channel', 'import', 'card', m."cardNo")
            from json_to_recordset(${json}::json) as m(id uuid, "cardNo" text)`,
    );
    await tx.execute(
      sql`insert into customer_scopes (customer_id, org_path, relation, ref_id)
          select m."customerId", m."orgPath", 'club', m.id::text
            from json_to_recordset(${json}::json) as m(id uuid, "customerId" uuid, "orgPath" text)
          on conflict do nothing`,
    );
    const members = await services.club.members.byIds(
      made.map((m) => m.id),
      tx,
    );
    await services.club.members.retierMany(tx, SYSTEM_ACTOR, members);
    return made.length;
  });
}
