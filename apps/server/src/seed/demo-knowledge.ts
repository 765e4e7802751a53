import type { UpsertKnowledgeArticleBody } from '@anju/contracts/knowledge';
import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import type { ManualClock } from '../platform/clock.js';
import { DEMO_ARTICLES } from './demo-knowledge-articles.js';

type Services = ReturnType<typeof createServices>;

/** Articles created and later revised (a second version: the fix made more precise). */
const REVISED = new Set(['卫生间吊顶渗水', '地暖不热', '外墙窗边渗水']);
/** Articles still being written (drafts): not suggested and not shown to owners. */
const DRAFTS = new Set(['燃气热水器排烟管冷凝水', '车库顶板渗漏']);

/** Forty standard problems at the group, through the knowledge service (versions, search words, audit). */
export async function seedDemoKnowledge(services: Services, ctx: RequestContext, clock: ManualClock, now: Date) {
  let made = 0;
  for (const [i, a] of DEMO_ARTICLES.entries()) {
    const [title, symptom, causes, fix, responsibleParty, prevention, categoryCodes, part, owner] = a;
    clock.set(new Date(now.getTime() - (60 - i) * 86_400_000));
    const body: UpsertKnowledgeArticleBody = {
      title,
      symptom,
      causes: causes.map(([text, cls]) => ({ text, class: cls })),
      fix,
      responsibleParty,
      prevention,
      categoryCodes,
      part,
      audience: owner ? 'owner' : 'staff',
      status: DRAFTS.has(title) ? 'draft' : 'published',
    };
    const row = await services.knowledge.upsert(ctx, REVISED.has(title) ? { ...body, status: 'draft' } : body);
    if (REVISED.has(title)) {
      clock.set(new Date(now.getTime() - (20 - (i % 10)) * 86_400_000));
      await services.knowledge.upsert(ctx, {
        ...body,
        id: row.id,
        version: row.version,
        fix: `${fix}；完工后回访确认`,
      });
    }
    made++;
  }
  return made;
}
