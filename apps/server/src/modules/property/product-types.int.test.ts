import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartFile } from '../../../test/multipart.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { units } from './property.tables.js';

/** Product types as a project's controlled list; a unit's surveyed area; a batch's area-report date. */
let t: TestApp;
type Api = Awaited<ReturnType<typeof signedIn>>['api'];
let manager: Awaited<ReturnType<typeof signedIn>>;
let place: Awaited<ReturnType<typeof cityCompany>>;
let unitId: string;

beforeAll(async () => {
  t = await createTestApp();
  place = await cityCompany(t);
  const [unit] = await projectWithUnits(t, place.project, ['1-1-0101']);
  unitId = unit?.id as string;
  manager = await signedIn(t, place.company, ['cr_manager']);
  const project = (await manager.api.get(`/api/projects/${place.project.id}`)).json();
  const res = await manager.api.patch(`/api/projects/${place.project.id}`, {
    version: project.version,
    productTypes: ['高层住宅', '洋房'],
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

const types = async (api: Api = manager.api) =>
  (await api.get(`/api/projects/${place.project.id}/product-types`)).json().items as {
    code: string;
    name: string;
    sort: number;
    active: boolean;
  }[];
const unitNow = async () => (await manager.api.get(`/api/units/${unitId}`)).json();
const put = (code: string, body: unknown, api: Api = manager.api) =>
  api.put(`/api/projects/${place.project.id}/product-types/${encodeURIComponent(code)}`, body);

async function sheet(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房源');
  ws.addRow(['项目编码', '楼栋', '单元', '房号', '产品类型', '查丈面积']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (file: Buffer) => {
  const body = multipartFile('file', 'units.xlsx', file);
  const { cookie, csrf } = manager.session;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports/units',
    headers: { ...body.headers, cookie, 'x-csrf-token': csrf },
    payload: body.payload,
  });
  return res.json();
};

describe('happy', () => {
  it('keeps the project’s list in the table: add, rename, reorder, deactivate; audited', async () => {
    expect(await types()).toMatchObject([
      { code: '高层住宅', name: '高层住宅', sort: 1, active: true },
      { code: '洋房', name: '洋房', sort: 2, active: true },
    ]);
    const added = await put('叠拼', { name: '叠拼别墅', sort: 3 });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ code: '叠拼', name: '叠拼别墅', sort: 3, active: true });
    expect((await put('洋房', { name: '洋房', sort: 2, active: false })).statusCode).toBe(200);
    expect((await types()).map((p) => [p.code, p.active])).toEqual([
      ['高层住宅', true],
      ['洋房', false],
      ['叠拼', true],
    ]);
    const project = (await manager.api.get(`/api/projects/${place.project.id}`)).json();
    expect(project.productTypes).toEqual(['高层住宅', '叠拼']);
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'product_type.upsert'));
    expect(audits.map((a) => (a.after as { code: string }).code)).toEqual(['叠拼', '洋房']);
  });

  it('sets a unit’s type from the list and its surveyed area', async () => {
    const unit = await unitNow();
    const res = await manager.api.patch(`/api/units/${unitId}`, {
      version: unit.version,
      productType: '叠拼',
      surveyedArea: 127.86,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ productType: '叠拼', surveyedArea: 127.86 });
  });

  it('imports the product type and the surveyed area (查丈面积)', async () => {
    const job = await upload(
      await sheet([
        [place.project.code, '2', '1', '0301', '高层住宅', '96.5'],
        [place.project.code, '2', '1', '0302', '洋房', ''],
        [place.project.code, '2', '1', '0303', '别墅', ''],
        [place.project.code, '2', '1', '0304', '', '96.555'],
      ]),
    );
    expect(job).toMatchObject({ imported: 1, failed: 3 });
    const [row] = await t.db.select().from(units).where(eq(units.code, '2-1-0301'));
    expect(row).toMatchObject({ productType: '高层住宅', surveyedArea: 96.5 });
  });

  it('records a batch’s area-report date', async () => {
    const created = await manager.api.post(`/api/projects/${place.project.id}/delivery-batches`, {
      name: '一期',
      areaReportDate: '2026-05-20',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ areaReportDate: '2026-05-20' });
    const edited = await manager.api.patch(`/api/delivery-batches/${created.json().id}`, {
      version: created.json().version,
      areaReportDate: '2026-06-01',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const listed = (await manager.api.get(`/api/projects/${place.project.id}/delivery-batches`)).json().items;
    expect(listed).toMatchObject([{ areaReportDate: '2026-06-01' }]);
  });
});

describe('error', () => {
  it('refuses a unit type that is unknown or inactive, naming the field', async () => {
    for (const productType of ['别墅', '洋房']) {
      const unit = await unitNow();
      const res = await manager.api.patch(`/api/units/${unitId}`, { version: unit.version, productType });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'productType' } });
    }
  });

  it('refuses a surveyed area at or below zero or with three decimals, and an impossible report date', async () => {
    for (const surveyedArea of [0, -3, 96.555]) {
      const unit = await unitNow();
      const res = await manager.api.patch(`/api/units/${unitId}`, { version: unit.version, surveyedArea });
      expect(res.statusCode, `${surveyedArea}`).toBe(400);
    }
    const bad = await manager.api.post(`/api/projects/${place.project.id}/delivery-batches`, {
      name: '二期',
      areaReportDate: '2026-13-01',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a product type without a name', async () => {
    expect((await put('独栋', { name: '' })).statusCode).toBe(400);
  });
});

describe('security', () => {
  it('hides another company’s project list and refuses an editor without property.manage', async () => {
    const other = await cityCompany(t);
    const stranger = (await signedIn(t, other.company, ['cr_manager'])).api;
    expect((await stranger.get(`/api/projects/${place.project.id}/product-types`)).statusCode).toBe(404);
    expect((await put('独栋', { name: '独栋' }, stranger)).statusCode).toBe(404);
    const reader = (await signedIn(t, place.company, ['department_staff'])).api;
    expect((await types(reader)).length).toBeGreaterThan(0);
    expect((await put('独栋', { name: '独栋' }, reader)).statusCode).toBe(403);
  });
});
