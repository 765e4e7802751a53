import type { NOTICE_CATEGORIES, TicketType, TransitionTicketBody } from '@anju/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { createServices } from '../app.js';
import type { NoticeService } from '../modules/notices/notice.service.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import { ManualClock } from '../platform/clock.js';
import type { AppConfig } from '../platform/config.js';
import { type Database, queryRows } from '../platform/db/database.js';
import { seedDemoClub } from './demo-club.js';
import { seedDemoClubEvents } from './demo-club-events.js';
import { seedDemoClubMagazine } from './demo-club-magazine.js';
import { seedDemoClubPartners } from './demo-club-partners.js';
import { seedDemoDelivery } from './demo-delivery.js';
import { seedDemoHandover } from './demo-handover.js';
import { seedDemoJourneys } from './demo-journeys.js';
import { seedDemoKnowledge } from './demo-knowledge.js';
import { seedDemoKpiHistory } from './demo-kpi-history.js';
import { seedDemoLessons } from './demo-lessons.js';
import { seedDemoOpenDays } from './demo-open-days.js';
import { seedDemoQuality } from './demo-quality.js';
import { seedDemoScorecards } from './demo-scorecards.js';
import { seedDemoServices } from './demo-services.js';
import { seedDemoSurveys } from './demo-surveys.js';

type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];
type Home = { customerId: string; unitId: string; companyPath: string };
type Department = { id: string; path: string };

const REPAIRS: [string, string, string][] = [
  ['卫生间天花板渗水', 'leak', 'bathroom'],
  ['客厅墙面开裂', 'crack', 'living_room'],
  ['卧室地面空鼓', 'hollow_plaster', 'bedroom'],
  ['阳台推拉门关不严', 'doors_windows', 'balcony'],
  ['厨房下水堵塞', 'plumbing', 'kitchen'],
  ['入户插座无电', 'electrical', 'entrance'],
  ['空调冷凝水倒灌', 'hvac', 'bedroom'],
];
const OTHERS: [TicketType, string][] = [
  ['complaint', '夜间施工噪音扰民'],
  ['complaint', '地下车库积水'],
  ['consultation', '阳台能否封闭？'],
  ['consultation', '房产证办理进度'],
  ['suggestion', '小区增设快递柜'],
  ['praise', '表扬维修师傅认真负责'],
];

/** `daysAgo` days before `now` (China calendar), at `hour` o'clock China time. */
const chinaAt = (now: Date, daysAgo: number, hour: number) =>
  new Date(`${chinaDate(new Date(now.getTime() - daysAgo * 86_400_000))}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/**
 * Demo tickets, written through the real services with a clock that walks over the last ten days up to
 * yesterday, so the console opens on a realistic queue: new calls, inspections, dispatched work, closed tickets
 * awaiting their callback, completed ones — and some left to drag, which the sweep then warns about and
 * escalates. Every step happens in the daytime of a past day: nothing is dated after `now`, and no owner SMS
 * waits for the quiet hours to end. Only complaints are major; praise is thanked and closed in good time.
 */
export async function seedDemoTickets(
  config: AppConfig,
  database: Database,
  log: FastifyBaseLogger,
  now: Date = new Date(),
) {
  const clock = new ManualClock(chinaAt(now, 10, 9));
  const services = createServices({ ...config, jobsEnabled: false }, database, clock, log);
  const homes = await queryRows<Home>(
    database.db,
    sql`select distinct on (o.customer_id) o.customer_id as "customerId", o.unit_id as "unitId", c.path as "companyPath"
          from ownerships o join units u on u.id = o.unit_id join org_units p on p.id = u.project_id
          join org_units c on c.id = p.parent_id
         where o.active and u.status in ('delivered', 'moved_in') order by o.customer_id, o.unit_id limit 36`,
  );
  const departments = await queryRows<Department>(
    database.db,
    sql`select id, path from org_units where type = 'department' and department_kind = 'engineering'`,
  );
  const [admin] = await queryRows<{ id: string }>(database.db, sql`select id from users where username = 'admin'`);
  const principal = admin ? await services.org.access.loadUser(admin.id) : null;
  if (!principal || homes.length === 0)
    return {
      tickets: 0,
      notices: 0,
      ownerPhone: null,
      journeyTasks: 0,
      history: {},
      clubMembers: 0,
      clubEvents: 0,
      clubVouchers: 0,
      serviceRequests: 0,
    };
  const ctx: RequestContext = { principal, ip: null, requestId: 'seed:demo-tickets' };
  const t = services.tickets;
  let made = 0;
  // The reactions to each ticket's moves (timelines, owners' SMS, notices to staff) run at the time of those moves,
  // as a live server's listeners would, so a fresh server starts without a backlog in front of its first requests.
  const settle = async () => {
    for (let round = 0; round < 1000 && (await services.jobs.runDue()) > 0; round++) {
      /* next batch */
    }
  };
  for (const [i, home] of homes.entries()) {
    await settle();
    const n = Math.floor(i / 2);
    const repair = i % 2 === 0 ? REPAIRS[n % REPAIRS.length] : undefined;
    const other = OTHERS[n % OTHERS.length] as [TicketType, string];
    const type = repair ? 'repair' : other[0];
    // Praise is thanked and closed; other work stops at every stage of the loop.
    const stage = type === 'praise' ? 5 : (n + Math.floor(i / 12)) % 6;
    // Spread over ten days up to yesterday, called in between 09:00 and 11:00; tickets that run into the next
    // day (closed, called back) start at least two days ago, so even those end before today.
    const daysAgo = 1 + Math.floor((9 * (homes.length - 1 - i)) / Math.max(1, homes.length - 1));
    clock.set(chinaAt(now, stage >= 4 ? Math.max(2, daysAgo) : daysAgo, 9 + (i % 3)));
    let { ticket } = await t.tickets.create(ctx, {
      type,
      channel: i % 3 === 0 ? 'walk_in' : 'hotline',
      priority: i % 9 === 0 ? 'high' : 'normal',
      major: type === 'complaint' && i % 24 === 1,
      title: repair ? repair[0] : other[1],
      description: '',
      customerId: home.customerId,
      unitId: home.unitId,
      ...(repair ? { categoryCode: repair[1], room: repair[2] as 'bathroom' } : {}),
    });
    made++;
    const step = async (body: Record<string, unknown>, hours: number) => {
      clock.advance(hours * 3_600_000);
      ({ ticket } = await t.tickets.transition(ctx, ticket.id, {
        ...body,
        version: ticket.version,
      } as TransitionTicketBody));
    };
    if (stage === 0) continue; // left untouched: the sweep will warn and escalate
    if (ticket.status === 'inspection') await step({ action: 'inspect', findings: '已上门查看，情况属实' }, 3);
    if (stage === 1) continue;
    const department = departments.find((d) => d.path.startsWith(home.companyPath));
    if (!department) continue;
    // Work still open goes to the engineering department, which gets it as a work order; tickets that close
    // below were handled by the project's own staff (a department's order would have to be done and confirmed).
    const assignee = stage <= 3 ? department.id : ticket.projectId;
    if (!assignee) continue;
    await step({ action: 'dispatch', assigneeOrgId: assignee, note: '请尽快处理' }, 1);
    if (stage === 2) continue;
    await step({ action: 'startProcessing' }, 2);
    if (stage === 3) continue;
    await step(
      {
        action: 'close',
        resolution: '已处理完毕，业主确认',
        ...(ticket.type === 'repair' ? { rootCause: 'workmanship' } : {}),
      },
      20,
    );
    if (stage === 4) continue;
    clock.advance(5 * 3_600_000);
    await t.callbacks.record(ctx, ticket.id, {
      outcome: 'answered',
      method: 'phone',
      score: type !== 'praise' && i % 4 === 0 ? 2 : 5,
    });
  }
  await settle();
  const notices = await seedDemoNotices(services.notices, ctx, clock, database, now);
  const companies = await queryRows<{ id: string }>(
    database.db,
    sql`select id from org_units where type = 'city_company' and active order by code`,
  );
  const journeys = await seedDemoJourneys(
    services,
    database.db,
    ctx,
    companies.map((c) => c.id),
  );
  await seedDemoOpenDays(services, ctx, clock, now, (homes[0] as Home).customerId);
  await seedDemoDelivery(services, ctx, clock, now, homes[0] as Home);
  await seedDemoHandover(services, ctx, clock, now);
  await seedDemoSurveys(services, database.db, clock, now, (homes[0] as Home).customerId);
  await settle();
  const history = await seedDemoKpiHistory(services, database.db, ctx, now);
  const clubMembers = await seedDemoClub(services, database.db, ctx, settle);
  const clubEvents = await seedDemoClubEvents(services, database.db, ctx, clock, now, settle);
  const clubVouchers = await seedDemoClubPartners(services, database.db, ctx, clock, now);
  const magazineIssues = await seedDemoClubMagazine(services, database.db, ctx, clock, now);
  const serviceRequests = await seedDemoServices(services, database.db, ctx, clock, now, settle);
  const knowledgeArticles = await seedDemoKnowledge(services, ctx, clock, now);
  const clusters = await seedDemoQuality(services, database.db, ctx, clock, now, settle);
  const lessons = await seedDemoLessons(services, database.db, ctx, clock, now);
  const scorecards = await seedDemoScorecards(services, ctx, clock, now);
  // Now from here: warnings and escalations for whatever was left to drag.
  const live = createServices({ ...config, jobsEnabled: false }, database, { now: () => now }, log);
  await live.sla.sweep.run();
  const ownerPhone = await services.customers.customers.primaryPhone((homes[0] as Home).customerId);
  return {
    tickets: made,
    notices,
    ownerPhone,
    journeyTasks: journeys.due,
    history,
    clubMembers,
    clubEvents,
    clubVouchers,
    magazineIssues,
    serviceRequests,
    knowledgeArticles,
    clusters,
    lessons,
    scorecards,
  };
}

type Stage = 'construction' | 'delivering' | 'delivered';

/** Two announcements a project at each stage would publish: nothing about building works once all is handed over. */
const NOTICES: Record<Stage, [NoticeCategory, string, string][]> = {
  construction: [
    ['construction', '主体结构全部封顶', '各楼栋主体结构已全部封顶，现进入外立面与园林施工阶段，预计按期交付。'],
    ['open_day', '工地开放日报名', '本月最后一个周六 9:30–11:30 举办工地开放日，欢迎业主报名参观样板层与公区。'],
  ],
  delivering: [
    ['delivery', '二期交付安排通知', '二期将按楼栋分批交付，请留意短信通知的办理时段，携带身份证与购房合同原件。'],
    [
      'construction',
      '二期园林施工告知',
      '二期园林施工期间，施工时间为每日 8:00–18:00，一期业主出入请走南门，给您带来不便敬请谅解。',
    ],
  ],
  delivered: [
    ['community', '邻里节报名', '本月第二个周六在中心花园举办邻里节，设亲子游园与跳蚤市场，欢迎各位业主报名参加。'],
    ['other', '春节期间服务安排', '春节期间物业服务中心正常值班，报修请拨打服务热线，紧急维修 30 分钟内到场。'],
  ],
};

/** Two announcements per demo project, fitting where the project stands, so owners open the portal to a realistic list. */
async function seedDemoNotices(
  notices: NoticeService,
  ctx: RequestContext,
  clock: ManualClock,
  database: Database,
  now: Date,
) {
  const projects = await queryRows<{ id: string; stage: Stage }>(
    database.db,
    sql`select p.id,
               case when bool_and(b.actual_date is null) then 'construction'
                    when bool_and(b.actual_date is not null) then 'delivered'
                    else 'delivering' end as stage
          from org_units p join delivery_batches b on b.project_id = p.id
         where p.type = 'project' group by p.id, p.code order by p.code`,
  );
  let made = 0;
  for (const [i, project] of projects.entries()) {
    for (const [j, [category, title, body]] of NOTICES[project.stage].entries()) {
      // Published in office hours over the last few days.
      clock.set(chinaAt(now, 1 + ((i + j * 3) % 5), 10 + j * 4));
      await notices.create(ctx, { projectId: project.id, category, title, body, imageIds: [] });
      made++;
    }
  }
  return made;
}
