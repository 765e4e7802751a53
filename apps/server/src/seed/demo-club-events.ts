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

/** The first day (China) of the calendar quarter `back` quarters before the one of `now`. */
function quarterStart(now: Date, back: number) {
  const [y, m] = chinaDate(now).split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3) - back;
  const year = y + Math.floor(q / 4);
  const month = (((q % 4) + 4) % 4) * 3 + 1;
  return new Date(`${year}-${String(month).padStart(2, '0')}-01T00:00:00+08:00`);
}

/**
 * Demo club events, through the real services with the demo clock walked to each moment: the property company's
 * interaction events in most demo projects in most of the last four quarters (so K18 has real figures, some
 * quarters missed), a lecture two weeks ago in each of three projects with members registered, most checked in (the
 * points follow through the listener), their callbacks opened the next morning and some answered; and coming events —
 * a lecture in every project, a seniors' programme and each city company's brand event — open in the portal. Answers
 * how many events it made.
 */
export async function seedDemoClubEvents(
  services: Services,
  db: Db,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
  settle: () => Promise<void>,
) {
  const { events, registrations, jobs } = services.club.events;
  const projects = await queryRows<{ id: string; parentId: string }>(
    db,
    sql`select id, parent_id as "parentId" from org_units where type = 'project' and active order by code`,
  );
  let made = 0;
  const create = async (body: Parameters<typeof events.create>[1]) => {
    made += 1;
    return events.create(ctx, body);
  };
  // K18: interaction events of the last four quarters (one in four project-quarters missed)
  clock.set(at(now, -400, '09:00'));
  for (const [pi, p] of projects.entries()) {
    for (let back = 1; back <= 4; back++) {
      if ((pi + back) % 4 === 0) continue;
      const day = new Date(quarterStart(now, back).getTime() + (20 + pi) * DAY);
      await create({
        kind: 'interaction',
        title: back % 2 ? '物业开放日·邻里茶话会' : '物业服务恳谈会',
        description: '',
        ageGroup: null,
        openDayId: null,
        orgUnitId: p.id,
        venue: '物业服务中心',
        startsAt: at(day, 0, '15:00').toISOString(),
        endsAt: at(day, 0, '17:00').toISOString(),
        capacity: 40,
        waitlist: false,
      });
    }
  }
  // A lecture two weeks ago per project (of the first three) with its members registered, checked in and called back
  const members = await queryRows<{ customerId: string; projectId: string }>(
    db,
    sql`select customer_id as "customerId", project_id as "projectId" from club_members
         where project_id is not null and status = 'active' order by card_no`,
  );
  for (const p of projects.slice(0, 3)) {
    const mine = members.filter((m) => m.projectId === p.id).slice(0, 6);
    if (mine.length === 0) continue;
    clock.set(at(now, -21, '10:00'));
    const lecture = await create({
      kind: 'lecture',
      title: '装修设计与家居保养讲座',
      description: '设计师讲解软装搭配，工程师讲解保修范围与日常保养。',
      ageGroup: null,
      openDayId: null,
      orgUnitId: p.id,
      venue: '会所多功能厅',
      startsAt: at(now, -14, '14:00').toISOString(),
      endsAt: at(now, -14, '16:00').toISOString(),
      capacity: Math.max(1, mine.length - 1),
      waitlist: true,
    });
    const booked = [];
    for (const m of mine)
      booked.push((await registrations.book(ctx, lecture.id, m.customerId, 'console')).registration);
    clock.set(at(now, -14, '13:50'));
    for (const r of booked.filter((b) => b.status === 'registered').slice(0, 4)) {
      await registrations.checkIn(ctx, lecture.id, r.checkInCode);
    }
    await settle();
    clock.set(at(now, -13, '10:05'));
    await jobs.openCallbacks();
    const opened = await queryRows<{ requestId: string; customerId: string }>(
      db,
      sql`select callback_request_id as "requestId", customer_id as "customerId" from club_event_registrations
           where event_id = ${lecture.id}::uuid and callback_request_id is not null order by id limit 2`,
    );
    clock.set(at(now, -13, '19:30'));
    for (const o of opened) {
      await services.surveys.answers.answerMine(o.customerId, o.requestId, {
        answers: [{ key: 'overall', score: 5 }],
        comment: '讲得很实用，希望多办',
      });
    }
    await settle();
  }
  // Coming events open in the portal: a lecture in every project, a seniors' programme, each company's brand event
  clock.set(at(now, -1, '10:00'));
  for (const p of projects) {
    await create({
      kind: 'lecture',
      title: '冬季家居保养讲座',
      description: '地暖、门窗与墙面的冬季保养要点。',
      ageGroup: null,
      openDayId: null,
      orgUnitId: p.id,
      venue: '会所多功能厅',
      startsAt: at(now, 6, '14:00').toISOString(),
      endsAt: at(now, 6, '16:00').toISOString(),
      capacity: 30,
      waitlist: true,
    });
  }
  const first = projects[0];
  if (first) {
    await create({
      kind: 'programme',
      title: '长者健康太极课',
      description: '适合 60 岁及以上业主。',
      ageGroup: 'seniors',
      openDayId: null,
      orgUnitId: first.id,
      venue: '中心花园',
      startsAt: at(now, 9, '09:00').toISOString(),
      endsAt: at(now, 9, '10:30').toISOString(),
      capacity: 20,
      waitlist: false,
    });
  }
  for (const companyId of new Set(projects.map((p) => p.parentId))) {
    await create({
      kind: 'brand',
      title: '业主会年度品牌发布会',
      description: '',
      ageGroup: null,
      openDayId: null,
      orgUnitId: companyId,
      venue: '城市展厅',
      startsAt: at(now, 12, '14:00').toISOString(),
      endsAt: at(now, 12, '17:00').toISOString(),
      capacity: 200,
      waitlist: true,
    });
  }
  return made;
}
