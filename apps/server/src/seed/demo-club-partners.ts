import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import type { ManualClock } from '../platform/clock.js';
import { type Db, queryRows } from '../platform/db/database.js';

type Services = ReturnType<typeof createServices>;
const DAY = 86_400_000;

/** The demo partner merchant's console login (role partner, linked to the first partner below). */
export const DEMO_PARTNER_USER = 'jiang.shan';

type DemoBenefit = { title: string; discountText: string; pointsPrice: number; quota?: number; tiers?: string[] };
/** Eight partners across the categories, each with its benefits: some free, some for points, one with few left. */
const PARTNERS: { name: string; category: string; contact: string; benefits: DemoBenefit[] }[] = [
  {
    name: '欧派全屋定制',
    category: 'furniture',
    contact: '王经理',
    benefits: [
      { title: '全屋定制 9 折', discountText: '会员签单享 9 折，送设计方案', pointsPrice: 0 },
      { title: '橱柜升级券', discountText: '抵扣 2000 元橱柜升级费用', pointsPrice: 800, quota: 3 },
    ],
  },
  {
    name: '东易日盛装饰',
    category: 'decoration',
    contact: '李设计师',
    benefits: [{ title: '免费上门量房', discountText: '免费量房与软装建议一次', pointsPrice: 0 }],
  },
  {
    name: '美的电器体验店',
    category: 'appliances',
    contact: '赵店长',
    benefits: [
      { title: '厨电套购 88 折', discountText: '烟灶消三件套 88 折', pointsPrice: 300, tiers: ['owner', 'gold'] },
    ],
  },
  {
    name: '平安财产保险',
    category: 'insurance',
    contact: '陈顾问',
    benefits: [{ title: '家财险首年 8 折', discountText: '家庭财产险首年保费 8 折', pointsPrice: 0 }],
  },
  {
    name: '君悦酒店',
    category: 'hospitality',
    contact: '前台',
    benefits: [
      { title: '自助晚餐 2 人同行 1 人免单', discountText: '周一至周四晚餐时段', pointsPrice: 500 },
      { title: '客房升级', discountText: '入住免费升级一级房型', pointsPrice: 0, tiers: ['gold'] },
    ],
  },
  {
    name: '一汽大众 4S 店',
    category: 'cars',
    contact: '孙销售',
    benefits: [{ title: '免费保养一次', discountText: '基础保养工时费全免', pointsPrice: 200 }],
  },
  {
    name: '携程旅行门店',
    category: 'travel',
    contact: '周顾问',
    benefits: [{ title: '跟团游立减 500 元', discountText: '国内跟团游满 5000 元减 500 元', pointsPrice: 0 }],
  },
  {
    name: '学而思培优',
    category: 'education',
    contact: '吴老师',
    benefits: [{ title: '试听课两节', discountText: '小学数学、英语试听课各一节', pointsPrice: 0 }],
  },
];

/**
 * The demo partner alliance through the real services: eight partners, their benefits (valid from a month ago for a
 * year), the demo partner user linked to the first partner, and vouchers claimed by demo members over the last weeks —
 * some redeemed by the partner, one left to expire. Answers how many vouchers were claimed.
 */
export async function seedDemoClubPartners(
  services: Services,
  db: Db,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
) {
  const { partners, vouchers } = services.club.partners;
  const start = chinaDate(new Date(now.getTime() - 30 * DAY));
  const end = chinaDate(new Date(now.getTime() + 335 * DAY));
  clock.set(new Date(now.getTime() - 21 * DAY));
  const benefitIds: string[] = [];
  const partnerIds: string[] = [];
  for (const p of PARTNERS) {
    const { row } = await partners.upsert(ctx, {
      name: p.name,
      category: p.category as 'furniture',
      contactName: p.contact,
      contactPhone: null,
      address: null,
      description: null,
      active: true,
    });
    partnerIds.push(row.id);
    for (const b of p.benefits) {
      const saved = await partners.upsertBenefit(ctx, {
        partnerId: row.id,
        title: b.title,
        discountText: b.discountText,
        tiers: b.tiers ?? [],
        validFrom: start,
        validTo: end,
        quota: b.quota ?? null,
        pointsPrice: b.pointsPrice,
        voucherDays: b.title === '免费上门量房' ? 7 : 30,
        active: true,
      });
      benefitIds.push(saved.row.id);
    }
  }
  const [user] = await queryRows<{ id: string }>(db, sql`select id from users where username = ${DEMO_PARTNER_USER}`);
  if (user) await partners.link(ctx, partnerIds[0] as string, user.id);

  // members with the most points claim first, a few benefits each, on days spread over the last three weeks
  const members = await queryRows<{ id: string }>(
    db,
    sql`select id from club_members where status = 'active' order by balance desc, id limit 24`,
  );
  let claimed = 0;
  // one free measuring visit claimed two weeks ago and never used: it has expired by now (whatever the ids drew)
  const measuring = benefitIds[PARTNERS.flatMap((p) => p.benefits).findIndex((b) => b.title === '免费上门量房')];
  const unused = members[members.length - 1];
  if (measuring && unused) {
    clock.set(new Date(now.getTime() - 14 * DAY));
    await vouchers.claimForMember(ctx, measuring, unused.id);
    claimed += 1;
  }
  const issued: { code: string; at: Date }[] = [];
  for (const [i, m] of members.entries()) {
    const at = new Date(now.getTime() - (21 - (i % 20)) * DAY);
    clock.set(at);
    for (const k of [i % benefitIds.length, (i * 3 + 1) % benefitIds.length]) {
      try {
        const v = await vouchers.claimForMember(ctx, benefitIds[k] as string, m.id);
        issued.push({ code: v.code, at });
        claimed += 1;
      } catch {
        // not this member's tier, points short, quota gone or claimed already: as in real life, skip it
      }
    }
  }
  // about half are redeemed at the partner a day or two after they were claimed
  for (const [i, v] of issued.entries()) {
    if (i % 2 === 1) continue;
    clock.set(new Date(Math.min(v.at.getTime() + (1 + (i % 3)) * DAY, now.getTime() - 3_600_000)));
    try {
      await vouchers.verify(ctx, v.code);
    } catch {
      // expired before the visit: it stays unused
    }
  }
  clock.set(now);
  return claimed;
}
