import { like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { book, owner, type ServicePlace, serviceByCode, servicePlace } from '../../../test/service-factories.js';
import { notifications } from '../../platform/messaging/messaging.tables.js';

let t: TestApp;
let p: ServicePlace;
beforeAll(async () => {
  t = await createTestApp();
});
beforeEach(async () => {
  // Monday 10:00 China time
  t.clock.set(new Date('2026-11-23T02:00:00Z'));
  p = await servicePlace(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;

describe('int', () => {
  it('two staff complete the same step at once: one wins, the other gets 409; the next step starts once', async () => {
    const o = await owner(t, p);
    const visit = await serviceByCode(p, 'pre_delivery_visit');
    const req = await book(p.specialist.api, visit.id, o.customerId, o.unitId);
    const [a, b] = await Promise.all([
      p.specialist.api.post(`/api/service-requests/${req.id}/advance`, { seq: 0, note: '甲' }),
      p.consultant.api.post(`/api/service-requests/${req.id}/advance`, { seq: 0, note: '乙' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('SERVICE_STEP_CONFLICT');
    const detail = (await p.specialist.api.get(`/api/service-requests/${req.id}`)).json();
    expect(detail.currentStep).toBe(1);
    expect(detail.steps.map((s: { status: string }) => s.status)).toEqual([
      'done',
      'active',
      'waiting',
      'waiting',
      'waiting',
    ]);
    expect(['甲', '乙']).toContain(detail.steps[0].note);
    // one clock per started step: the first stopped, the second running
    const clocks = await t.services.sla.clocks.clocksOf(t.db, { type: 'service_request', id: req.id });
    expect(clocks).toHaveLength(2);
    expect(clocks.filter((c) => c.stoppedAt === null)).toHaveLength(1);
  });

  it('a step left undone past its limit warns and breaches through the SLA sweep; done, its clock stops', async () => {
    const o = await owner(t, p);
    const legal = await serviceByCode(p, 'legal_consulting');
    const req = await book(p.specialist.api, legal.id, o.customerId, o.unitId);
    const [clock] = await t.services.sla.clocks.clocksOf(t.db, { type: 'service_request', id: req.id }, { open: true });
    // the first step has one working day (8 working hours): the warning at 80%
    expect(clock).toMatchObject({ node: 'step', limitMinutes: 480, warnPercent: 80 });
    await t.services.sla.sweep.run();
    const noticesOf = () =>
      t.db
        .select()
        .from(notifications)
        .where(like(notifications.link, `%${req.id}`));
    expect(await noticesOf()).toEqual([]);
    t.clock.advance(30 * HOUR);
    await t.services.sla.sweep.run();
    const kinds = (await noticesOf()).map((n) => n.kind);
    expect(kinds).toContain('service_request.warn');
    const warn = (await noticesOf()).find((n) => n.kind === 'service_request.warn');
    expect(warn?.params).toMatchObject({ number: req.number, stepZh: '提出问题', stepEn: 'Question' });
    const specialist = await signedIn(t, p.project, ['cr_specialist']);
    const done = await specialist.api.post(`/api/service-requests/${req.id}/advance`, { seq: 0 });
    expect(done.statusCode, done.body).toBe(200);
    const all = await t.services.sla.clocks.clocksOf(t.db, { type: 'service_request', id: req.id });
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ nextCheckAt: null });
    expect(all[0]?.stoppedAt).not.toBeNull();
    expect(all[1]).toMatchObject({ stoppedAt: null, limitMinutes: 5 * 480 });
  });
});
