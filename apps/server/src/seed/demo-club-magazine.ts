import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import { ownerContext } from '../modules/portal/owner-context.js';
import type { RequestContext } from '../platform/auth/principal.js';
import type { ManualClock } from '../platform/clock.js';
import { type Db, queryRows } from '../platform/db/database.js';

type Services = ReturnType<typeof createServices>;
type Member = { memberId: string; customerId: string; name: string; orgPath: string };

const DAY = 86_400_000;
const DELIVERIES = ['portal', 'post', 'hand', 'email', 'portal'] as const;
const ADDRESSES = ['渝北区金开大道 88 号', '滨江区江南大道 1288 号', '浦东新区张杨路 500 号', '江北区北城天街 9 号'];
const PIECES: [string, string][] = [
  ['我家的阳台花园', '搬进来第三年，阳台上的月季终于开满了。感谢物业师傅帮忙修好了漏水的地漏。'],
  ['孩子们的夏令营', '社区夏令营里，孩子学会了游泳，也认识了好几个同楼的小伙伴。'],
  ['装修讲座听后感', '听了设计师的讲座，避开了不少水电改造的坑，推荐给还没装修的邻居。'],
  ['邻里一家亲', '中秋那天楼下的阿姨送来自己做的月饼，这份温暖让人难忘。'],
  ['健身步道建议', '希望在园区里增加一条夜跑步道，并配上照明。'],
];

/**
 * The demo magazine: last autumn's issue and this winter's (published through the service, so the e-mail list is
 * mailed as live), a draft of the next, members on the mailing list with every delivery, and owners' contributions
 * at every editorial status. Returns the issues written.
 */
export async function seedDemoClubMagazine(
  services: Services,
  db: Db,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
) {
  const magazine = services.club.magazine;
  const members = await queryRows<Member>(
    db,
    sql`select m.id as "memberId", m.customer_id as "customerId", c.name, m.org_path as "orgPath"
          from club_members m join customers c on c.id = m.customer_id
         where m.status = 'active' order by m.joined_at, m.id limit 40`,
  );
  for (const [i, m] of members.entries()) {
    if (i % 3 === 2) continue;
    const delivery = DELIVERIES[i % DELIVERIES.length] ?? 'portal';
    await magazine.setSubscription(ctx, m.memberId, {
      delivery,
      address: delivery === 'post' ? `${ADDRESSES[i % ADDRESSES.length]} ${1 + (i % 30)}-1-${1001 + i}` : null,
      email: delivery === 'email' ? `owner${i}@example.com` : null,
      active: true,
    });
  }
  const issues = [
    { title: '安居生活', period: '2026 秋季刊', daysAgo: 80, status: 'published' as const },
    { title: '安居生活', period: '2026 冬季刊', daysAgo: 6, status: 'published' as const },
    { title: '安居生活', period: '2027 春季刊', daysAgo: 1, status: 'draft' as const },
  ];
  const ids: string[] = [];
  for (const issue of issues) {
    clock.set(new Date(now.getTime() - issue.daysAgo * DAY));
    const id = randomUUID();
    ids.push(id);
    const pages = [
      { title: '卷首语', body: `${issue.period}，感谢每一位业主与我们同行。` },
      { title: '社区活动回顾', body: '本季共举办装修讲座、亲子活动和邻里节，近千位业主参加。' },
      { title: '物业服务提示', body: '冬季请注意关闭门窗、检查燃气阀门；报修可在业主服务中一键提交。' },
    ];
    await magazine.upsertIssue(ctx, id, { title: issue.title, period: issue.period, pages, status: issue.status });
  }
  for (const [i, [title, body]] of PIECES.entries()) {
    const m = members[i * 3];
    if (!m) break;
    clock.set(new Date(now.getTime() - (40 - i * 7) * DAY));
    const owner = { customerId: m.customerId, name: m.name, phone: '', sessionId: `demo-${i}` };
    const piece = await magazine.submit(ownerContext(owner, m.orgPath, `demo-contribution-${i}`, null), {
      title,
      body,
    });
    const decision = (['published', 'accepted', 'declined', null, null] as const)[i];
    if (!decision) continue;
    await magazine.decide(ctx, piece.id, {
      status: decision,
      ...(decision === 'published' ? { issueId: ids[1] } : {}),
      version: piece.version,
    });
  }
  clock.set(now);
  return ids.length;
}
