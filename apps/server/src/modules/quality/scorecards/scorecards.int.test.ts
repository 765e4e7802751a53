import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { KpiWorld } from '../../../../test/kpi-factories.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { queryRows } from '../../../platform/db/database.js';
import type { OrgUnitRow } from '../../org/org.tables.js';
import { users } from '../../org/org.tables.js';

/**
 * A scenario a person can count by hand (docs/quality.md, "Scorecards"): in October 2026 contractor X has four
 * repair items on a batch of ten delivered units (one a repeat of the same bathroom leak), contractor Y one; in
 * September X had one. A design-caused repair with the 图纸不符 flag has no supplier.
 */
let t: TestApp;
let w: KpiWorld;
let x: OrgUnitRow;
let y: OrgUnitRow;
let manager: Awaited<ReturnType<typeof signedIn>>;
let contractorStaff: Awaited<ReturnType<typeof signedIn>>;
let other: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-10T02:00:00Z'));
  const { company, project } = await cityCompany(t);
  w = new KpiWorld(t, company, project);
  x = await orgUnit(t, company, 'contractor', { name: '恒达防水' });
  y = await orgUnit(t, company, 'contractor', { name: '建工装饰' });
  manager = await signedIn(t, company, ['cr_manager']);
  contractorStaff = await signedIn(t, x, ['contractor']);
  other = await signedIn(t, (await cityCompany(t)).company, ['cr_manager']);

  const batch = await w.batch('一批', { actualDate: '2026-06-01' });
  const building = await w.building('1', '一期');
  const homes = [];
  for (let i = 0; i < 10; i++)
    homes.push(await w.unit(building, batch, { productType: 'T1', layout: i < 5 ? '三室两厅' : '两室一厅' }));
  const [u1, u2, u3, u4, u5, u6] = homes as [(typeof homes)[0], ...typeof homes];
  const repair = (
    unit: { id: string } | undefined,
    reported: string,
    closed: string | null,
    more: Parameters<KpiWorld['ticket']>[0] extends infer O ? Partial<O> : never,
  ) =>
    w.ticket({
      unit,
      reported,
      history: closed ? [[closed, 'closed']] : [],
      ...more,
    });
  const leak1 = await repair(u1, '2026-10-02 09:00', '2026-10-03 09:00', {
    category: 'leak',
    room: 'bathroom',
    rootCause: 'workmanship',
    responsibleOrgId: x.id,
  });
  const leak2 = await repair(u1, '2026-10-20 09:00', '2026-10-22 09:00', {
    category: 'leak',
    room: 'bathroom',
    rootCause: 'workmanship',
    responsibleOrgId: x.id,
  });
  const pipe = await repair(u2, '2026-10-05 09:00', '2026-10-05 21:00', {
    category: 'plumbing',
    room: 'kitchen',
    rootCause: 'material',
    responsibleOrgId: x.id,
  });
  await repair(u3, '2026-10-10 09:00', null, { category: 'walls', room: 'bedroom', responsibleOrgId: x.id });
  await w.callback('repair_callback', { ticketId: leak1 }, 5, '2026-10-04 10:00');
  await w.callback('repair_callback', { ticketId: leak2 }, 2, '2026-10-23 10:00');
  await w.callback('repair_callback', { ticketId: pipe }, 4, '2026-10-06 10:00');
  await w.callback('repair_callback', { ticketId: pipe }, null, '2026-10-06 11:00');
  // left out: a cancelled repair, and one merged into another
  const cancelled = await repair(u3, '2026-10-11 09:00', null, { responsibleOrgId: x.id });
  await t.db.execute(sql`update tickets set status = 'cancelled' where id = ${cancelled}`);
  await repair(u3, '2026-10-12 09:00', null, { responsibleOrgId: x.id, mergedInto: leak1 });
  await repair(u4, '2026-10-08 09:00', '2026-10-09 09:00', { category: 'walls', responsibleOrgId: y.id });
  await repair(u5, '2026-09-15 09:00', '2026-09-16 09:00', {
    category: 'leak',
    room: 'bathroom',
    responsibleOrgId: x.id,
  });
  await repair(u6, '2026-10-15 09:00', null, {
    category: 'doors_windows',
    room: 'bedroom',
    rootCause: 'design',
    drawingMismatch: true,
  });
});
afterAll(() => t.close());

describe('supplier scorecards', () => {
  it('counts a supplier’s month as a person would, ranks it and shows its trend', async () => {
    const res = await manager.api.get('/api/quality/scorecards?period=2026-10');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.previousPeriod).toBe('2026-09');
    expect(body.items.map((r: { supplierName: string }) => r.supplierName)).toEqual(['建工装饰', '恒达防水']);
    expect(body.items[1]).toMatchObject({
      supplierId: x.id,
      rank: 2,
      repairs: 4,
      deliveredUnits: 10,
      per100Units: 40,
      repeats: 1,
      repeatShare: 0.25,
      fixed: 3,
      avgHoursToFix: 28,
      p90HoursToFix: 43.2,
      callbacks: 3,
      satisfied: 2,
      satisfaction: 0.6667,
      rootCaused: 3,
      materialShare: 0.3333,
      workmanshipShare: 0.6667,
      previousPer100Units: 10,
      previousRank: 1,
      trend: 'worse',
      watched: false,
    });
    expect(body.items[0]).toMatchObject({ rank: 1, repairs: 1, per100Units: 10, trend: null, previousRank: null });

    const leaks = (await manager.api.get('/api/quality/scorecards?period=2026-10&category=leak')).json();
    expect(leaks.items).toEqual([expect.objectContaining({ supplierId: x.id, repairs: 2, repeats: 1 })]);
    const quarter = (await manager.api.get('/api/quality/scorecards?period=2026-Q4')).json();
    expect(quarter.previousPeriod).toBe('2026-Q3');
    expect(quarter.items.find((r: { supplierId: string }) => r.supplierId === x.id)).toMatchObject({ repairs: 4 });
  });

  it('details a supplier by category × project × batch and by month', async () => {
    const res = await manager.api.get(`/api/quality/scorecards/${x.id}?period=2026-10`);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card.supplier).toMatchObject({ repairs: 4, rank: 2 });
    expect(card.cells).toEqual([
      expect.objectContaining({ category: 'leak', projectId: w.project.id, batchName: '一批', repairs: 2, repeats: 1 }),
      expect.objectContaining({ category: 'plumbing', repairs: 1, materialShare: 1, per100Units: 10 }),
      expect.objectContaining({ category: 'walls', repairs: 1, fixed: 0, avgHoursToFix: null }),
    ]);
    expect(card.months).toHaveLength(12);
    expect(card.months.at(-1)).toMatchObject({ month: '2026-10', repairs: 4, repeats: 1, satisfaction: 0.6667 });
    expect(card.months.at(-2)).toMatchObject({ month: '2026-09', repairs: 1 });
    expect(card.months[0]).toMatchObject({ month: '2025-11', repairs: 0, satisfaction: null });
  });

  it('shows a contractor only its own scorecard, and other companies nothing of this one', async () => {
    const own = (await contractorStaff.api.get('/api/quality/scorecards?period=2026-10')).json();
    expect(own.items.map((r: { supplierId: string }) => r.supplierId)).toEqual([x.id]);
    expect((await contractorStaff.api.get(`/api/quality/scorecards/${x.id}?period=2026-10`)).statusCode).toBe(200);
    const peek = await contractorStaff.api.get(`/api/quality/scorecards/${y.id}?period=2026-10`);
    expect([peek.statusCode, peek.json().code]).toEqual([404, 'QUALITY_SUPPLIER_NOT_FOUND']);
    expect((await contractorStaff.api.get('/api/quality/design-feedback?period=2026-10')).statusCode).toBe(403);

    expect((await other.api.get('/api/quality/scorecards?period=2026-10')).json().items).toEqual([]);
    expect((await other.api.get(`/api/quality/scorecards/${x.id}?period=2026-10`)).statusCode).toBe(404);
  });

  it('exports the ranking as .xlsx in the reader’s language, audited', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/quality/scorecards/export?period=2026-10',
      headers: { cookie: manager.session.cookie, 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = sheet?.getRow(3).values as unknown[];
    expect(header).toContain('Repairs per 100 units');
    const xRow = sheet?.getRow(5).values as unknown[];
    expect(xRow).toEqual(expect.arrayContaining([2, '恒达防水', 4, 10, 40, 'worse']));
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'quality_scorecard.export'));
    expect(audits).toHaveLength(1);
  });
});

describe('the watch list', () => {
  it('puts a supplier on the watch list with a reason and takes it off, audited; the flag shows everywhere', async () => {
    const on = await manager.api.put(`/api/quality/suppliers/${x.id}/watch`, { watched: true, reason: '重复渗漏' });
    expect(on.statusCode, on.body).toBe(200);
    expect(
      (await manager.api.put(`/api/quality/suppliers/${x.id}/watch`, { watched: true, reason: '再次' })).statusCode,
    ).toBe(200);
    const watched = (await manager.api.get('/api/quality/suppliers/watched')).json();
    expect(watched.items).toEqual([
      expect.objectContaining({ supplierId: x.id, supplierName: '恒达防水', reason: '重复渗漏' }),
    ]);
    const card = (await manager.api.get(`/api/quality/scorecards/${x.id}?period=2026-10`)).json();
    expect(card.supplier.watched).toBe(true);
    expect(card.watch).toMatchObject({ reason: '重复渗漏', byName: '测试用户' });
    expect((await other.api.get('/api/quality/suppliers/watched')).json().items).toEqual([]);

    expect((await manager.api.put(`/api/quality/suppliers/${x.id}/watch`, { watched: false })).statusCode).toBe(200);
    expect((await manager.api.get('/api/quality/suppliers/watched')).json().items).toEqual([]);
    const audits = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_events where entity_id = ${x.id} and action like 'quality_supplier.%' order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['quality_supplier.watch', 'quality_supplier.unwatch']);
  });

  it('refuses a watch without a reason, by a contractor, or of a supplier out of scope — writing nothing', async () => {
    const noReason = await manager.api.put(`/api/quality/suppliers/${y.id}/watch`, { watched: true, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const byContractor = await contractorStaff.api.put(`/api/quality/suppliers/${x.id}/watch`, {
      watched: true,
      reason: '自查',
    });
    expect(byContractor.statusCode).toBe(403);
    const outOfScope = await other.api.put(`/api/quality/suppliers/${y.id}/watch`, { watched: true, reason: '越权' });
    expect([outOfScope.statusCode, outOfScope.json().code]).toEqual([404, 'QUALITY_SUPPLIER_NOT_FOUND']);
    expect((await manager.api.get('/api/quality/suppliers/watched')).json().items).toEqual([]);
    expect((await manager.api.get('/api/quality/scorecards?period=2026-13')).statusCode).toBe(400);
  });
});

describe('hostile input', () => {
  it('answers 4xx and writes nothing for NUL bytes, malformed ids and periods, or an org that is not a supplier', async () => {
    const nul = await manager.api.put(`/api/quality/suppliers/${x.id}/watch`, { watched: true, reason: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    expect((await manager.api.get('/api/quality/scorecards/not-a-uuid?period=2026-10')).statusCode).toBe(400);
    expect((await manager.api.get('/api/quality/scorecards?period=99999999')).statusCode).toBe(400);
    expect((await manager.api.get('/api/quality/design-feedback?period=2026-Q5')).statusCode).toBe(400);
    const company = await manager.api.get(`/api/quality/scorecards/${w.company.id}?period=2026-10`);
    expect([company.statusCode, company.json().code]).toEqual([404, 'QUALITY_SUPPLIER_NOT_FOUND']);
    expect((await manager.api.get('/api/quality/suppliers/watched')).json().items).toEqual([]);
  });
});

describe('design feedback', () => {
  it('lists design-caused repairs by product type, layout and part, with the drawing-mismatch flag', async () => {
    const res = await manager.api.get('/api/quality/design-feedback?period=2026-10');
    expect(res.statusCode, res.body).toBe(200);
    const feedback = res.json();
    expect(feedback.totals).toEqual({ repairs: 6, designRepairs: 1, drawingMismatches: 1, designShare: 0.1667 });
    expect(feedback.rows).toEqual([
      {
        projectId: w.project.id,
        projectName: w.project.name,
        productType: 'T1',
        layout: '两室一厅',
        room: 'bedroom',
        category: 'doors_windows',
        repairs: 1,
        households: 1,
        drawingMismatches: 1,
      },
    ]);
    expect(feedback.acrossProjects).toHaveLength(1);
  });
});

describe('the monthly scorecard to procurement', () => {
  it('tells each company’s procurement staff once, in the console and by e-mail', async () => {
    const procurement = await orgUnit(t, w.company, 'department', { departmentKind: 'procurement' });
    const buyer = await signedIn(t, procurement, ['department_staff']);
    await t.db.update(users).set({ email: 'buyer@example.com' }).where(eq(users.id, buyer.user.id));
    t.clock.set(new Date('2026-11-03T01:00:00Z'));
    const first = await t.services.quality.scorecardMailing.run();
    expect(first.month).toBe('2026-10');
    expect(first.companies).toContain(w.company.id);
    await t.services.quality.scorecardMailing.run();
    const mails = await queryRows<{ template: string; recipient: string }>(
      t.db,
      sql`select template, recipient from outbox_messages where template = 'quality_scorecard.ready'`,
    );
    expect(mails).toEqual([{ template: 'quality_scorecard.ready', recipient: 'buyer@example.com' }]);
    const notices = (await buyer.api.get('/api/notifications')).json();
    expect(notices.items).toEqual([
      expect.objectContaining({
        kind: 'quality_scorecard.ready',
        params: expect.objectContaining({ period: '2026-10' }),
      }),
    ]);
  });
});
