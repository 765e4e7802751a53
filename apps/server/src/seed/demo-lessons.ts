import type { LessonDepartment, LessonStatus } from '@anju/contracts/lessons';
import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import type { ManualClock } from '../platform/clock.js';
import { type Db, queryRows } from '../platform/db/database.js';

type Services = ReturnType<typeof createServices>;
const DAY = 86_400_000;

type DemoLesson = {
  problem: string;
  analysis: string;
  department: LessonDepartment;
  improvement: string;
  status: LessonStatus;
  daysAgo: number;
};

/** Lessons a CR centre draws over a year of complaints and repairs, in its own words. */
const LESSONS: DemoLesson[] = [
  {
    problem: '地下车库顶板渗水，雨季车位被淋、车辆被污',
    analysis: '车库顶板覆土区排水盲管被回填土堵塞，后浇带止水钢板搭接不足',
    department: 'engineering',
    improvement: '顶板后浇带与排水盲管列为隐蔽验收必查项，覆土前做 24 小时蓄水试验并留影像',
    status: 'verified_on_new_project',
    daysAgo: 300,
  },
  {
    problem: '外窗窗框与墙体交接处渗水',
    analysis: '窗框与洞口间发泡胶填充不密实，外侧密封胶断开，台风季集中爆发',
    department: 'engineering',
    improvement: '外窗安装后逐樘淋水试验，发泡胶饱满度和外侧打胶由监理旁站验收',
    status: 'applied_to_standard',
    daysAgo: 200,
  },
  {
    problem: '入户门锁芯同一批次大面积卡滞',
    analysis: '供应商更换锁芯型号未报备，批次抽检只看外观',
    department: 'procurement',
    improvement: '门锁到货按批次做开合寿命抽检；供应商变更型号须书面报备，纳入供应商评分',
    status: 'applied_to_standard',
    daysAgo: 160,
  },
  {
    problem: '样板间配置与交付标准不一致引发集中投诉',
    analysis: '样板间展示了选配的吊顶和灯具，现场未标注「非交付标准」，合同附件描述笼统',
    department: 'marketing',
    improvement: '样板间所有非交付项目贴标识，交付标准清单作为合同附件逐项列明并由客户签字',
    status: 'accepted',
    daysAgo: 90,
  },
  {
    problem: '地下车库照度不足，夜间业主投诉安全隐患',
    analysis: '设计按规范下限取值，未考虑车位遮挡和灯具老化',
    department: 'design',
    improvement: '车库照度按规范值上浮 30% 设计，交付前实测照度并记录',
    status: 'proposed',
    daysAgo: 40,
  },
  {
    problem: '交付后首月物业报修响应慢，业主集中在业主群抱怨',
    analysis: '物业交接时维修人员未到位，工程遗留问题清单未移交',
    department: 'property',
    improvement: '交付前一个月物业维修班组进场，工程遗留问题清单随移交一并签收',
    status: 'proposed',
    daysAgo: 20,
  },
  {
    problem: '业主要求把阳台改为封闭式',
    analysis: '属个人改造需求，涉及立面和规划，不属于产品缺陷',
    department: 'design',
    improvement: '不作为标准改进，由物业按装修管理规定答复',
    status: 'rejected',
    daysAgo: 60,
  },
];

/**
 * Lessons learned (issue 16 item 9) in several states, through the lessons service: one from the demo cluster
 * (bathroom leaks in one building, accepted — it is a checklist item of the other projects' simulated acceptance),
 * one from a closed group case when the demo has one, the rest by hand in the first demo company. Answers how many.
 */
export async function seedDemoLessons(services: Services, db: Db, ctx: RequestContext, clock: ManualClock, now: Date) {
  const lessons = services.quality.lessons;
  const [company] = await queryRows<{ id: string }>(
    db,
    sql`select id from org_units where type = 'city_company' and active order by code limit 1`,
  );
  if (!company) return 0;
  let made = 0;
  const write = async (lesson: DemoLesson, source: { caseId?: string; clusterId?: string; orgUnitId?: string }) => {
    clock.set(new Date(now.getTime() - lesson.daysAgo * DAY));
    const { row } = await lessons.upsert(ctx, {
      ...source,
      problem: lesson.problem,
      analysis: lesson.analysis,
      department: lesson.department,
      improvement: lesson.improvement,
      appliesTo: [],
    });
    made += 1;
    if (lesson.status === 'proposed') return;
    clock.set(new Date(now.getTime() - (lesson.daysAgo - 3) * DAY));
    await lessons.upsert(ctx, {
      id: row.id,
      version: row.version,
      department: lesson.department,
      status: lesson.status,
      appliesTo: [],
    });
  };
  for (const lesson of LESSONS) await write(lesson, { orgUnitId: company.id });
  const [cluster] = await queryRows<{ id: string }>(
    db,
    sql`select id from quality_clusters order by raised_at limit 1`,
  );
  if (cluster) {
    await write(
      {
        problem: '同一楼栋卫生间顶板集中渗漏，一周内 6 户报修并在业主群酝酿集体维权',
        analysis: '卫生间管根和地漏处未做防水附加层，闭水试验不足 48 小时即进行吊顶施工',
        department: 'engineering',
        improvement: '卫生间管根、地漏防水附加层和 48 小时闭水试验记录列入交付前模拟验收必查项',
        status: 'accepted',
        daysAgo: 1,
      },
      { clusterId: cluster.id },
    );
  }
  const [closedCase] = await queryRows<{ id: string }>(
    db,
    sql`select id from quality_group_cases where status = 'closed' order by closed_at limit 1`,
  );
  if (closedCase) {
    await write(
      { problem: '', analysis: '', department: 'engineering', improvement: '', status: 'accepted', daysAgo: 0 },
      { caseId: closedCase.id },
    );
  }
  clock.set(now);
  return made;
}
