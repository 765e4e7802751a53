import type { ModuleServices } from '../modules/index.js';
import type { RequestContext } from '../platform/auth/principal.js';

/**
 * The demo company's journeys: both templates run (Pulte's switched on beside the 6+2), every home's journey is
 * planned from its anchors, and part of what fell due is already done — calls reached, a quality check with a
 * failed item — so the task queue shows open, overdue and done work.
 */
export async function seedDemoJourneys(
  services: { journeys: ModuleServices['journeys']; org: ModuleServices['org'] },
  db: Parameters<ModuleServices['journeys']['planner']['sync']>[0],
  ctx: RequestContext,
  companyIds: string[],
) {
  const { templates, planner, tasks } = services.journeys;
  for (const companyId of companyIds) {
    for (const template of await templates.list(ctx, companyId)) {
      if (template.active) continue;
      await templates.upsert(ctx, template.id, {
        version: template.version,
        name: template.name,
        active: true,
        steps: template.steps,
      });
    }
  }
  await planner.sync(db, { all: true });
  await planner.run();
  const open = await tasks.list(ctx, { status: 'open', limit: 200 });
  let done = 0;
  for (const [i, task] of open.items.entries()) {
    if (i % 3 !== 0) continue;
    const detail = await tasks.get(ctx, task.id);
    // An inspection's second item (the drains) fails: it opens a repair ticket on the home.
    const checklist = (detail.step?.checklist ?? []).map((c, n) =>
      detail.kind === 'inspection' && n === 1
        ? {
            key: c.key,
            ok: false,
            note: '卫生间地漏排水缓慢',
            room: 'bathroom' as const,
            categoryCode: 'plumbing',
            photoFileIds: [],
          }
        : { key: c.key, ok: true, note: null, photoFileIds: [] },
    );
    await tasks.complete(ctx, task.id, {
      version: task.version,
      outcome: detail.kind === 'call' || detail.kind === 'survey' ? 'reached' : 'done',
      notes: null,
      checklist,
    });
    done++;
  }
  return { due: open.items.length, done };
}
