import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';

/** Property-company visits (物业走访): record, list by project and month, export; scope and permissions. */
let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;
let staff: Awaited<ReturnType<typeof signedIn>>;
let unitId: string;
let otherUnitId: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  place = await cityCompany(t);
  const [unit] = await projectWithUnits(t, place.project, ['8-1-0101']);
  unitId = unit?.id as string;
  const other = await orgUnit(t, place.company, 'project');
  const [otherUnit] = await projectWithUnits(t, other, ['9-1-0101']);
  otherUnitId = otherUnit?.id as string;
  // a property-company member working journeys (journeys.work, not property.manage)
  staff = await signedIn(t, place.company, ['department_staff']);
});
afterAll(() => t.close());

const visit = (extra: Record<string, unknown> = {}) => ({
  projectId: place.project.id,
  unitId,
  visitedOn: '2026-11-20',
  issues: '门口绿化带积水',
  measures: '已报工程部疏通',
  ...extra,
});

describe('happy', () => {
  it('records a visit by the signed-in user, lists it by project and month, audited', async () => {
    const res = await staff.api.post('/api/property-visits', visit());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      projectId: place.project.id,
      projectName: place.project.name,
      unitCode: '8-1-0101',
      visitorUserId: staff.user.id,
      visitorName: staff.user.displayName,
      visitedOn: '2026-11-20',
      imported: false,
    });
    const named = await staff.api.post(
      '/api/property-visits',
      visit({ visitedOn: '2026-10-31', visitorName: '王师傅' }),
    );
    expect(named.json()).toMatchObject({ visitorUserId: null, visitorName: '王师傅' });

    const all = (await staff.api.get(`/api/property-visits?projectId=${place.project.id}`)).json();
    expect(all.items.map((v: { visitedOn: string }) => v.visitedOn)).toEqual(['2026-11-20', '2026-10-31']);
    const nov = (await staff.api.get('/api/property-visits?month=2026-11')).json();
    expect(nov.items).toHaveLength(1);
    const paged = (await staff.api.get('/api/property-visits?limit=1')).json();
    expect(paged.items).toHaveLength(1);
    const next = (await staff.api.get(`/api/property-visits?limit=1&cursor=${paged.nextCursor}`)).json();
    expect(next.items[0].visitedOn).toBe('2026-10-31');
    expect(next.nextCursor).toBeNull();

    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'property_visit.record'));
    expect(audits).toHaveLength(2);
  });

  it('exports the filtered visits as .xlsx', async () => {
    const res = await staff.api.post(`/api/property-visits/export?projectId=${place.project.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(2).getCell(2).value).toBe('8-1-0101');
  });
});

describe('error', () => {
  it('refuses a future day, a unit of another project and a bad month', async () => {
    const future = await staff.api.post('/api/property-visits', visit({ visitedOn: '2026-11-25' }));
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'visitedOn' } });
    const wrongUnit = await staff.api.post('/api/property-visits', visit({ unitId: otherUnitId }));
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json()).toMatchObject({ details: { field: 'unitId' } });
    expect((await staff.api.post('/api/property-visits', visit({ visitedOn: '2026-02-30x' }))).statusCode).toBe(400);
    expect((await staff.api.get('/api/property-visits?month=2026-13')).statusCode).toBe(400);
    expect((await staff.api.get('/api/property-visits?cursor=abc')).statusCode).toBe(400);
  });
});

describe('security', () => {
  it('keeps visits to the scope, and refuses recorders without property.manage or journeys.work', async () => {
    const other = await cityCompany(t);
    const stranger = await signedIn(t, other.company, ['cr_manager']);
    expect((await stranger.api.post('/api/property-visits', visit())).statusCode).toBe(404);
    const listed = (await stranger.api.get(`/api/property-visits?projectId=${place.project.id}`)).json();
    expect(listed.items).toEqual([]);
    const hotline = await signedIn(t, place.company, ['hotline_agent']);
    expect((await hotline.api.post('/api/property-visits', visit())).statusCode).toBe(403);
    const club = await signedIn(t, place.company, ['club_staff']);
    expect((await club.api.get('/api/property-visits')).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/property-visits' });
    expect(anonymous.statusCode).toBe(401);
  });
});
