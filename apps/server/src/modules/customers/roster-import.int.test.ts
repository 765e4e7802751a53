import { and, count, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, type Session, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartFile } from '../../../test/multipart.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { domainEvents } from '../../platform/events/events.tables.js';
import { customers, ownerships } from './customer.tables.js';
import { residentIdCheckChar } from './customer.validation.js';

let t: TestApp;
let admin: Session;
let projectCode = '';
const SURNAMES = '王李张刘陈杨黄赵吴周';

const validId = (i: number) => {
  const body = `110105${1960 + (i % 40)}0${(i % 9) + 1}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
};

const otherId = (body: string) => body + residentIdCheckChar(body);
const wrongCheck = (id: string) => `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;

/** 1,000 owner rows: 950 good, 50 bad in ten different ways (row numbers recorded). */
function roster(units: string[]) {
  const rows: string[][] = [];
  const bad = new Map<number, RegExp>();
  for (let i = 0; i < 1000; i++) {
    const name = `${SURNAMES[i % 10]}业主${i}`;
    let row = [
      name,
      `139${String(10000000 + i)}`,
      validId(i),
      projectCode,
      units[i] as string,
      '2024-03-01',
      '2025-06-30',
    ];
    if (i % 20 === 7) {
      const kind = Math.floor(i / 20) % 10;
      const variants: [string[], RegExp][] = [
        [[name, '12345', validId(i), projectCode, units[i] as string, '', ''], /手机号格式错误/],
        [
          [name, `139${String(10000000 + i)}`, wrongCheck(validId(i)), projectCode, units[i] as string, '', ''],
          /身份证号无效/,
        ],
        [['', `139${String(10000000 + i)}`, '', projectCode, units[i] as string, '', ''], /姓名必填/],
        [[name, `139${String(10000000 + i)}`, '', projectCode, '9-9-9999', '', ''], /房号不存在/],
        [[name, `139${String(10000000 + i)}`, '', projectCode, 'A栋1502', '', ''], /房号格式/],
        [[name, `139${String(10000000 + i)}`, '', projectCode, units[i] as string, '2025-02-30', ''], /日期格式错误/],
        [['超'.repeat(21), `139${String(10000000 + i)}`, '', projectCode, units[i] as string, '', ''], /超过 20 个字/],
        [[name, `139${String(10000000 + i)}`, '', 'NOPE', units[i] as string, '', ''], /房号不存在/],
        [
          [
            `${SURNAMES[(i + 1) % 10]}冒名${i}`,
            `139${String(10000000 + i)}`,
            validId(i - 7),
            projectCode,
            units[i] as string,
            '',
            '',
          ],
          /另一位客户/,
        ],
        [[name, '', '', projectCode, units[i] as string, '', ''], /手机号必填/],
      ];
      const [variant, why] = variants[kind] as [string[], RegExp];
      row = variant;
      bad.set(i + 2, why);
    }
    rows.push(row);
  }
  return { rows, bad };
}

async function workbook(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  ws.addRow(['姓名', '手机号', '身份证号', '项目编码', '房号', '签约日期', '交付日期']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (file: Buffer, s: Session) => {
  const body = multipartFile('file', 'roster.xlsx', file);
  return t.app.inject({
    method: 'POST',
    url: '/api/imports/customers',
    headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: body.payload,
  });
};

beforeAll(async () => {
  t = await createTestApp({ importInlineMaxKb: 1024 });
  admin = await login(t, 'admin', ADMIN_PASSWORD);
  const { project } = await cityCompany(t);
  projectCode = project.code;
  const codes = Array.from(
    { length: 1000 },
    (_, i) => `3-${(i % 4) + 1}-${String(Math.floor(i / 4) + 101).padStart(4, '0')}`,
  );
  await projectWithUnits(t, project, codes);
});
afterAll(() => t.close());

describe('owner roster import', () => {
  it('imports 950 of 1,000 rows, names each of the 50 bad rows with its reason, and re-import adds nobody', async () => {
    const codes = Array.from(
      { length: 1000 },
      (_, i) => `3-${(i % 4) + 1}-${String(Math.floor(i / 4) + 101).padStart(4, '0')}`,
    );
    const { rows, bad } = roster(codes);
    const file = await workbook(rows);
    const res = await upload(file, admin);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    expect(job).toMatchObject({ status: 'done', total: 1000, imported: 950, failed: 50 });

    const errors = await t.app.inject({ method: 'GET', url: job.errorFileUrl, headers: { cookie: admin.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const reported = new Map<number, string>();
    sheet?.eachRow((row, n) => {
      if (n > 1) reported.set(Number(row.getCell(1).value), String(row.getCell(row.cellCount).value));
    });
    expect([...reported.keys()].sort((a, b) => a - b)).toEqual([...bad.keys()].sort((a, b) => a - b));
    for (const [rowNumber, why] of bad) expect(reported.get(rowNumber), `row ${rowNumber}`).toMatch(why);

    const [before] = await t.db.select({ n: count() }).from(customers);
    const again = (await upload(file, admin)).json();
    expect(again).toMatchObject({ imported: 0, updated: 950, failed: 50 });
    const [after] = await t.db.select({ n: count() }).from(customers);
    expect(after?.n).toBe(before?.n);
    const [owned] = await t.db.select({ n: count() }).from(ownerships).where(eq(ownerships.active, true));
    expect(owned?.n).toBe(950);
  });

  it('cannot import owners into a project outside the importer’s scope', async () => {
    const other = await cityCompany(t);
    const specialist = await signedIn(t, other.company, ['cr_specialist']);
    const job = (
      await upload(await workbook([['赵六', '13600000000', '', projectCode, '3-1-0101', '', '']]), specialist.session)
    ).json();
    expect(job).toMatchObject({ imported: 0, updated: 0, failed: 1 });
  });

  it('takes the set-based path for clean chunks and writes what the row path writes', async () => {
    const { company, project } = await cityCompany(t);
    const codes = Array.from({ length: 300 }, (_, i) => `5-1-${String(i + 101).padStart(4, '0')}`);
    await projectWithUnits(t, project, codes);
    const manager = await signedIn(t, company, ['cr_manager']);
    const rows = codes.map((code, i) => [
      `${SURNAMES[i % 10]}批量${i}`,
      `137${String(20000000 + i)}`,
      '',
      project.code,
      code,
      '2024-03-01',
      '',
    ]);
    rows.push([`${SURNAMES[0]}批量0`, '13720000000', '', project.code, codes[1] as string, '', '']); // same person, second home
    const job = (await upload(await workbook(rows), manager.session)).json();
    expect(job).toMatchObject({ status: 'done', total: 301, imported: 300, updated: 1, failed: 0 });
    const first = (await manager.api.get('/api/customers/search?q=13720000000')).json().items;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kinds: ['owner'], primaryPhoneMasked: '137****0000' });
    expect(first[0].homes).toHaveLength(2);
    const timeline = (await manager.api.get(`/api/customers/${first[0].id}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'ownership')).toHaveLength(2);
    const audit = (await as(t, admin).get(`/api/audit-events?entityId=${first[0].id}&action=ownership.add`)).json()
      .items;
    expect(audit).toHaveLength(2);
    // each home is published once for the modules that follow ownerships (journeys), marked as imported
    const published = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.name, 'ownership.created'), like(domainEvents.orgPath, `${project.path}%`)));
    expect(published).toHaveLength(301);
    expect(
      published.find((e) => (e.payload as { customerId: string }).customerId === first[0].id)?.payload,
    ).toMatchObject({ projectId: project.id, contractDate: '2024-03-01', via: 'import' });
    await upload(await workbook(rows.slice(0, 10)), manager.session);
    const changed = await t.db
      .select({ n: count() })
      .from(domainEvents)
      .where(and(eq(domainEvents.name, 'ownership.changed'), like(domainEvents.orgPath, `${project.path}%`)));
    expect(changed[0]?.n).toBe(10);
  });

  it('on the set-based path rejects just the rows the row path would, sets IDs found by mobile and flags shared phones', async () => {
    const { company, project } = await cityCompany(t);
    const codes = Array.from({ length: 4 }, (_, i) => `6-1-${String(i + 101).padStart(4, '0')}`);
    await projectWithUnits(t, project, codes);
    const manager = await signedIn(t, company, ['cr_manager']);
    const create = (name: string, phone: string) =>
      manager.api.post('/api/customers', { name, phones: [{ phone, isPrimary: true }], orgUnitId: project.id });
    const known = (await create('王甲', '13730000001')).json().customer;
    const sharer = (await create('李乙', '13730000002')).json().customer;
    const rows = [
      ['王甲', '13730000001', otherId('32010219900101001'), project.code, codes[0], '', ''], // found by mobile + name: gets the ID
      ['赵丙', '13730000003', otherId('32010219900101002'), project.code, codes[1], '', ''],
      ['钱丁', '13730000004', otherId('32010219900101002'), project.code, codes[2], '', ''], // ID of 赵丙, two rows earlier
      ['孙戊', '13730000002', '', project.code, codes[3], '', ''], // 李乙's phone: a new person, flagged
      ['周己', '13730000005', '', project.code, '9-9-9999', '', ''],
    ] as string[][];
    const job = (await upload(await workbook(rows), manager.session)).json();
    expect(job).toMatchObject({ status: 'done', total: 5, imported: 2, updated: 1, failed: 2 });
    const errors = await t.app.inject({ method: 'GET', url: job.errorFileUrl, headers: { cookie: admin.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.rawPayload as unknown as ArrayBuffer);
    const reasons: string[] = [];
    wb.worksheets[0]?.eachRow((row, n) => {
      if (n > 1) reasons.push(`${row.getCell(1).value} ${row.getCell(row.cellCount).value}`);
    });
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^4 .*另一位客户（赵丙）/);
    expect(reasons[1]).toMatch(/^6 .*房号不存在/);

    const updated = (await manager.api.get(`/api/customers/${known.id}`)).json();
    expect(updated.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(updated.homes).toHaveLength(1);
    const newcomer = (await manager.api.get('/api/customers/search?q=孙戊')).json().items[0];
    const detail = (await manager.api.get(`/api/customers/${newcomer.id}`)).json();
    expect(detail.duplicates).toEqual([expect.objectContaining({ id: sharer.id, reason: 'phone' })]);
    const other = (await manager.api.get(`/api/customers/${sharer.id}`)).json();
    expect(other.duplicates).toEqual([expect.objectContaining({ id: newcomer.id, reason: 'phone' })]);
  });

  it('keeps one person one record when their rows fall in chunks that run at the same time', async () => {
    const { company, project } = await cityCompany(t);
    const codes = Array.from(
      { length: 1100 },
      (_, i) => `7-${(i % 2) + 1}-${String(Math.floor(i / 2) + 101).padStart(4, '0')}`,
    );
    await projectWithUnits(t, project, codes);
    const manager = await signedIn(t, company, ['cr_manager']);
    const rows = codes.map((code, i) => [
      `${SURNAMES[i % 10]}并行${i}`,
      `136${String(30000000 + i)}`,
      '',
      project.code,
      code,
      '',
      '',
    ]);
    const twiceById = otherId('33010219800101003');
    rows[10] = ['吴重复', '13630000010', twiceById, project.code, codes[10] as string, '', ''];
    rows[1010] = ['吴重复', '13639999999', twiceById, project.code, codes[1010] as string, '', ''];
    rows[20] = ['郑同号', '13630000020', '', project.code, codes[20] as string, '', ''];
    rows[720] = ['郑同号', '13630000020', '', project.code, codes[720] as string, '', ''];
    const job = (await upload(await workbook(rows), manager.session)).json();
    expect(job).toMatchObject({ status: 'done', total: 1100, imported: 1098, updated: 2, failed: 0 });
    for (const q of ['吴重复', '郑同号']) {
      const found = (await manager.api.get(`/api/customers/search?q=${encodeURIComponent(q)}`)).json().items;
      expect(found, q).toHaveLength(1);
      expect(found[0].homes, q).toHaveLength(2);
    }
  });
});
