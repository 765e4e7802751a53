import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { KpiWorld } from '../../../test/kpi-factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world() {
  const { company, project } = await cityCompany(t);
  const w = new KpiWorld(t, company, project);
  const manager = await signedIn(t, company, ['cr_manager']);
  return { w, company, project, manager };
}

describe('KPI snapshots', () => {
  it('freezes a batch’s day-46 figure: a ticket closed on day 50 or reported late changes nothing', async () => {
    t.clock.set(new Date('2026-07-01T02:00:00Z'));
    const { w, project, company } = await world();
    const batch = await w.batch('一批', { actualDate: '2026-06-01' }); // D+45 = 07-16, day 46 = 07-17
    const building = await w.building('1', '一期');
    const unit = await w.unit(building, batch);
    const open = await w.ticket({ unit, reported: '2026-06-10' });
    await w.ticket({ unit, reported: '2026-06-12' });

    t.clock.set(new Date('2026-07-17T18:00:00Z')); // 07-18 02:00 in China: day 46 has come
    const first = await t.services.analytics.snapshots.run();
    expect(first.frozen).toBeGreaterThanOrEqual(1);
    let manager = await signedIn(t, company, ['cr_manager']); // the jump of days idled the first session out
    const url = `/api/kpis/values?kpi=K4&scope=${project.id}&period=2026-07&batchId=${batch.id}`;
    expect((await manager.api.get(url)).json().items[0]).toMatchObject({ value: 2, state: 'closed', version: 1 });

    // day 50: one of them is closed, and a forgotten one is entered with its report date inside the window
    await t.db.execute(
      sql`update tickets set status = 'closed', closed_at = '2026-07-20T02:00:00Z' where id = ${open}`,
    );
    await w.ticket({ unit, reported: '2026-06-20' });
    t.clock.set(new Date('2026-08-06T02:00:00Z')); // July closes on 08-05
    await t.services.analytics.snapshots.run();
    manager = await signedIn(t, company, ['cr_manager']);
    expect((await manager.api.get(url)).json().items[0]).toMatchObject({ value: 2 });
    const month = await manager.api.get(`/api/kpis/values?kpi=K4&scope=${project.id}&period=2026-07`);
    expect(month.json().items[0]).toMatchObject({ numerator: 2, denominator: 1, state: 'closed' });
  });

  it('closes a month once however many instances try, and keeps both versions of a recompute', async () => {
    t.clock.set(new Date('2026-10-06T02:00:00Z'));
    const { w, project, manager } = await world();
    const building = await w.building('1', '一期');
    const batch = await w.batch('一批', { actualDate: '2026-08-01' });
    const unit = await w.unit(building, batch);
    await w.owner(unit, { deliveryDate: '2026-08-01', moveInDate: '2026-08-02' });
    await w.ticket({ unit, reported: '2026-09-03', category: 'leak' });
    const engine = t.services.analytics.kpis.engine;
    const asOf = new Date('2026-10-04T16:00:00Z');
    const runs = await Promise.all([1, 2, 3].map(() => engine.runMonth({ month: '2026-09', state: 'closed', asOf })));
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    const url = `/api/kpis/values?kpi=K7&scope=${project.id}&period=2026-09`;
    expect((await manager.api.get(url)).json().items[0]).toMatchObject({ numerator: 1, denominator: 1, version: 1 });

    // a second leak is entered late; the closed month does not move until someone recomputes it
    await w.ticket({ unit, reported: '2026-09-20', category: 'leak' });
    expect((await manager.api.get(url)).json().items[0]).toMatchObject({ numerator: 1 });
    const recomputed = await manager.api.post('/api/kpis/recompute', { period: '2026-09', reason: '补录渗漏工单' });
    expect(recomputed.statusCode, recomputed.body).toBe(200);
    expect(recomputed.json()).toMatchObject({ period: '2026-09', state: 'closed', version: 2 });
    expect((await manager.api.get(url)).json().items[0]).toMatchObject({
      numerator: 2,
      version: 2,
      previous: { numerator: 1, denominator: 1 },
    });
  });

  it('adds a quarter up from its months', async () => {
    t.clock.set(new Date('2026-10-06T02:00:00Z'));
    const { w, project, manager } = await world();
    const building = await w.building('1', '一期');
    const batch = await w.batch('一批', { actualDate: '2026-01-05' });
    const unit = await w.unit(building, batch);
    await w.owner(unit, { deliveryDate: '2026-01-05', moveInDate: '2026-01-06' });
    await w.ticket({ unit, reported: '2026-02-03', category: 'leak' });
    await w.ticket({ unit, reported: '2026-03-03', leak: true, category: 'walls' });
    const q1 = await manager.api.get(`/api/kpis/values?kpi=K7&scope=${project.id}&period=2026-Q1`);
    // households: 1 in each of the three months; leaks: 0 + 1 + 1
    expect(q1.json().items[0]).toMatchObject({ numerator: 2, denominator: 3, state: 'closed' });
    expect(q1.json().items[0].value).toBeCloseTo(2 / 3);
  });
});
