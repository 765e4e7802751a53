import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { uploadHistory } from '../../../test/history-upload.js';
import { KpiWorld } from '../../../test/kpi-factories.js';
import type { OrgUnitRow } from '../org/org.tables.js';

let t: TestApp;
let w: KpiWorld;
let manager: Awaited<ReturnType<typeof signedIn>>;
let property: OrgUnitRow;
const codes: string[] = [];

/**
 * A company starting on Anju brings its past through the history templates (batches, hand-overs, open days,
 * hand-overs to the property company, property measures and visits) and sees the KPIs a person counts from them.
 * Units and owners exist already (the unit and roster imports).
 */
beforeAll(async () => {
  t = await createTestApp({ importInlineMaxKb: 1024 });
  t.clock.set(new Date('2025-12-10T02:00:00Z'));
  const { company, project } = await cityCompany(t);
  w = new KpiWorld(t, company, project);
  property = await orgUnit(t, company, 'department', { departmentKind: 'property_company' });
  manager = await signedIn(t, company, ['cr_manager']);
  const building = await w.building('1', '一期');
  for (let i = 0; i < 4; i++) {
    const unit = await w.unit(building, null, { area: 100 });
    codes.push(unit.code);
    if (i < 3) await w.owner(unit, {});
  }
});
afterAll(() => t.close());

const ok = async (kind: string, headers: string[], rows: string[][], imported: number) => {
  const res = await uploadHistory(t, manager.session, kind, headers, rows);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json(), res.body).toMatchObject({ status: 'done', failed: 0 });
  expect(res.json().imported + res.json().updated).toBe(imported);
};
const figure = async (kpi: string, period: string, extra = '') => {
  const res = await manager.api.get(`/api/kpis/values?kpi=${kpi}&scope=${w.project.id}&period=${period}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0];
};

describe('history of every kind, imported through the templates, gives the KPIs', () => {
  it('imports batches, hand-overs, open days, property hand-overs, measures and visits', async () => {
    const p = w.project.code;
    await ok(
      'batches',
      ['项目编码', '批次名称', '房号', '计划交付日期', '实际交付日期', '查丈报告日期', '查丈面积'],
      codes.map((c, i) => [p, '一批', c, '2025-06-30', '2025-06-28', '2025-06-10', i === 0 ? '99.5' : '100']),
      4,
    );
    await ok(
      'handovers',
      ['项目编码', '房号', '交房日期', '入住日期'],
      [
        [p, codes[0] as string, '2025-06-28', '2025-07-10'],
        [p, codes[1] as string, '2025-07-05', ''],
        [p, codes[2] as string, '2025-08-20', ''],
      ],
      3,
    );
    await ok(
      'openDays',
      ['项目编码', '开放日日期', '类型', '内容', '答复时间', '整改时间', '验证时间'],
      [
        [p, '2025-05-18', '建议', '增加儿童游乐设施', '2025-05-25 10:00', '', ''],
        [p, '2025-05-18', '建议', '车位配比', '', '', ''],
        [p, '2025-05-18', '工程问题', '外墙渗水', '', '2025-05-30 10:00', '2025-06-02 10:00'],
      ],
      3,
    );
    await ok(
      'propertyHandovers',
      ['项目编码', '批次名称', '移交日期', '及时', '完整', '评价时间'],
      [[p, '一批', '2025-07-01', '是', '否', '2025-07-08 15:00']],
      1,
    );
    await ok(
      'tickets',
      ['工单编号', '类型', '项目编码', '房号', '缺陷类别', '渗漏', '受理时间', '关闭时间'],
      [
        ['HX-1', '报修', p, codes[0] as string, 'leak', '', '2025-07-03 09:00', ''],
        ['HX-2', '报修', p, codes[1] as string, 'walls', '', '2025-07-06 09:00', '2025-07-09 09:00'],
        ['HX-3', '投诉', p, '', '', '', '2025-08-01 09:00', ''],
      ],
      3,
    );
    await ok(
      'measures',
      ['工单编号', '措施序号', '措施内容', '责任部门编码', '截止时间', '完成时间', '验证时间'],
      [
        ['HX-3', '1', '更换门禁', property.code, '2025-08-10 18:00', '2025-08-09 10:00', '2025-08-11 10:00'],
        ['HX-3', '2', '清理垃圾', property.code, '2025-08-20 18:00', '', ''],
      ],
      2,
    );
    await ok(
      'visits',
      ['项目编码', '房号', '走访日期', '走访人'],
      [
        [p, codes[0] as string, '2025-08-03', '王管家'],
        [p, codes[0] as string, '2025-08-13', '李管家'],
        [p, codes[1] as string, '2025-08-23', '王管家'],
      ],
      3,
    );
  });

  it('counts them as KPIS.md says', async () => {
    // K5 / K6: the open day of 05-18 — one of two suggestions answered, its one issue verified
    expect(await figure('K5', '2025-05')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await figure('K6', '2025-05')).toMatchObject({ numerator: 1, denominator: 1 });
    // K15 (the batch planned for 06-30): 3 of 4 surveyed areas match; the report 20 days ahead is on time
    expect(await figure('K15', '2025-06')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(await figure('K15T', '2025-06')).toMatchObject({ numerator: 1, denominator: 1 });
    // K10: handed over in July, rated not complete
    expect(await figure('K10', '2025-07')).toMatchObject({ numerator: 0, denominator: 1, met: false });
    // K7 (July): households moved in by 07-31 — unit 1 (move-in 07-10) and unit 2 (hand-over 07-05); the leak of
    // 07-03 was reported before unit 1 moved in
    expect(await figure('K7', '2025-07')).toMatchObject({ numerator: 0, denominator: 2 });
    // K8 (D = 06-28, window to 07-28): units 1 and 2 took possession by then; two items
    const batch = (await manager.api.get(`/api/kpis/values?kpi=K8&scope=${w.project.id}&period=2025-07`)).json();
    expect(batch.items[0]).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
    // K16 (August, managed since 07-01): one of the two measures due was verified; K17: two households visited
    expect(await figure('K16', '2025-08')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await figure('K17', '2025-08')).toMatchObject({ numerator: 2, denominator: 1 });
  });

  it('rejects bad rows into the error workbook and writes nothing for them', async () => {
    const res = await uploadHistory(
      t,
      manager.session,
      'openDays',
      ['项目编码', '开放日日期', '类型', '内容', '答复时间', '整改时间', '验证时间'],
      [
        [w.project.code, '2025-13-01', '建议', '日期错', '', '', ''],
        [w.project.code, '2025-05-19', '投诉', '类型错', '', '', ''],
        [w.project.code, '2025-05-19', '工程问题', '未整改先验证', '', '', '2025-06-02 10:00'],
      ],
    );
    expect(res.json()).toMatchObject({ status: 'done', imported: 0, failed: 3 });
    expect(await figure('K5', '2025-05')).toMatchObject({ denominator: 2 });
  });
});
