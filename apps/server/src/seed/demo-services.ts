import { sql } from 'drizzle-orm';
import type { createServices } from '../app.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import type { ManualClock } from '../platform/clock.js';
import { type Db, queryRows } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';

type Services = ReturnType<typeof createServices>;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The China day `days` from `now` (negative: before), at `hh:mm` China time. */
const at = (now: Date, days: number, hhmm: string) =>
  new Date(`${chinaDate(new Date(now.getTime() + days * DAY))}T${hhmm}:00+08:00`);

const NOTES = ['周末上午方便', '请先电话联系', '', '希望尽快安排', ''];

/**
 * Demo service requests, through the real services with the demo clock walked to each moment: for owners across the
 * demo projects, each of the six default services (seed 000's, from migration 0044) booked by staff or in the
 * portal over the last three weeks and left at every step — just booked, part way, done (its callback opened with
 * the SMS link) — and a few cancelled with a reason; members-only ones only for club members. Answers how many
 * requests it made.
 */
export async function seedDemoServices(
  services: Services,
  db: Db,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
  settle: () => Promise<void>,
) {
  const { catalogue, requests } = services.services;
  const catalogueRows = await catalogue.list(ctx, true, null, 200);
  if (catalogueRows.length === 0) return 0;
  const homes = await queryRows<{ customerId: string; unitId: string; projectId: string }>(
    db,
    sql`select distinct on (u.project_id, o.customer_id) o.customer_id as "customerId", o.unit_id as "unitId",
               u.project_id as "projectId"
          from ownerships o join units u on u.id = o.unit_id
         where o.active order by u.project_id, o.customer_id, o.unit_id`,
  );
  // up to six owners per project, so every demo project has some
  const perProject = new Map<string, typeof homes>();
  for (const h of homes) {
    const list = perProject.get(h.projectId) ?? [];
    if (list.length < 6) perProject.set(h.projectId, [...list, h]);
  }
  const chosen = [...perProject.values()].flat();
  let made = 0;
  for (const [i, home] of chosen.entries()) {
    const def = catalogueRows[i % catalogueRows.length];
    if (!def) continue;
    clock.set(at(now, -(1 + (i % 20)), '09:30'));
    let row: Awaited<ReturnType<typeof requests.book>>;
    try {
      row = await requests.book(
        ctx,
        { serviceId: def.id, customerId: home.customerId, unitId: home.unitId, note: NOTES[i % NOTES.length] ?? '' },
        i % 3 === 0 ? 'portal' : 'console',
      );
    } catch (e) {
      // members-only for a non-member, or a service not offered for the home: the demo skips it as staff would
      if (e instanceof AppError) continue;
      throw e;
    }
    made++;
    // every step count from none to all: the request stops at step `stop` (all steps: done, callback opened)
    const stop = Math.floor(i / catalogueRows.length) % (def.steps.length + 1);
    for (let seq = 0; seq < stop; seq++) {
      clock.advance(HOUR);
      await requests.advance(ctx, row.id, {
        seq,
        note: seq === 0 ? '已电话联系业主' : undefined,
        ownerNote: def.code === 'pre_delivery_visit' && seq === 1 ? '看房时间已约定，请按时到场' : undefined,
      });
    }
    if (stop < def.steps.length && i % 11 === 5) {
      clock.advance(HOUR);
      await requests.cancel(ctx, row.id, '业主暂不需要');
    }
    // the reactions (deliveries, the callback's SMS) run at the moment, as a live server's worker would
    await settle();
  }
  // the steps left to drag warn and escalate in yesterday's working day, as a live sweep would have (working-time
  // clocks stand still overnight, so the sweep at `now` finds nothing new and no SMS waits for the quiet hours)
  clock.set(at(now, -1, '20:00'));
  await services.sla.sweep.run();
  clock.set(now);
  return made;
}
