import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, login, type Session, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartFile } from '../../../test/multipart.js';
import { type OrgUnitRow, orgUnits } from '../org/org.tables.js';
import { buildings, projects, units } from './property.tables.js';
import { checkUnitRow, parseDate } from './unit.importer.js';

let t: TestApp;
let admin: Session;
let projectA: OrgUnitRow;
let projectB: OrgUnitRow;

async function sheet(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房源');
  ws.addRow(['项目编码', '楼栋', '单元', '房号', '建筑面积', '户型', '装修标准', '状态', '交付日期']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (file: Buffer, s: Session) => {
  const body = multipartFile('file', 'units.xlsx', file);
  return t.app.inject({
    method: 'POST',
    url: '/api/imports/units',
    headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: body.payload,
  });
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t, 'admin', ADMIN_PASSWORD);
  for (const which of ['A', 'B'] as const) {
    const { project } = await cityCompany(t);
    await t.db.insert(projects).values({ orgUnitId: project.id, address: `${which} 路 1 号` });
    if (which === 'A') projectA = project;
    else projectB = project;
  }
});
afterAll(() => t.close());

describe('importUnits', () => {
  it('creates buildings and units, updates them on re-import, and reports bad rows', async () => {
    const file = await sheet([
      [projectA.code, '3', '2', '1502', '128.5', '三室两厅两卫', '精装', '已交付', '2025/6/30'],
      [projectA.code, '3号楼', '2单元', '1501', '98', '两室两厅一卫', '毛坯', '已售', ''],
      [projectA.code, '5', '1', '０８０１', '', '', '', '', ''],
      [projectA.code, '3', '2', '1502', '1', '', '', '', ''],
      [projectA.code, '3', '2', '15', '', '', '', '', ''],
      [projectA.code, '3', '2', '1601', '', '', '豪装', '', ''],
      ['NO-SUCH', '1', '1', '101', '', '', '', '', ''],
    ]);
    const job = (await upload(file, admin)).json();
    expect(job).toMatchObject({ status: 'done', total: 7, imported: 3, updated: 0, failed: 4 });

    const rows = await t.db.select().from(units).where(eq(units.projectId, projectA.id));
    expect(rows.map((u) => u.code).sort()).toEqual(['3-2-1501', '3-2-1502', '5-1-0801']);
    const unit1502 = rows.find((u) => u.code === '3-2-1502');
    expect(unit1502).toMatchObject({
      floor: 15,
      room: '1502',
      area: 128.5,
      finish: 'finished',
      status: 'delivered',
      deliveredOn: '2025-06-30',
    });
    const blds = await t.db.select().from(buildings).where(eq(buildings.projectId, projectA.id));
    expect(blds.map((b) => b.code).sort()).toEqual(['3', '5']);

    const again = (await upload(file, admin)).json();
    expect(again).toMatchObject({ imported: 0, updated: 3, failed: 4 });
    expect(await t.db.select().from(units).where(eq(units.projectId, projectA.id))).toHaveLength(3);
  });

  it('never writes into a project outside the importer’s scope', async () => {
    const company = (
      await t.db
        .select()
        .from(orgUnits)
        .where(eq(orgUnits.id, projectA.parentId ?? ''))
    )[0] as OrgUnitRow;
    const manager = await signedIn(t, company, ['cr_manager']);
    const job = (
      await upload(await sheet([[projectB.code, '1', '1', '101', '', '', '', '', '']]), manager.session)
    ).json();
    expect(job).toMatchObject({ imported: 0, failed: 1 });
    const inB = await t.db
      .select()
      .from(units)
      .where(and(eq(units.projectId, projectB.id), eq(units.code, '1-1-101')));
    expect(inB).toHaveLength(0);
  });
});

describe('unit rows', () => {
  it('parses dates in the common spellings and rejects impossible ones', () => {
    expect(parseDate('2025-6-30')).toBe('2025-06-30');
    expect(parseDate('2025/06/30')).toBe('2025-06-30');
    expect(parseDate('2025年6月30日')).toBe('2025-06-30');
    expect(parseDate('2025-02-30')).toBeUndefined();
    expect(parseDate('')).toBeNull();
  });

  it('explains each problem of a row', () => {
    const bad = checkUnitRow({ projectCode: '', building: '3', room: 'abc', finish: '豪装' }, 'zh-CN');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.reasons).toEqual([
        '项目编码必填',
        '房号应为 3–5 位数字，如 1502',
        '楼层无效',
        '装修标准应为 毛坯 或 精装',
      ]);
  });
});
