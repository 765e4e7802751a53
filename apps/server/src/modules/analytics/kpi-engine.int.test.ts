import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { KpiWorld } from '../../../test/kpi-factories.js';
import type { OrgUnitRow } from '../org/org.tables.js';

let t: TestApp;
let w: KpiWorld;
let depts: { cr: OrgUnitRow; eng: OrgUnitRow; property: OrgUnitRow; contractor: OrgUnitRow };
let exec: Awaited<ReturnType<typeof signedIn>>;
let batches: Record<'b1' | 'b2' | 'b3', { id: string }>;

/**
 * One project's October 2026, written record by record, and the figures a person counts from KPIS.md by hand
 * (each expectation says how). The clock stands on 10 November: October was closed on the 5th.
 */
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-10T02:00:00Z'));
  const { company, project } = await cityCompany(t);
  w = new KpiWorld(t, company, project);
  depts = {
    cr: await orgUnit(t, company, 'department', { departmentKind: 'customer_relations' }),
    eng: await orgUnit(t, company, 'department', { departmentKind: 'engineering' }),
    property: await orgUnit(t, company, 'department', { departmentKind: 'property_company' }),
    contractor: await orgUnit(t, company, 'contractor'),
  };
  exec = await signedIn(t, company, ['executive']);

  const b1 = await w.batch('一批', { plannedDate: '2026-09-01', actualDate: '2026-09-01' });
  const b2 = await w.batch('二批', { plannedDate: '2026-09-10', actualDate: '2026-09-10' });
  const b3 = await w.batch('三批', { plannedDate: '2026-10-25', areaReportDate: '2026-10-05' });
  batches = { b1, b2, b3 };
  const building = await w.building('1', '一期');
  const u1 = await w.unit(building, b1);
  const u2 = await w.unit(building, b1);
  await w.unit(building, b1); // u3: no owner
  const u4 = await w.unit(building, b1);
  const u5 = await w.unit(building, b2, { finish: 'bare' });
  const u6 = await w.unit(building, b2, { finish: 'bare' });
  await w.unit(building, b2, { finish: 'bare' }); // u7: no owner
  const other = await w.building('2', '二期'); // a phase with no delivered unit: no K11 figure
  await w.unit(other, b3, { area: 90, surveyedArea: 90 });
  await w.unit(other, b3, { area: 100, surveyedArea: 99.5 });

  await w.owner(u1, { deliveryDate: '2026-09-01', moveInDate: '2026-09-05' });
  await w.owner(u2, { deliveryDate: '2026-09-01' });
  await w.owner(u4, {});
  await w.owner(u5, { deliveryDate: '2026-09-10', moveInDate: '2026-09-20' });
  await w.owner(u6, { deliveryDate: '2026-09-10', signedOn: '2026-10-15' });

  // K1: clocks held by CR, engineering and a contractor
  const t1 = await w.ticket({ unit: u1, reported: '2026-09-03' });
  await w.clock(t1, depts.cr, '2026-10-02', '2026-10-01', 'reception'); // Oct, met
  await w.clock(t1, depts.eng, '2026-10-10', '2026-10-12'); // Oct, missed
  await w.clock(t1, depts.eng, '2026-10-20', null); // running past its deadline: Oct, missed
  await w.clock(t1, depts.contractor, '2026-11-05', '2026-10-30', 'work_order'); // Oct, met (contractor's own)
  await w.clock(t1, depts.eng, '2026-09-25', '2026-10-03'); // September's, missed there
  await w.clock(t1, depts.eng, '2026-10-31 12:00', '2026-11-02'); // Oct, missed
  const cancelled = await w.ticket({ unit: u1, reported: '2026-10-01', history: [['2026-10-06', 'cancelled']] });
  await w.clock(cancelled, depts.eng, '2026-10-06', '2026-10-05'); // left out

  // K4 / K8 on batch two (D = 09-10): open at the end of D+45 (10-25)
  const r1 = await w.ticket({ unit: u5, reported: '2026-09-12' });
  await w.ticket({ unit: u5, reported: '2026-09-15', history: [['2026-10-01', 'closed']] });
  await w.ticket({
    unit: u5,
    reported: '2026-09-20',
    history: [
      ['2026-10-01', 'closed'],
      ['2026-10-20', 'processing'],
      ['2026-11-01', 'closed'],
    ],
  });
  await w.ticket({ unit: u5, reported: '2026-10-26' }); // after day 45
  await w.ticket({ unit: u5, reported: '2026-09-11', history: [['2026-10-02', 'cancelled']] });
  await w.ticket({ unit: u5, reported: '2026-10-20', history: [['2026-10-30', 'closed']] });
  await w.ticket({ unit: u6, reported: '2026-09-20' }); // u6 took possession on 10-15: not a K8 household

  // K7: leaks in October on households moved in when reported
  await w.ticket({ unit: u6, reported: '2026-10-10', category: 'leak' }); // u6 moved in 10-15: not yet
  await w.ticket({ unit: u6, reported: '2026-10-20', category: 'leak' });
  await w.ticket({ unit: u5, reported: '2026-10-05', category: 'plumbing', leak: true });

  // K11: drawing mismatches after move-in
  await w.ticket({ unit: u5, reported: '2026-10-01', drawingMismatch: true, history: [['2026-10-03', 'closed']] });
  await w.ticket({ unit: u2, reported: '2026-08-30', drawingMismatch: true }); // before u2's possession (09-01)

  // K2 / K3: repair callbacks answered in October; K13 / K14: sales callbacks
  for (const [score, when] of [
    [5, '2026-10-02'],
    [4, '2026-10-03'],
    [3, '2026-10-04'],
    [2, '2026-10-05'],
    [1, '2026-10-06'],
    [5, '2026-11-02'],
    [null, '2026-10-07'],
  ] as const)
    await w.callback('repair_callback', { ticketId: r1 }, score, when);
  const complaint = await w.ticket({ type: 'complaint', reported: '2026-10-01' });
  await w.callback('repair_callback', { ticketId: complaint }, 1, '2026-10-08'); // not a repair
  await w.callback('sales_callback', { unitId: u4.id }, 5, '2026-10-09');
  await w.callback('sales_callback', { unitId: u4.id }, 1, '2026-10-10');

  // K10 and managed (K16, K17): batch one handed over 09-20 (so managed all October)
  await w.propertyHandover(b1.id, '2026-09-20');
  await w.propertyHandover(b2.id, '2026-10-12', { timely: true, complete: true, at: '2026-10-20' });
  await w.propertyHandover(b3.id, '2026-10-28', { timely: true, complete: false, at: '2026-11-06' }); // after the snapshot
  await w.openDay('2026-10-08', [
    { kind: 'suggestion', status: 'answered', doneAt: '2026-10-10' },
    { kind: 'suggestion', status: 'answered', doneAt: '2026-11-06' },
    { kind: 'suggestion', status: 'open' },
    { kind: 'issue', status: 'verified', doneAt: '2026-10-20' },
    { kind: 'issue', status: 'rectified' },
  ]);
  await w.visit(u1.id, '2026-10-03');
  await w.visit(u1.id, '2026-10-13');
  await w.visit(u2.id, '2026-10-23');
  const measure = await w.ticket({ type: 'complaint', reported: '2026-10-01' });
  await w.workOrder(measure, depts.property, '2026-10-10', '2026-10-15');
  await w.workOrder(measure, depts.property, '2026-10-20', null);
});
afterAll(() => t.close());

async function figure(kpi: string, scope: string, period = '2026-10', extra = '') {
  const res = await exec.api.get(`/api/kpis/values?kpi=${kpi}&scope=${scope}&period=${period}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    scopeId: string;
    value: number | null;
    numerator: number;
    denominator: number;
    target: number;
    met: boolean | null;
    state: string;
  }[];
}
const one = async (kpi: string, scope: string, extra = '') => (await figure(kpi, scope, '2026-10', extra))[0];

describe('the KPI engine on one hand-counted month', () => {
  it('K1 counts each clock once for the department that held it; the city pools its departments only', async () => {
    expect(await one('K1', depts.cr.id)).toMatchObject({ numerator: 1, denominator: 1, value: 1, met: true });
    expect(await one('K1', depts.eng.id)).toMatchObject({ numerator: 0, denominator: 3, value: 0, met: false });
    expect(await one('K1', depts.contractor.id)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(await one('K1', w.company.id)).toMatchObject({ numerator: 1, denominator: 4, value: 0.25, state: 'closed' });
  });

  it('K2 / K3 and K13 / K14 count answered callbacks of the month by score', async () => {
    expect(await one('K2', w.project.id)).toMatchObject({ numerator: 2, denominator: 5, value: 0.4, met: false });
    expect(await one('K3', w.project.id)).toMatchObject({ numerator: 2, denominator: 5, met: false });
    expect(await one('K13', w.project.id)).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await one('K14', w.project.id)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('K4 counts the items open at the end of day 45, per batch, frozen on day 46', async () => {
    const b2 = await one('K4', w.project.id, `&batchId=${batches.b2.id}`);
    // r1, the ticket reopened on 10-20, the one closed on 10-30, and unit 6's three open items (possession is no
    // condition for K4); not the one closed on 10-01, the cancelled one, nor the one reported on day 46
    expect(b2).toMatchObject({ value: 7, numerator: 7, target: 30, met: true });
    // batch one: the unit-1 ticket, still open; the month's project figure averages the two batches
    expect(await one('K4', w.project.id, `&batchId=${batches.b1.id}`)).toMatchObject({ value: 1 });
    expect(await one('K4', w.project.id)).toMatchObject({ numerator: 8, denominator: 2, value: 4 });
  });

  it('K7 divides leaks on moved-in households by the households moved in at the month’s end', async () => {
    expect(await one('K7', w.project.id)).toMatchObject({ numerator: 2, denominator: 4, value: 0.5, met: false });
  });

  it('K8 counts items of D..D+30 per household in possession by D+30, with the 毛坯 target halved', async () => {
    // unit 5 only (unit 6 took possession on 10-15): r1, 09-15, 09-20, the leak of 10-05, the mismatch of 10-01
    expect(await one('K8', w.project.id, `&batchId=${batches.b2.id}`)).toMatchObject({
      numerator: 5,
      denominator: 1,
      value: 5,
      target: 1.15,
      met: false,
    });
    expect(await one('K8', w.project.id, `&batchId=${batches.b1.id}`)).toMatchObject({
      numerator: 1,
      denominator: 2,
      target: 2.3,
      met: true,
    });
  });

  it('K5, K6, K10, K11, K15, K16 and K17 follow KPIS.md', async () => {
    expect(await one('K5', w.project.id)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(await one('K6', w.project.id)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await one('K10', w.project.id)).toMatchObject({ numerator: 1, denominator: 1, met: true });
    const k11 = await one('K11', w.project.id);
    expect(k11).toMatchObject({ numerator: 1, denominator: 7 });
    expect(k11?.value).toBeCloseTo(6 / 7);
    expect(await one('K15', w.project.id)).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await one('K15T', w.project.id)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(await one('K16', w.project.id)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await one('K17', w.project.id)).toMatchObject({ numerator: 2, denominator: 1, value: 2, met: false });
    // K19, reported in October (the second month of September–October): the only project of its region ranks first
    expect(await one('K19', w.project.id)).toMatchObject({ value: 1, target: 3, met: true });
  });

  it('drills a figure down to the records it counted', async () => {
    const res = await exec.api.get(`/api/kpis/drilldown?kpi=K1&scope=${depts.eng.id}&period=2026-10&part=all&limit=2`);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = await exec.api.get(
      `/api/kpis/drilldown?kpi=K1&scope=${depts.eng.id}&period=2026-10&limit=2&cursor=${first.nextCursor}`,
    );
    expect([...first.items, ...rest.json().items].map((i: { label: string }) => i.label)).toHaveLength(3);
    expect(rest.json().nextCursor).toBeNull();
  });

  it('shows the executive every KPI of the month against its target, its trend and the projects ranked', async () => {
    const res = await exec.api.get(`/api/dashboards?kind=executive&scope=${w.company.id}&period=2026-10`);
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json();
    expect(board.kpis).toHaveLength(20);
    const k1 = board.kpis.find((k: { kpi: string }) => k.kpi === 'K1');
    expect(k1).toMatchObject({ value: 0.25, target: 1, met: false, rag: 'red' });
    expect(k1.trend).toHaveLength(12);
    expect(k1.trend.at(-1)).toMatchObject({ period: '2026-10', value: 0.25 });
    expect(board.kpis.find((k: { kpi: string }) => k.kpi === 'K10')).toMatchObject({ rag: 'green' });
    expect(board.projects).toEqual([
      expect.objectContaining({ rank: 1, project: expect.objectContaining({ id: w.project.id }) }),
    ]);
    expect(board.projects[0].red).toContain('K2');
    // a filter the snapshot does not carry is summed from the facts: 毛坯 units only
    const bare = await exec.api.get(`/api/dashboards?kind=executive&scope=${w.company.id}&period=2026-10&finish=bare`);
    const k8 = bare.json().kpis.find((k: { kpi: string }) => k.kpi === 'K8');
    expect(k8).toMatchObject({ numerator: 5, denominator: 1 });
  });

  it('shows a department its K1 and open work, and a CR manager today’s counts', async () => {
    const dept = await exec.api.get(`/api/dashboards?kind=department&scope=${depts.eng.id}&period=2026-10`);
    expect(dept.statusCode, dept.body).toBe(200);
    expect(dept.json()).toMatchObject({ kind: 'department', k1: { numerator: 0, denominator: 3, rag: 'red' } });
    const notDept = await exec.api.get(`/api/dashboards?kind=department&scope=${w.project.id}`);
    expect(notDept.json().code).toBe('DASHBOARD_NOT_A_DEPARTMENT');
    const manager = await exec.api.get(`/api/dashboards?kind=manager&scope=${w.company.id}`);
    expect(manager.statusCode, manager.body).toBe(200);
    expect(manager.json()).toMatchObject({ kind: 'manager', today: '2026-11-10' });
    expect(manager.json().open).toBeGreaterThan(5);
    expect(manager.json().backlogByAge).toHaveLength(5);
  });

  it('reports the month’s complaints by type, cause and project, each department’s K1, and exports it', async () => {
    const res = await exec.api.get(`/api/reports/complaints?scope=${w.company.id}&period=2026-10`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    // reported in October, neither cancelled nor merged: 6 repairs (10-01 mismatch, 10-05, 10-10, 10-20 ×2, 10-26)
    // and 2 complaints
    expect(report.byType).toEqual([
      { key: 'repair', count: 6 },
      { key: 'complaint', count: 2 },
    ]);
    expect(report.total).toBe(8);
    expect(report.byCategory).toContainEqual({ key: 'leak', count: 2 });
    expect(report.reopened).toBe(1); // the one closed on 10-01 and reopened on 10-20
    expect(report.timeliness).toContainEqual(
      expect.objectContaining({ scopeId: depts.eng.id, numerator: 0, denominator: 3 }),
    );
    expect(report.timeliness).toContainEqual(expect.objectContaining({ scopeId: depts.contractor.id, numerator: 1 }));
    const file = await exec.api.get(`/api/reports/complaints/export?scope=${w.company.id}&period=2026-10`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toContain('按类型');
    expect(wb.getWorksheet('按类型')?.getRow(2).values).toEqual([undefined, '报修', 6]);
  });

  it('ranks projects for the year’s quality awards, with eligibility, the winner and hand-entered awards', async () => {
    const list = await exec.api.get('/api/awards');
    expect(list.json().items).toHaveLength(9);
    const callback = await exec.api.get(`/api/awards/ranking?award=repair_callback&year=2026&scope=${w.company.id}`);
    expect(callback.statusCode, callback.body).toBe(200);
    // K2 has data in October only (40 %): below 88 %, so no winner
    expect(callback.json().items).toEqual([
      expect.objectContaining({ rank: 1, value: 0.4, basis: 1, eligible: false, winner: false }),
    ]);
    // batches delivered in 2026 that are not 毛坯: batch one only (1 item ÷ 2 households)
    const delivery = await exec.api.get(
      `/api/awards/ranking?award=repairs_at_delivery&year=2026&scope=${w.company.id}`,
    );
    expect(delivery.json().items).toEqual([
      expect.objectContaining({ value: 0.5, basis: 1, eligible: true, winner: true }),
    ]);
    const ranking = await exec.api.get(`/api/awards/ranking?award=bimonthly_ranking&year=2026&scope=${w.company.id}`);
    expect(ranking.json().items).toEqual([expect.objectContaining({ value: 1, eligible: true, winner: true })]);
    const manager = await signedIn(t, w.company, ['cr_manager']);
    const entry = await manager.api.post('/api/awards/entries', {
      year: 2026,
      projectId: w.project.id,
      title: '市优质结构工程奖',
      awardedOn: '2026-09-01',
    });
    expect(entry.statusCode, entry.body).toBe(200);
    const first = await exec.api.get(
      `/api/awards/ranking?award=first_professional_award&year=2026&scope=${w.company.id}`,
    );
    expect(first.json().items).toEqual([
      expect.objectContaining({ winner: true, note: '2026-09-01 市优质结构工程奖' }),
    ]);
    const refused = await exec.api.post('/api/awards/entries', {
      year: 2026,
      projectId: w.project.id,
      title: '省级奖项',
      awardedOn: '2026-09-01',
    });
    expect(refused.statusCode).toBe(403);
    const file = await exec.api.get(
      `/api/awards/ranking/export?award=repairs_at_delivery&year=2026&scope=${w.company.id}`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });

  it('exports a KPI table with values, targets, numerators and denominators', async () => {
    const res = await exec.api.get(`/api/kpis/values/export?scope=${w.company.id}&period=2026-10&children=true`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0]?.getSheetValues() ?? []).slice(2) as unknown[][];
    const k1 = rows.find((r) => r[1] === depts.eng.name && String(r[2]).startsWith('K1 '));
    expect(k1?.slice(4, 9)).toEqual([0, 1, 0, 3, '否']);
  });
});
