import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import type { ManualClock } from '../platform/clock.js';
import { type Db, queryRows } from '../platform/db/database.js';

type Services = ReturnType<typeof createServices>;
const DAY = 86_400_000;

/** The China day `days` from `now` (negative: before), at `hh:mm` China time. */
const at = (now: Date, days: number, hhmm: string) =>
  new Date(`${chinaDate(new Date(now.getTime() + days * DAY))}T${hhmm}:00+08:00`);

/** Leaks from the homes of one building over a week, in owners' words: one problem under several categories. */
const LEAKS: [number, string, string, string][] = [
  [-7, 'leak', '卫生间天花板渗水', '主卫吊顶有水渍，晚上滴水'],
  [-6, 'leak', '主卫顶板漏水', '楼上卫生间用水后我家天花板就滴水'],
  [-5, 'walls', '卫生间墙面渗水发霉', '卫生间天花板和靠管井的墙面渗水，已经发霉'],
  [-4, 'leak', '卫生间吊顶滴水', '吊顶里一直滴水，物业说是楼上防水问题'],
  [-3, 'fixtures', '卫生间天花板渗水到走廊', '卫生间吊顶滴水，门口地板泡水'],
  [-2, 'leak', '卫生间天花板渗水严重', '同楼好几户都一样，业主群里大家在商量集体维权'],
];

/**
 * A cluster as the detector raises it (issue 16 item 9): leaks in the bathrooms of one building's homes over a
 * week, filed through the real ticket service and read by the real listener; the leak counts double (level 2), and
 * the last call mentions the owners' group and collective action (level 3: the group's CR centre hears of it).
 * The demo's other tickets are spread over the projects and do not cluster. Answers how many clusters stand.
 */
export async function seedDemoQuality(
  services: Services,
  db: Db,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
  settle: () => Promise<void>,
) {
  const homes = await queryRows<{ customerId: string; unitId: string; buildingId: string }>(
    db,
    sql`with b as (
          select u.building_id from ownerships o join units u on u.id = o.unit_id
           where o.active and u.status in ('delivered', 'moved_in')
           group by u.building_id having count(distinct u.id) >= 8 order by u.building_id limit 1)
        select distinct on (u.id) o.customer_id as "customerId", u.id as "unitId", u.building_id as "buildingId"
          from ownerships o join units u on u.id = o.unit_id join b on b.building_id = u.building_id
         where o.active order by u.id, o.customer_id limit 8`,
  );
  if (homes.length < LEAKS.length) return 0;
  for (const [i, [days, categoryCode, title, description]] of LEAKS.entries()) {
    const home = homes[i + 1] ?? homes[i];
    if (!home) continue;
    clock.set(at(now, days, '10:30'));
    await services.tickets.tickets.create(ctx, {
      type: 'repair',
      channel: 'hotline',
      priority: 'normal',
      major: false,
      title,
      description,
      customerId: home.customerId,
      unitId: home.unitId,
      categoryCode,
      room: 'bathroom',
      leak: categoryCode === 'leak',
    });
    await settle();
  }
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from quality_clusters`);
  return row?.n ?? 0;
}
