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

/** Damp walls from the homes of a second building over four days: a level-1 cluster nobody has taken up yet. */
const DAMP: [number, string, string, string][] = [
  [-4, 'walls', '卧室外墙渗水发霉', '下雨后卧室外墙一侧墙面渗水发霉'],
  [-3, 'walls', '次卧墙面渗水发霉', '外墙渗水，次卧墙角发霉'],
  [-3, 'walls', '客厅外墙渗水', '客厅外墙一侧墙面渗水，墙纸起皮发霉'],
  [-2, 'other', '卧室墙面发霉渗水', '卧室外墙墙面渗水发霉'],
  [-1, 'walls', '外墙渗水到卧室', '外墙渗水，卧室墙面发霉'],
];

type Home = { customerId: string; unitId: string; buildingId: string };

/**
 * Clusters as the detector raises them (issue 16 item 9), filed through the real ticket service and read by the
 * real listener. First, leaks in the bathrooms of one building's homes over a week — one problem under three
 * categories; the leak counts double (level 2) and the last call mentions the owners' group and collective action
 * (level 3: the group's CR centre hears of it) — which grows into a group case owned by the city company's CR
 * manager, with a task and a holding reply. Second, damp walls in another building (level 1), not yet taken up. The
 * demo's other tickets are spread over the projects and do not cluster. Answers how many clusters stand.
 */
export async function seedDemoQuality(
  services: Services,
  db: Db,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
  settle: () => Promise<void>,
) {
  const homes = await queryRows<Home & { k: number }>(
    db,
    sql`with b as (
          select u.building_id, row_number() over (order by u.building_id)::int as k
            from ownerships o join units u on u.id = o.unit_id
           where o.active and u.status in ('delivered', 'moved_in')
           group by u.building_id having count(distinct u.id) >= 8 order by u.building_id limit 2)
        select distinct on (u.id) o.customer_id as "customerId", u.id as "unitId", u.building_id as "buildingId", b.k
          from ownerships o join units u on u.id = o.unit_id join b on b.building_id = u.building_id
         where o.active order by u.id, o.customer_id`,
  );
  const first = homes.filter((h) => h.k === 1).slice(0, 8);
  const second = homes.filter((h) => h.k === 2).slice(0, 8);
  if (first.length < LEAKS.length + 1 || second.length < DAMP.length) return 0;
  const file = async (home: Home, [days, categoryCode, title, description]: [number, string, string, string]) => {
    clock.set(at(now, days, '10:30'));
    const { ticket } = await services.tickets.tickets.create(ctx, {
      type: 'repair',
      channel: 'hotline',
      priority: 'normal',
      major: false,
      title,
      description,
      customerId: home.customerId,
      unitId: home.unitId,
      categoryCode,
      room: categoryCode === 'walls' || categoryCode === 'other' ? 'bedroom' : 'bathroom',
      leak: categoryCode === 'leak',
    });
    await settle();
    return ticket;
  };
  for (const [i, leak] of LEAKS.entries()) await file(first[i + 1] as Home, leak);
  for (const [i, damp] of DAMP.entries()) await file(second[i] as Home, damp);
  await openDemoCase(services, db, ctx, clock, now, first[0]?.buildingId as string);
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from quality_clusters`);
  return row?.n ?? 0;
}

/** The leak cluster taken up on the fast channel the morning after its last call. */
async function openDemoCase(
  services: Services,
  db: Db,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
  buildingId: string,
) {
  const [cluster] = await queryRows<{ id: string; path: string }>(
    db,
    sql`select id, org_path as path from quality_clusters where building_id = ${buildingId} limit 1`,
  );
  if (!cluster) return;
  const [manager] = await queryRows<{ id: string }>(
    db,
    sql`select u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          join org_units n on n.id = u.org_unit_id
         where r.key = 'cr_manager' and n.type = 'city_company' and ${cluster.path} like n.path || '%'
         order by u.username limit 1`,
  );
  clock.set(at(now, -1, '09:00'));
  const created = await services.quality.cases.create(ctx, {
    clusterId: cluster.id,
    title: '卫生间渗漏群诉（特事特办）',
    ownerUserId: manager?.id ?? ctx.principal.userId,
    deadline: chinaDate(new Date(now.getTime() + 14 * DAY)),
    summary: '同楼多户卫生间天花板渗水，业主群内酝酿集体维权，按特事特办处理。',
    ticketIds: [],
  });
  clock.set(at(now, -1, '09:30'));
  await services.quality.cases.update(ctx, created.row.id, {
    action: 'addTask',
    title: '工程部逐户排查卫生间防水层并出具报告',
    ownerUserId: created.row.ownerUserId,
    dueAt: at(now, 2, '18:00').toISOString(),
  });
  clock.set(at(now, -1, '10:00'));
  await services.quality.cases.reply(
    ctx,
    created.row.id,
    '您好，我们已成立专项小组，三日内上门逐户排查并答复您，给您带来不便深表歉意。',
  );
}
