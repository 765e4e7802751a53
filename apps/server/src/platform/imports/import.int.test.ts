import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { login, type Session } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartFile } from '../../../test/multipart.js';
import { insertOrgUnit } from '../../modules/org/org.seed.js';
import { orgUnits } from '../../modules/org/org.tables.js';
import { OrgUnitRepository } from '../../modules/org/org-unit.repository.js';
import { AppError } from '../errors.js';
import { type Importer, reason } from './importer.js';

/**
 * The import platform with a small importer of its own: rows of (code, name) become regions under the group.
 * Real importers (units, owner rosters) are tested in their modules; this proves reading, per-row
 * all-or-nothing, duplicates in the file, re-import, the error workbook and background runs.
 */
type RegionRow = { code: string; name: string };
const regionImporter = (t: TestApp): Importer<RegionRow> => ({
  kind: 'units',
  permission: 'org.manage',
  sheetName: '区域',
  columns: [
    { key: 'code', zh: '编码', en: 'Code', required: true, example: 'R-01' },
    { key: 'name', zh: '名称', en: 'Name', required: true, example: '华北区域' },
  ],
  check(values, lang) {
    const code = z
      .string()
      .regex(/^[A-Z0-9-]{2,12}$/)
      .safeParse(values.code);
    if (!code.success) return { ok: false, reasons: [reason(lang, '编码格式错误', 'bad code')] };
    if (!values.name) return { ok: false, reasons: [reason(lang, '名称必填', 'name is required')] };
    return { ok: true, value: { code: code.data, name: values.name }, key: code.data };
  },
  async apply(tx, _ctx, row) {
    if (row.name.includes('拒绝')) throw new AppError('ORG_PARENT_INVALID');
    const [existing] = await tx
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, t.root.id), eq(orgUnits.code, row.code)));
    if (existing) {
      await new OrgUnitRepository(tx).update(existing.id, existing.version, { name: row.name }, t.clock.now());
      return 'updated';
    }
    await insertOrgUnit(tx, t.root, { type: 'region', code: row.code, name: row.name }, t.clock.now());
    return 'imported';
  },
});

async function workbook(rows: (string | number | ExcelJS.CellFormulaValue)[][], title = true) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('sheet');
  if (title) {
    ws.addRow(['2026 区域名册']);
    ws.mergeCells('A1:B1');
  }
  ws.addRow(['编码*', '名称']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({ importInlineMaxKb: 16 });
  t.services.imports.register(regionImporter(t));
  admin = await login(t, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

const upload = (file: Buffer, name = 'regions.xlsx', s: Session = admin) => {
  const body = multipartFile('file', name, file);
  return t.app.inject({
    method: 'POST',
    url: '/api/imports/units',
    headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: body.payload,
  });
};

describe('spreadsheet import platform', () => {
  it('imports the good rows, reports each bad one with its reason, and re-importing updates instead of duplicating', async () => {
    const file = await workbook([
      ['R-01', '华北区域'],
      ['Ｒ－０２', '东北区域'], // full-width: normalised
      [],
      ['bad code', '西北区域'],
      ['R-03', ''],
      ['R-01', '重复行'],
      ['R-04', { formula: '"华"&"中区域"', result: '华中区域' }],
      ['R-05', '拒绝区域'],
    ]);
    const res = await upload(file);
    expect(res.statusCode).toBe(200);
    const job = res.json();
    expect(job).toMatchObject({ status: 'done', total: 7, imported: 3, updated: 0, failed: 4 });
    expect(job.errorFileUrl).toBe(`/api/imports/${job.id}/errors.xlsx`);

    const names = (
      await new OrgUnitRepository(t.db).list({ scopePath: t.root.path, type: 'region', includeInactive: true })
    ).map((u) => `${u.code}:${u.name}`);
    expect(names).toEqual(expect.arrayContaining(['R-01:华北区域', 'R-02:东北区域', 'R-04:华中区域']));

    const errors = await t.app.inject({ method: 'GET', url: job.errorFileUrl, headers: { cookie: admin.cookie } });
    expect(errors.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.rawPayload as unknown as ArrayBuffer);
    const lines =
      wb.worksheets[0]
        ?.getSheetValues()
        .slice(2)
        .map((r) => (r as ExcelJS.CellValue[]).slice(1)) ?? [];
    expect(lines.map((l) => [l[0], l[3]])).toEqual([
      [6, '编码格式错误'],
      [7, '名称必填'],
      [8, '与文件第 3 行重复'],
      [10, '该类型的组织不能放在所选上级下'],
    ]);

    const again = (await upload(file)).json();
    expect(again).toMatchObject({ imported: 0, updated: 3, failed: 4 });
  });

  it('reads CSV with a BOM and English headers', async () => {
    const csv = Buffer.from('\uFEFFCode,Name\nR-10,西南区域\n', 'utf8');
    const job = (await upload(csv, 'regions.csv')).json();
    expect(job).toMatchObject({ status: 'done', imported: 1, failed: 0, errorFileUrl: null });
  });

  it('refuses a file without the required columns or of another type, writing nothing', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['别的列']);
    const missing = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing.statusCode).toBe(200);
    expect(missing.json()).toMatchObject({ status: 'failed', total: 0 });
    const wrongType = await upload(Buffer.from('hello'), 'regions.txt');
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().code).toBe('IMPORT_FILE_INVALID');
  });

  it('runs large files in the background and reports progress through getImportJob', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`B-${i}`, `批量区域${i}`]);
    const res = await upload(await workbook(rows, false));
    expect(res.statusCode).toBe(202);
    const queued = res.json();
    expect(queued.status).toBe('queued');
    while ((await t.services.jobs.runDue()) > 0) {
      /* drain */
    }
    const done = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${queued.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(done.json()).toMatchObject({ status: 'done', total: 3000, imported: 3000, processed: 3000 });
  });

  it('needs the importer’s permission, and hides other users’ jobs outside scope', async () => {
    const { signedIn } = await import('../../../test/factories.js');
    const staff = await signedIn(t, t.root, ['department_staff']);
    const res = await upload(await workbook([['R-99', '无权区域']]), 'x.xlsx', staff.session);
    expect(res.statusCode).toBe(403);
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/imports/templates/units',
      headers: { cookie: admin.cookie },
    });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });
});
