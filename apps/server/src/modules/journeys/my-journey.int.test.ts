import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerCookie } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { journeyHousehold } from '../../../test/journey-factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-01T02:00:00Z'));
});
afterAll(() => t.close());

type Step = { stepKey: string; occurrence: number; date: string; state: string };
const journeyOf = async (cookie: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/portal/journey', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { unitId: string; steps: Step[] }[];
};

describe('my journey in the portal', () => {
  it('shows an owner the steps of their home done, due and coming, in date order, and nobody else’s', async () => {
    const mine = await journeyHousehold(t, '2024-01-10', { moveInDate: '2025-03-01' });
    const other = await journeyHousehold(t, '2025-06-01');
    const cookie = await ownerCookie(t, mine.phone);
    const [home, ...more] = await journeyOf(cookie);
    expect(more).toEqual([]);
    expect(home?.unitId).toBe(mine.unit?.id);
    const steps = home?.steps ?? [];
    expect(steps.find((s) => s.stepKey === 'year_check')).toMatchObject({ date: '2026-03-02', state: 'due' });
    expect(steps.find((s) => s.stepKey === 'delivery_notice')).toMatchObject({ date: '2026-11-20', state: 'coming' });
    // the April report is within the planner's horizon (a task already); July and October are coming (10 Oct is a
    // Saturday but a make-up working day)
    expect(steps.filter((s) => s.stepKey === 'progress_report' && s.date > '2026-03-01')).toMatchObject([
      { date: '2026-04-10', state: 'due' },
      { date: '2026-07-10', state: 'coming' },
      { date: '2026-10-10', state: 'coming' },
    ]);
    expect(steps.some((s) => s.stepKey === 'sales_callback' || s.stepKey === 'open_day')).toBe(false);
    expect(steps.map((s) => s.date)).toEqual([...steps.map((s) => s.date)].sort());

    const [check] = (await mine.tasks()).filter((x) => x.stepKey === 'year_check');
    await mine.manager.api.post(`/api/journey-tasks/${check?.id}/complete`, {
      version: check?.version,
      outcome: 'done',
    });
    const [after] = await journeyOf(cookie);
    expect(after?.steps.find((s) => s.stepKey === 'year_check')).toMatchObject({ state: 'done', date: '2026-03-01' });

    const theirs = await journeyOf(await ownerCookie(t, other.phone));
    expect(theirs.map((h) => h.unitId)).toEqual([other.unit?.id]);
  });

  it('refuses a caller without an owner session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/portal/journey' });
    expect(res.statusCode).toBe(401);
  });
});
