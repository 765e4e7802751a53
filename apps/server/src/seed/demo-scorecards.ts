import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import type { ManualClock } from '../platform/clock.js';

type Services = ReturnType<typeof createServices>;

/**
 * The scorecards read the year of repair history (demo-kpi-history: each repair's root cause and contractor); here
 * Chongqing's contractor goes on the watch list, and last month's scorecard goes to Shanghai's procurement staff.
 */
export async function seedDemoScorecards(services: Services, ctx: RequestContext, clock: ManualClock, now: Date) {
  const watched = (await services.org.directory.byCodes(['CQ-YA'], ctx.principal.orgPath)).get('CQ-YA');
  if (watched)
    await services.quality.scorecards.setWatch(ctx, watched.id, {
      watched: true,
      reason: '卫生间、厨房返修多次复发，回访满意率连续偏低，整改前暂停新增标段',
    });
  clock.set(now);
  const mailed = await services.quality.scorecardMailing.run();
  return { watched: watched ? 1 : 0, mailedCompanies: mailed.companies.length };
}
