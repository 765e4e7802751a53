import type { SurveyAnswerInput, SurveyQuestion } from '@anju/contracts/surveys';
import { sql } from 'drizzle-orm';
import type { ModuleServices } from '../modules/index.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import type { ManualClock } from '../platform/clock.js';
import { type Executor, queryRows } from '../platform/db/database.js';

type Household = { customerId: string; unitId: string; ownershipId: string };

/** The Shanghai company's own callback survey: what its agents call owners about after a service. */
const COMPANY_SURVEY = {
  kind: 'service' as const,
  nameZh: '上海公司服务回访',
  nameEn: 'Shanghai service callback',
  active: true,
  settings: { maxAttempts: 3 },
  questions: [
    {
      key: 'overall',
      type: 'score5' as const,
      textZh: '您对本次服务的总体满意度如何？',
      textEn: 'How satisfied are you with the service overall?',
      dimension: 'overall' as const,
      required: true,
    },
    {
      key: 'referral',
      type: 'nps' as const,
      textZh: '您有多大可能向亲友推荐安居？',
      textEn: 'How likely are you to recommend Anju to friends and family?',
      dimension: 'referral' as const,
      required: true,
    },
    {
      key: 'contact',
      type: 'single' as const,
      textZh: '您更希望我们以哪种方式联系您？',
      textEn: 'How would you rather we contact you?',
      options: [
        { code: 'phone', textZh: '电话', textEn: 'Phone' },
        { code: 'sms', textZh: '短信', textEn: 'Text message' },
        { code: 'wechat', textZh: '微信', textEn: 'WeChat' },
      ],
      required: false,
    },
    { key: 'comment', type: 'text' as const, textZh: '其他意见或建议', textEn: 'Anything else?', required: false },
  ],
};

/** `daysAgo` days before `now` (China calendar), at `hour` o'clock China time. */
const chinaAt = (now: Date, daysAgo: number, hour: number) =>
  new Date(`${chinaDate(new Date(now.getTime() - daysAgo * 86_400_000))}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/** Answers to every question: the 5-point ones `score`, likelihood two points above it, the first option. */
function answersTo(questions: SurveyQuestion[], score: number): SurveyAnswerInput[] {
  return questions.flatMap((q): SurveyAnswerInput[] => {
    if (q.type === 'score5') return [{ key: q.key, score }];
    if (q.type === 'nps') return [{ key: q.key, score: Math.min(10, score * 2) }];
    const first = q.options?.[0]?.code;
    if ((q.type === 'single' || q.type === 'multiple') && first) return [{ key: q.key, choices: [first] }];
    if (q.type === 'text' && q.required !== false) return [{ key: q.key, text: '满意' }];
    return [];
  });
}

/**
 * The demo's callbacks and surveys, in the Shanghai company (its customer-relations manager zhang.wei sends and
 * records them): the company's own service callback; answered sales callbacks and annual-survey responses from the
 * last ten days; and pending phone requests in the agents' queue (the company's callback and design callbacks).
 * One household each (one survey per person per 30 days) and never the demo owner, whom a browser test surveys.
 */
export async function seedDemoSurveys(
  services: { surveys: ModuleServices['surveys']; org: ModuleServices['org'] },
  db: Executor,
  clock: ManualClock,
  now: Date,
  ownerId: string,
) {
  const [user] = await queryRows<{ id: string }>(db, sql`select id from users where username = 'zhang.wei'`);
  const principal = user ? await services.org.access.loadUser(user.id) : null;
  if (!principal) return { answered: 0, pending: 0 };
  const ctx: RequestContext = { principal, ip: null, requestId: 'seed:demo-surveys' };
  const households = (
    await queryRows<Household>(
      db,
      sql`select distinct on (o.customer_id) o.customer_id as "customerId", o.unit_id as "unitId", o.id as "ownershipId"
            from ownerships o join units u on u.id = o.unit_id join org_units p on p.id = u.project_id
            join org_units c on c.id = p.parent_id
           where o.active and c.code = 'SH' order by o.customer_id desc, o.unit_id limit 40`,
    )
  ).filter((h) => h.customerId !== ownerId);
  const { definitions, requests, answers } = services.surveys;
  clock.set(chinaAt(now, 12, 9));
  await definitions.upsert(ctx, 'sh_service', COMPANY_SURVEY);
  const questionsOf = new Map((await definitions.list(ctx)).map((s) => [s.code, s.questions]));

  let answered = 0;
  let pending = 0;
  const plan: { code: string; subject: 'ownership' | 'unit'; score: number | null }[] = [
    { code: 'sales_callback', subject: 'ownership', score: 5 },
    { code: 'sales_callback', subject: 'ownership', score: 4 },
    { code: 'sales_callback', subject: 'ownership', score: 2 },
    { code: 'annual', subject: 'unit', score: 5 },
    { code: 'annual', subject: 'unit', score: 4 },
    { code: 'annual', subject: 'unit', score: 3 },
    { code: 'annual', subject: 'unit', score: 5 },
    { code: 'sh_service', subject: 'unit', score: null },
    { code: 'sh_service', subject: 'unit', score: null },
    { code: 'sh_service', subject: 'unit', score: null },
    { code: 'design_callback', subject: 'unit', score: null },
    { code: 'design_callback', subject: 'unit', score: null },
    { code: 'design_callback', subject: 'unit', score: null },
  ];
  for (const [i, step] of plan.entries()) {
    const home = households[i];
    if (!home) break;
    // answered ones were sent over the last ten days and called a few hours later; the queue's within two days
    clock.set(chinaAt(now, step.score === null ? 1 + (i % 2) : 10 - i, 9 + (i % 4)));
    const sent = await requests.send(ctx, step.code, {
      channel: 'phone',
      subject: { type: step.subject, id: step.subject === 'ownership' ? home.ownershipId : home.unitId },
    });
    const request = sent.items[0];
    if (!request) continue;
    if (step.score === null) {
      pending++;
      continue;
    }
    clock.advance(3 * 3_600_000);
    await answers.record(ctx, request.id, {
      outcome: 'answered',
      answers: answersTo(questionsOf.get(step.code) ?? [], step.score),
      ...(step.score <= 2 ? { comment: '销售顾问交房前联系不及时' } : {}),
    });
    answered++;
  }
  return { answered, pending };
}
