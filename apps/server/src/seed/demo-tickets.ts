import type { NOTICE_CATEGORIES, TicketType, TransitionTicketBody } from '@anju/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { createServices } from '../app.js';
import type { NoticeService } from '../modules/notices/notice.service.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { ManualClock } from '../platform/clock.js';
import type { AppConfig } from '../platform/config.js';
import { type Database, queryRows } from '../platform/db/database.js';

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

/**
 * Demo tickets, written through the real services with a clock that walks from ten days ago to now, so the
 * console opens on a realistic queue: new calls, inspections, dispatched work, closed tickets awaiting their
 * callback, completed ones — and some left to drag, which the sweep then warns about and escalates.
 */
export async function seedDemoTickets(config: AppConfig, database: Database, log: FastifyBaseLogger) {
  const now = new Date();
  const clock = new ManualClock(new Date(now.getTime() - 10 * 86_400_000));
  const services = createServices({ ...config, jobsEnabled: false }, database, clock, log);
  const homes = await queryRows<Home>(
    database.db,
    sql`select distinct on (o.customer_id) o.customer_id as "customerId", o.unit_id as "unitId", c.path as "companyPath"
          from ownerships o join units u on u.id = o.unit_id join org_units p on p.id = u.project_id
          join org_units c on c.id = p.parent_id
         where o.active order by o.customer_id, o.unit_id limit 36`,
  );
  const departments = await queryRows<Department>(
    database.db,
    sql`select id, path from org_units where type = 'department' and department_kind = 'engineering'`,
  );
  const [admin] = await queryRows<{ id: string }>(database.db, sql`select id from users where username = 'admin'`);
  const principal = admin ? await services.org.access.loadUser(admin.id) : null;
  if (!principal || homes.length === 0) return { tickets: 0, notices: 0, ownerPhone: null };
  const ctx: RequestContext = { principal, ip: null, requestId: 'seed:demo-tickets' };
  const t = services.tickets;
  let made = 0;
  for (const [i, home] of homes.entries()) {
    clock.set(new Date(now.getTime() - (10 * 86_400_000 * (homes.length - i)) / homes.length));
    const repair = i % 2 === 0 ? REPAIRS[(i / 2) % REPAIRS.length] : undefined;
    const other = OTHERS[i % OTHERS.length] as [TicketType, string];
    let { ticket } = await t.tickets.create(ctx, {
      type: repair ? 'repair' : other[0],
      channel: i % 3 === 0 ? 'walk_in' : 'hotline',
      priority: i % 9 === 0 ? 'high' : 'normal',
      major: i % 17 === 5,
      title: repair ? repair[0] : other[1],
      description: '',
      customerId: home.customerId,
      unitId: home.unitId,
      ...(repair ? { categoryCode: repair[1], room: repair[2] as 'bathroom' } : {}),
    });
    made++;
    const stage = i % 6;
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
    await t.callbacks.record(ctx, ticket.id, { outcome: 'answered', method: 'phone', score: i % 4 === 1 ? 2 : 5 });
  }
  const notices = await seedDemoNotices(services.notices, ctx, clock, database);
  // The real clock from here: warnings and escalations for whatever was left to drag.
  const live = createServices({ ...config, jobsEnabled: false }, database, { now: () => new Date() }, log);
  await live.tickets.sweep.run();
  const ownerPhone = await services.customers.customers.primaryPhone((homes[0] as Home).customerId);
  return { tickets: made, notices, ownerPhone };
}

const NOTICES: [NoticeCategory, string, string][] = [
  ['construction', '主体结构全部封顶', '各楼栋主体结构已全部封顶，现进入外立面与园林施工阶段，预计按期交付。'],
  ['open_day', '工地开放日报名', '本月最后一个周六 9:30–11:30 举办工地开放日，欢迎业主报名参观样板层与公区。'],
  ['delivery', '交付安排通知', '交付将按楼栋分批进行，请留意短信通知的办理时段，携带身份证与购房合同原件。'],
];

/** Two announcements per demo project, so owners open the portal to a realistic notice list. */
async function seedDemoNotices(notices: NoticeService, ctx: RequestContext, clock: ManualClock, database: Database) {
  const projects = await queryRows<{ id: string }>(
    database.db,
    sql`select id from org_units where type = 'project' order by code`,
  );
  let made = 0;
  clock.set(new Date(Date.now() - 3 * 86_400_000));
  for (const [i, project] of projects.entries()) {
    for (const [category, title, body] of [NOTICES[i % 3], NOTICES[(i + 1) % 3]] as [
      NoticeCategory,
      string,
      string,
    ][]) {
      clock.advance(2 * 3_600_000);
      await notices.create(ctx, { projectId: project.id, category, title, body, imageIds: [] });
      made++;
    }
  }
  return made;
}
