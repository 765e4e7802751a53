import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';

let t: TestApp;
type Api = ReturnType<typeof as>;
let group: Api;
let specialistA: Api;
let specialistB: Api;
let unitA = '';
let projectA = '';
let projectB = '';
let zhangId = '';

beforeAll(async () => {
  t = await createTestApp();
  group = as(t, await login(t, 'admin', ADMIN_PASSWORD));
  const a = await cityCompany(t);
  const b = await cityCompany(t);
  projectA = a.project.id;
  projectB = b.project.id;
  [unitA] = (await projectWithUnits(t, a.project, ['3-2-1502', '3-2-1501'])).map((u) => u.id) as [string];
  await projectWithUnits(t, b.project, ['3-2-1502']);
  specialistA = (await signedIn(t, a.company, ['cr_specialist'])).api;
  specialistB = (await signedIn(t, b.company, ['cr_specialist'])).api;
  const created = await specialistA.post('/api/customers', {
    name: '张三',
    gender: 'male',
    phones: [{ phone: '+86 138 1234 5678' }, { phone: '13900001111', isPrimary: true }],
    idType: 'resident_id',
    idNumber: '１１０１０５１９４９１２３１００２ｘ',
    orgUnitId: projectA,
    tags: ['VIP'],
    consents: [{ channel: 'sms', granted: true, source: '售楼处登记表' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  zhangId = created.json().customer.id;
  const own = await specialistA.post(`/api/customers/${zhangId}/ownerships`, {
    unitId: unitA,
    contractDate: '2024-03-01',
  });
  expect(own.statusCode, own.body).toBe(201);
});
afterAll(() => t.close());

describe('customers', () => {
  it('creates a customer with normalised phones and ID, masked in every response', async () => {
    const c = (await specialistA.get(`/api/customers/${zhangId}`)).json();
    expect(c.primaryPhoneMasked).toBe('139****1111');
    expect(c.phones.map((p: { phoneMasked: string }) => p.phoneMasked)).toEqual(['139****1111', '138****5678']);
    expect(c.idNumberMasked).toBe('110105********002X');
    expect(JSON.stringify(c)).not.toContain('13812345678');
    expect(c.kinds).toEqual(['owner']);
    expect(c.homesDetail[0]).toMatchObject({ unitCode: '3-2-1502', role: 'owner', contractDate: '2024-03-01' });
    expect(c.consents.find((x: { channel: string }) => x.channel === 'sms')).toMatchObject({
      granted: true,
      source: '售楼处登记表',
    });
  });

  it.each([
    ['13812345678', 'full mobile'],
    ['5678', 'last four digits'],
    ['zs', 'pinyin initials'],
    ['zhangsan', 'full pinyin'],
    ['张', 'name prefix'],
    ['3-2-1502', 'unit code'],
    ['11010519491231002X', 'ID number'],
  ])('finds 张三 by %s (%s) within the company, and never from another', async (q) => {
    const mine = (await specialistA.get(`/api/customers/search?q=${encodeURIComponent(q)}`)).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(zhangId);
    const theirs = (await specialistB.get(`/api/customers/search?q=${encodeURIComponent(q)}`)).json();
    expect(theirs.items.map((c: { id: string }) => c.id)).not.toContain(zhangId);
    const all = (await group.get(`/api/customers/search?q=${encodeURIComponent(q)}`)).json();
    expect(all.items.map((c: { id: string }) => c.id)).toContain(zhangId);
  });

  it('hides the customer from another company on every route', async () => {
    expect((await specialistB.get(`/api/customers/${zhangId}`)).statusCode).toBe(404);
    expect((await specialistB.get(`/api/customers/${zhangId}/timeline`)).statusCode).toBe(404);
    const reveal = await specialistB.post(`/api/customers/${zhangId}/reveal`, { field: 'phone', reason: '核实身份' });
    expect(reveal.statusCode).toBe(404);
    const list = (await specialistB.get('/api/customers?limit=200')).json();
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(zhangId);
    const own = await specialistB.post(`/api/customers/${zhangId}/ownerships`, { unitId: unitA });
    expect(own.statusCode).toBe(404);
    expect(projectB).not.toBe(projectA);
  });

  it('reveals a full phone or ID with a reason, and audits it without the value', async () => {
    const phone = await specialistA.post(`/api/customers/${zhangId}/reveal`, {
      field: 'phone',
      reason: '回访需要拨打',
    });
    expect(phone.json()).toEqual({ field: 'phone', value: '13900001111' });
    const id = await specialistA.post(`/api/customers/${zhangId}/reveal`, { field: 'idNumber', reason: '办理产权' });
    expect(id.json().value).toBe('11010519491231002X');
    const noReason = await specialistA.post(`/api/customers/${zhangId}/reveal`, { field: 'phone', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const events = (await group.get(`/api/audit-events?entityId=${zhangId}&action=customer.reveal`)).json().items;
    expect(events.map((e: { reason: string }) => e.reason)).toEqual(['办理产权', '回访需要拨打']);
    expect(JSON.stringify(events)).not.toContain('13900001111');
    const agent = await signedIn(t, t.root, ['hotline_agent']);
    expect(
      (await agent.api.post(`/api/customers/${zhangId}/reveal`, { field: 'phone', reason: 'x1' })).statusCode,
    ).toBe(403);
  });

  it('flags a likely duplicate by phone or ID at create', async () => {
    const dup = await specialistA.post('/api/customers', {
      name: '张叁',
      phones: [{ phone: '13900001111' }],
      orgUnitId: projectA,
    });
    expect(dup.statusCode).toBe(201);
    expect(dup.json().duplicates).toEqual([expect.objectContaining({ id: zhangId, reason: 'phone' })]);
    const c = (await specialistA.get(`/api/customers/${zhangId}`)).json();
    expect(c.duplicateSuspected).toBe(true);
  });

  it('validates input: bad ID checksum, bad mobile, 21-character name; nothing is written', async () => {
    const before = (await group.get('/api/customers?limit=200')).json().items.length;
    const badId = await specialistA.post('/api/customers', {
      name: '李四',
      phones: [{ phone: '13700000000' }],
      idNumber: '110105194912310021',
      orgUnitId: projectA,
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe('ID_NUMBER_INVALID');
    const badPhone = await specialistA.post('/api/customers', {
      name: '李四',
      phones: [{ phone: '12345' }],
      orgUnitId: projectA,
    });
    expect(badPhone.json().code).toBe('VALIDATION_FAILED');
    const longName = await specialistA.post('/api/customers', {
      name: '李'.repeat(21),
      phones: [{ phone: '13700000000' }],
      orgUnitId: projectA,
    });
    expect(longName.statusCode).toBe(400);
    const okName = await specialistA.post('/api/customers', {
      name: '欧'.repeat(20),
      phones: [{ phone: '13700000001' }],
      orgUnitId: projectA,
    });
    expect(okName.statusCode).toBe(201);
    expect((await group.get('/api/customers?limit=200')).json().items.length).toBe(before + 1);
    const outOfScope = await specialistA.post('/api/customers', {
      name: '王五',
      phones: [{ phone: '13700000002' }],
      orgUnitId: projectB,
    });
    expect(outOfScope.statusCode).toBe(404);
  });

  it('keeps one timeline: created, ownership and manual entries, newest first, paged', async () => {
    const add = await specialistA.post(`/api/customers/${zhangId}/timeline`, {
      kind: 'call',
      title: '来电咨询交付时间',
    });
    expect(add.statusCode).toBe(201);
    const page1 = (await specialistA.get(`/api/customers/${zhangId}/timeline?limit=2`)).json();
    expect(page1.items[0]).toMatchObject({ kind: 'call', title: '来电咨询交付时间' });
    const page2 = (
      await specialistA.get(`/api/customers/${zhangId}/timeline?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    const kinds = [...page1.items, ...page2.items].map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['call', 'ownership', 'created']));
  });

  it('lists with a cursor and filters by kind and project', async () => {
    const owners = (await specialistA.get(`/api/customers?kind=owner&projectId=${projectA}`)).json();
    expect(owners.items.map((c: { id: string }) => c.id)).toEqual([zhangId]);
    expect(owners.items[0].homes[0]).toContain('3-2-1502');
    const first = (await group.get('/api/customers?limit=1')).json();
    expect(first.nextCursor).toBeTruthy();
    const second = (await group.get(`/api/customers?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it('exports the visible list to .xlsx with phones and IDs masked', async () => {
    const res = await specialistA.post('/api/customers/export?kind=owner');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows =
      wb.worksheets[0]
        ?.getSheetValues()
        .slice(2)
        .map((r) => (r as ExcelJS.CellValue[]).slice(1)) ?? [];
    expect(rows).toEqual([
      [
        '张三',
        '业主',
        '139****1111',
        '110105********002X',
        expect.stringContaining('3-2-1502'),
        'VIP',
        expect.any(String),
      ],
    ]);
    const theirs = await specialistB.post('/api/customers/export');
    const wbB = new ExcelJS.Workbook();
    await wbB.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(wbB.worksheets[0]?.rowCount).toBe(1);
  });
});
