import type { ModuleServices } from '../modules/index.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import type { ManualClock } from '../platform/clock.js';

/** `days` days from `now` (China calendar; negative: before), as a date and that day's `hh:mm` in China time. */
const dayOf = (now: Date, days: number) => chinaDate(new Date(now.getTime() + days * 86_400_000));
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

const SUGGESTIONS: { category: 'landscape' | 'amenities' | 'design'; content: string; answer: string | null }[] = [
  {
    category: 'landscape',
    content: '希望中心花园增加儿童游乐设施和遮阳座椅',
    answer: '已纳入园林深化设计，二期中心花园将增设儿童游乐区和遮阳休息座椅。',
  },
  {
    category: 'amenities',
    content: '地下车库照明偏暗，希望增加灯具',
    answer: '已安排在车库增加照明灯具，预计两周内完成。',
  },
  { category: 'design', content: '希望阳台预留洗衣机上下水位置', answer: null },
];

/**
 * The demo's site open days on the demo owner's project: one held three weeks ago — buyers registered and checked
 * in, two suggestions answered (the demo owner's among them, so the portal shows the answer), one waiting for its
 * answer, an engineering issue rectified and verified and one still open — and one coming in two weeks with places
 * and an SMS invitation. Written through the real services with the seed's clock walking over those days.
 */
export async function seedDemoOpenDays(
  services: {
    journeys: ModuleServices['journeys'];
    customers: ModuleServices['customers'];
    jobs: { runDue(): Promise<number> };
  },
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
  ownerId: string,
) {
  const { days, items } = services.journeys.openDays;
  const was = clock.now();
  const [home] = (await services.customers.read.homesOf([ownerId])).sort((a, b) =>
    a.unitCode.localeCompare(b.unitCode),
  );
  if (!home) return { openDays: 0, items: 0 };
  const buyers = (await services.customers.read.smsAudience(home.projectId, null, 8)).map((b) => b.customerId);
  const people = [ownerId, ...buyers.filter((id) => id !== ownerId)].slice(0, 6);

  const held = dayOf(now, -21);
  clock.set(at(dayOf(now, -35), '10:00'));
  const day = await days.create(ctx, {
    projectId: home.projectId,
    title: '二期工地开放日',
    heldOn: held,
    startsAt: at(held, '09:30').toISOString(),
    endsAt: at(held, '11:30').toISOString(),
    location: '售楼处集合，参观样板层与园林示范区',
    capacity: 60,
    inviteBySms: false,
  });
  const row = await days.row(ctx, day.id);
  for (const [i, customerId] of people.entries()) {
    clock.advance(3_600_000);
    await days.registerBuyer(ctx, row, customerId, i % 2 === 0 ? 'console' : 'portal', 1 + (i % 3));
  }
  clock.set(at(held, '09:40'));
  for (const customerId of people.slice(0, 4)) {
    clock.advance(120_000);
    await days.checkIn(ctx, day.id, customerId);
  }
  clock.set(at(held, '10:30'));
  const recorded = [];
  for (const [i, s] of SUGGESTIONS.entries()) {
    clock.advance(300_000);
    const customerId = people[i === 0 ? 0 : Math.min(i, people.length - 1)] ?? ownerId;
    const item = await items.record(ctx, day.id, {
      kind: 'suggestion',
      customerId,
      categoryCode: s.category,
      content: s.content,
      photoFileIds: [],
    });
    recorded.push({ item, answer: s.answer });
  }
  clock.advance(300_000);
  const fixed = await items.record(ctx, day.id, {
    kind: 'issue',
    customerId: null,
    categoryCode: 'walls',
    content: '样板层 12 楼走廊墙面空鼓约 0.5 平方米',
    photoFileIds: [],
  });
  clock.advance(300_000);
  await items.record(ctx, day.id, {
    kind: 'issue',
    customerId: people[1] ?? null,
    categoryCode: 'leak',
    content: '地下车库 B1 层顶板有渗水痕迹',
    photoFileIds: [],
  });

  clock.set(at(dayOf(now, -19), '15:00'));
  for (const { item, answer } of recorded) {
    if (!answer) continue;
    clock.advance(600_000);
    await items.answer(ctx, day.id, item.id, { version: item.version, answer });
  }
  clock.set(at(dayOf(now, -16), '16:00'));
  const rectified = await items.rectify(ctx, day.id, fixed.id, {
    version: fixed.version,
    action: 'rectify',
    note: '铲除空鼓部位重新抹灰，已养护',
  });
  clock.set(at(dayOf(now, -14), '10:00'));
  await items.rectify(ctx, day.id, fixed.id, { version: rectified.version, action: 'verify' });

  // announced yesterday; the invitation's pages run now, so a fresh server starts without that backlog
  clock.set(at(dayOf(now, -1), '10:00'));
  const coming = dayOf(now, 14);
  await days.create(ctx, {
    projectId: home.projectId,
    title: '交付前工地开放日',
    heldOn: coming,
    startsAt: at(coming, '09:30').toISOString(),
    endsAt: at(coming, '11:30').toISOString(),
    location: '项目南门集合',
    capacity: 80,
    inviteBySms: true,
  });
  for (let round = 0; round < 100 && (await services.jobs.runDue()) > 0; round++) {
    /* the next page of the invitation */
  }
  clock.set(was);
  return { openDays: 2, items: SUGGESTIONS.length + 2 };
}
