import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { projectWithUnits } from '../../../../test/property-factories.js';
import { notifications } from '../../../platform/messaging/messaging.tables.js';
import { deliveryBatches } from '../../property/property.tables.js';
import { acceptanceFindings } from '../handover/handover.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-02T02:00:00Z')); // Monday 10:00 China time
});
afterAll(() => t.close());

type Finding = { id: string; version: number; status: string; dueAt: string; overdue: boolean; unitCode: string };

/** A company with a batch of two sold units, its CR manager, a contractor serving it and the contractor's foreman. */
async function batchToInspect() {
  const { company, project } = await cityCompany(t);
  const units = await projectWithUnits(t, project, ['1-1-0101', '1-1-0102', '1-1-0103'], 'sold');
  const manager = await signedIn(t, company, ['cr_manager']);
  const batch = (
    await manager.api.post(`/api/projects/${project.id}/delivery-batches`, { name: '一期', plannedDate: '2026-12-20' })
  ).json();
  await manager.api.post(`/api/delivery-batches/${batch.id}/units`, { unitIds: [units[0]?.id, units[1]?.id] });
  const contractorOrg = await orgUnit(t, company, 'contractor', { name: '渝安建筑' });
  const foreman = await signedIn(t, contractorOrg, ['contractor']);
  const url = `/api/delivery-batches/${batch.id}/acceptance-findings`;
  const finding = (unit: number, severity: 'blocking' | 'normal', extra: object = {}) =>
    manager.api.post(url, {
      unitId: units[unit]?.id,
      room: 'bathroom',
      categoryCode: 'leak',
      severity,
      description: '卫生间地漏返水',
      contractorId: contractorOrg.id,
      ...extra,
    });
  const deliver = (body: object = {}) =>
    manager.api.patch(`/api/delivery-batches/${batch.id}`, { actualDate: '2026-11-20', version: 1, ...body });
  return { company, project, units, manager, batch, contractorOrg, foreman, url, finding, deliver };
}

describe('simulated acceptance', () => {
  it('gives findings to the contractor with a clock, and holds the delivery until blocking ones are verified', async () => {
    const b = await batchToInspect();
    const blocking = await b.finding(0, 'blocking');
    expect(blocking.statusCode, blocking.body).toBe(201);
    // three working days from Monday 10:00
    expect(blocking.json()).toMatchObject({ status: 'open', unitCode: '1-1-0101', overdue: false });
    expect(blocking.json().dueAt).toBe('2026-11-05T02:00:00.000Z');
    expect((await b.finding(1, 'normal', { categoryCode: 'walls' })).statusCode).toBe(201);

    const listed = (await b.manager.api.get(b.url)).json();
    expect(listed.items).toHaveLength(2);
    expect(listed.summary).toMatchObject({ open: 2, openBlocking: 1, verified: 0, unitsWithOpenFindings: 2 });
    expect(listed.summary.byCategory).toEqual([
      { categoryCode: 'leak', open: 1, total: 1 },
      { categoryCode: 'walls', open: 1, total: 1 },
    ]);

    const held = await b.deliver();
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ code: 'ACCEPTANCE_FINDINGS_OPEN', details: { openBlocking: 1 } });
    const [still] = await t.db.select().from(deliveryBatches).where(eq(deliveryBatches.id, b.batch.id));
    expect(still?.actualDate).toBeNull();

    // the contractor sees its work and rectifies; only staff verify, and a fix that did not hold goes back
    const mine = (await b.foreman.api.get('/api/acceptance-findings/mine')).json().items as Finding[];
    expect(mine.map((f) => f.id)).toContain(blocking.json().id);
    const move = (who: typeof b.manager, f: Finding, action: string) =>
      who.api.patch(`/api/acceptance-findings/${f.id}`, { action, version: f.version, note: '已更换地漏' });
    const rectified = await move(b.foreman, blocking.json(), 'rectify');
    expect(rectified.json()).toMatchObject({ status: 'rectified', rectificationNote: '已更换地漏' });
    expect((await move(b.foreman, rectified.json(), 'verify')).statusCode).toBe(403);
    const reopened = await move(b.manager, rectified.json(), 'reopen');
    expect(reopened.json().status).toBe('open');
    const again = await move(b.foreman, reopened.json(), 'rectify');
    const verified = await move(b.manager, again.json(), 'verify');
    expect(verified.json()).toMatchObject({ status: 'verified', overdue: false });
    const wrongState = await move(b.manager, verified.json(), 'verify');
    expect(wrongState.json().code).toBe('ACCEPTANCE_FINDING_STATE');

    const delivered = await b.deliver();
    expect(delivered.statusCode, delivered.body).toBe(200);
    const late = await b.finding(0, 'normal');
    expect(late.json().code).toBe('ACCEPTANCE_BATCH_DELIVERED');
  });

  it('lets a CR manager deliver despite open findings with a reason, audited; others may not', async () => {
    const b = await batchToInspect();
    await b.finding(0, 'blocking');
    const specialist = await signedIn(t, b.company, ['cr_specialist']);
    const tooShort = await b.deliver({ overrideReason: '' });
    expect(tooShort.statusCode).toBe(400);
    const noRight = await specialist.api.patch(`/api/delivery-batches/${b.batch.id}`, {
      actualDate: '2026-11-20',
      version: 1,
      overrideReason: '业主要求按期交付',
    });
    expect(noRight.statusCode).toBe(403);
    const forced = await b.deliver({ overrideReason: '政府验收已通过，问题在交付后 3 日内整改' });
    expect(forced.statusCode, forced.body).toBe(200);
    const audit = (
      await b.manager.api.get(`/api/audit-events?entityId=${b.batch.id}&action=delivery_batch.override`)
    ).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ openBlocking: 1, reason: '政府验收已通过，问题在交付后 3 日内整改' });
  });

  it('warns and escalates a late rectification like a ticket node', async () => {
    const b = await batchToInspect();
    const f = (await b.finding(0, 'blocking')).json() as Finding;
    await signedIn(t, b.project, ['cr_specialist']); // the project's CR desk: the ladder's first level
    t.clock.set(new Date('2026-11-06T02:00:00Z'));
    await t.services.sla.sweep.run();
    const sent = await t.db
      .select()
      .from(notifications)
      .where(like(notifications.link, `%${f.id}%`));
    expect(sent.map((n) => n.kind)).toEqual(expect.arrayContaining(['acceptance_finding.breach']));
    const desk = await signedIn(t, b.company, ['cr_manager']); // (the first session has idled out over four days)
    const listed = (await desk.api.get(b.url)).json().items as Finding[];
    expect(listed[0]?.overdue).toBe(true);
    t.clock.set(new Date('2026-11-02T02:00:00Z'));
  });

  it('refuses bad input and other subtrees, writing nothing', async () => {
    const b = await batchToInspect();
    const other = await batchToInspect();
    const outside = await b.finding(2, 'normal');
    expect(outside.json().code).toBe('ACCEPTANCE_UNIT_NOT_IN_BATCH');
    const foreignContractor = await b.finding(0, 'normal', { contractorId: other.contractorOrg.id });
    expect(foreignContractor.json().code).toBe('ACCEPTANCE_CONTRACTOR_INVALID');
    const badRoom = await b.finding(0, 'normal', { room: 'garage' });
    expect(badRoom.statusCode).toBe(400);
    const foreign = await other.manager.api.post(b.url, {
      unitId: b.units[0]?.id,
      room: 'bathroom',
      categoryCode: 'leak',
      severity: 'normal',
      description: '越权',
    });
    expect(foreign.statusCode).toBe(404);
    expect((await other.manager.api.get(b.url)).statusCode).toBe(404);
    const written = await t.db
      .select()
      .from(acceptanceFindings)
      .where(and(eq(acceptanceFindings.batchId, b.batch.id)));
    expect(written).toEqual([]);

    const f = (await b.finding(0, 'normal')).json() as Finding;
    expect((await other.foreman.api.get('/api/acceptance-findings/mine')).json().items).toEqual([]);
    const stranger = await other.foreman.api.patch(`/api/acceptance-findings/${f.id}`, {
      action: 'rectify',
      version: f.version,
    });
    expect(stranger.statusCode).toBe(404);
    const stale = await b.foreman.api.patch(`/api/acceptance-findings/${f.id}`, { action: 'rectify', version: 99 });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });
});
