import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { uploadHistory } from '../../../../test/history-upload.js';
import { KpiWorld } from '../../../../test/kpi-factories.js';
import type { OrgUnitRow } from '../../org/org.tables.js';

let t: TestApp;
let w: KpiWorld;
let manager: Awaited<ReturnType<typeof signedIn>>;
let eng: OrgUnitRow;
let cr: OrgUnitRow;
let property: OrgUnitRow;
let batchId: string;
let unitCode: string;

const TICKET_HEADERS = [
  '工单编号',
  '类型',
  '项目编码',
  '房号',
  '标题',
  '缺陷类别',
  '渗漏',
  '根本原因',
  '投诉原因',
  '受理时间',
  '关闭时间',
  '重开时间',
  '再次关闭时间',
];
const CLOCK_HEADERS = ['工单编号', '节点', '承办部门编码', '开始时间', '截止时间', '停止时间'];

beforeAll(async () => {
  t = await createTestApp({ importInlineMaxKb: 1024 });
  t.clock.set(new Date('2026-11-10T02:00:00Z'));
  const { company, project } = await cityCompany(t);
  w = new KpiWorld(t, company, project);
  cr = await orgUnit(t, company, 'department', { departmentKind: 'customer_relations' });
  eng = await orgUnit(t, company, 'department', { departmentKind: 'engineering' });
  property = await orgUnit(t, company, 'department', { departmentKind: 'property_company' });
  manager = await signedIn(t, company, ['cr_manager']);
  const batch = await w.batch('二批', { actualDate: '2026-09-10' });
  batchId = batch.id;
  const unit = await w.unit(await w.building('1', '一期'), batch);
  unitCode = unit.code;
});
afterAll(() => t.close());

const rowsOf = (q: ReturnType<typeof sql>) =>
  t.db.execute(q).then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);

const rows = () => [
  ['H-1', '报修', w.project.code, unitCode, '卫生间渗水', 'leak', '是', '工艺安装', '', '2026-09-12 09:00', '', '', ''],
  [
    'H-2',
    '报修',
    w.project.code,
    unitCode,
    '墙面开裂',
    'walls',
    '否',
    '',
    '',
    '2026-09-15 09:00',
    '2026-10-01 10:00',
    '',
    '',
  ],
  [
    'H-3',
    '报修',
    w.project.code,
    unitCode,
    '门窗',
    'doors_windows',
    '',
    '',
    '',
    '2026-09-20 09:00',
    '2026-10-01 10:00',
    '2026-10-20 10:00',
    '2026-11-01 10:00',
  ],
  ['H-4', '投诉', w.project.code, '', '交付延期', '', '', '', '延期交付', '2026-10-03 09:00', '', '', ''],
  ['H-5', '报修', 'NO-SUCH', '', '无此项目', '', '', '', '', '2026-10-03 09:00', '', '', ''],
  ['H-6', '报修', w.project.code, unitCode, '时间倒序', '', '', '', '', '2026-10-03 09:00', '2026-10-01 09:00', '', ''],
];

describe('ticket history from the previous system', () => {
  it('imports tickets with their node times and clocks, marked imported, and the KPIs count them', async () => {
    const outbox = sql`select count(*)::int as n from outbox_messages`;
    const before = await rowsOf(outbox);
    const res = await uploadHistory(t, manager.session, 'tickets', TICKET_HEADERS, rows());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'history_tickets', status: 'done', imported: 4, failed: 2 });
    expect(res.json().errorFileUrl).toMatch(/errors\.xlsx$/);

    const clocks = await uploadHistory(t, manager.session, 'clocks', CLOCK_HEADERS, [
      ['H-1', '受理', cr.code, '2026-09-12 09:00', '2026-09-12 10:00', '2026-09-12 09:30'],
      ['H-2', '处理', eng.code, '2026-09-15 10:00', '2026-10-10 18:00', '2026-10-12 10:00'],
      ['H-3', 'processing', eng.code, '2026-09-20 10:00', '2026-10-05 18:00', '2026-10-01 10:00'],
      ['H-4', '处理', property.code, '2026-10-03 10:00', '2026-10-08 18:00', ''],
    ]);
    expect(clocks.json(), clocks.body).toMatchObject({ status: 'done', imported: 4, failed: 0 });

    const tickets = await rowsOf(sql`select number, status, imported, leak, root_cause, complaint_cause, reopen_count
      from tickets where number like 'H-%' order by number`);
    expect(tickets).toEqual([
      {
        number: 'H-1',
        status: 'dispatch',
        imported: true,
        leak: true,
        root_cause: 'workmanship',
        complaint_cause: null,
        reopen_count: 0,
      },
      {
        number: 'H-2',
        status: 'closed',
        imported: true,
        leak: false,
        root_cause: null,
        complaint_cause: null,
        reopen_count: 0,
      },
      {
        number: 'H-3',
        status: 'closed',
        imported: true,
        leak: false,
        root_cause: null,
        complaint_cause: null,
        reopen_count: 1,
      },
      {
        number: 'H-4',
        status: 'dispatch',
        imported: true,
        leak: false,
        root_cause: null,
        complaint_cause: 'delivery_delay',
        reopen_count: 0,
      },
    ]);
    // nothing was sent, and the only clocks are the imported ones, none of them due for a check
    expect(await rowsOf(outbox)).toEqual(before);
    const open = await rowsOf(sql`select count(*)::int as n from sla_clocks c join tickets t on t.id = c.subject_id
      where t.number like 'H-%' and (c.next_check_at is not null or c.ladder <> '[]'::jsonb)`);
    expect(open).toEqual([{ n: 0 }]);

    const k4 = await manager.api.get(`/api/kpis/values?kpi=K4&scope=${w.project.id}&period=2026-10&batchId=${batchId}`);
    // H-1 still open; H-3 reopened on 10-20 and open at the end of day 45 (10-25); H-2 closed on 10-01
    expect(k4.json().items[0]).toMatchObject({ value: 2 });
    const k1 = await manager.api.get(`/api/kpis/values?kpi=K1&scope=${eng.id}&period=2026-10`);
    // H-2's clock stopped 10-12 after its 10-10 deadline; H-3's stopped 10-01 before its 10-05 deadline
    expect(k1.json().items[0]).toMatchObject({ numerator: 1, denominator: 2 });
    const k1property = await manager.api.get(`/api/kpis/values?kpi=K1&scope=${property.id}&period=2026-10`);
    expect(k1property.json().items[0]).toMatchObject({ numerator: 0, denominator: 1 }); // running past 10-08
  });

  it('a re-import replaces what the first one wrote and refreshes the closed months it touches', async () => {
    const again = await uploadHistory(t, manager.session, 'tickets', TICKET_HEADERS, [
      [
        'H-1',
        '报修',
        w.project.code,
        unitCode,
        '卫生间渗水',
        'leak',
        '是',
        '工艺安装',
        '',
        '2026-09-12 09:00',
        '2026-10-02 09:00',
        '',
        '',
      ],
    ]);
    expect(again.json()).toMatchObject({ status: 'done', updated: 1, imported: 0 });
    expect(await rowsOf(sql`select count(*)::int as n from tickets where number = 'H-1'`)).toEqual([{ n: 1 }]);
    const k4 = await manager.api.get(`/api/kpis/values?kpi=K4&scope=${w.project.id}&period=2026-10&batchId=${batchId}`);
    expect(k4.json().items[0]).toMatchObject({ value: 1, version: 2 });
  });

  it('explains a row refused while writing in the reader’s language only', async () => {
    const reasonsIn = async (lang: 'zh-CN' | 'en-US') => {
      const res = await uploadHistory(t, manager.session, 'tickets', TICKET_HEADERS, [rows()[4] as string[]], lang);
      expect(res.json()).toMatchObject({ imported: 0, failed: 1 });
      const file = await t.app.inject({ url: res.json().errorFileUrl, headers: { cookie: manager.session.cookie } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.rawPayload) as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
      const header = sheet.getRow(1).values as string[];
      return String(sheet.getRow(2).getCell(header.length - 1).value);
    };
    const zh = await reasonsIn('zh-CN');
    expect(zh).toContain('项目「NO-SUCH」不存在');
    expect(zh).not.toMatch(/unknown project/);
    const en = await reasonsIn('en-US');
    expect(en).toContain('unknown project');
    expect(en).not.toMatch(/项目/);
  });

  it('refuses a kind it does not know, and users without history.import', async () => {
    const agent = await signedIn(t, w.company, ['hotline_agent']);
    const refused = await uploadHistory(t, agent.session, 'tickets', TICKET_HEADERS, rows());
    expect(refused.statusCode).toBe(403);
    const unknown = await uploadHistory(t, manager.session, 'gossip', TICKET_HEADERS, rows());
    expect(unknown.statusCode).toBe(400);
    const template = await manager.api.get('/api/imports/history/template?kind=clocks');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-disposition']).toContain('history-clocks-template.xlsx');
  });

  it('imports repair and sales callbacks with scores and unanswered attempts, counted by K2, K3, K13 and K14', async () => {
    const res = await uploadHistory(
      t,
      manager.session,
      'callbacks',
      ['回访类型', '工单编号', '项目编码', '房号', '回访时间', '结果', '评分', '尝试次数'],
      [
        ['维修回访', 'H-2', '', '', '2026-10-03 15:00', '已回访', '5', '1'],
        ['维修回访', 'H-3', '', '', '2026-10-04 15:00', '未接通', '', '3'],
        ['维修回访', 'H-3', '', '', '2026-10-05 15:00', '已回访', '1', '2'],
        ['销售回访', '', w.project.code, unitCode, '2026-10-06 10:00', '已回访', '2', '1'],
        ['维修回访', 'NO-SUCH', '', '', '2026-10-06 10:00', '已回访', '4', '1'],
        ['维修回访', 'H-2', '', '', '2026-10-07 10:00', '已回访', '9', '1'],
      ],
    );
    expect(res.json(), res.body).toMatchObject({ status: 'done', imported: 4, failed: 2 });
    const value = async (kpi: string) =>
      (await manager.api.get(`/api/kpis/values?kpi=${kpi}&scope=${w.project.id}&period=2026-10`)).json().items[0];
    expect(await value('K2')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await value('K3')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await value('K13')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(await value('K14')).toMatchObject({ numerator: 1, denominator: 1 });
    const again = await uploadHistory(
      t,
      manager.session,
      'callbacks',
      ['回访类型', '工单编号', '回访时间', '结果', '评分'],
      [['维修回访', 'H-2', '2026-10-03 15:00', '已回访', '4']],
    );
    expect(again.json()).toMatchObject({ updated: 1, imported: 0 });
  });

  it('exports the queue under its filters as .xlsx in the reader’s language, and only with customers.export', async () => {
    const res = await manager.api.get('/api/tickets/export?type=repair');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('工单编号');
    const numbers = (sheet?.getColumn(1).values ?? []).slice(2);
    expect(numbers.sort()).toEqual(['H-1', 'H-2', 'H-3']);
    const executive = await signedIn(t, w.company, ['executive']);
    expect((await executive.api.get('/api/tickets/export')).statusCode).toBe(403);
  });
});
