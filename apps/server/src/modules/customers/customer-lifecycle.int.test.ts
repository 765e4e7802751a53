import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { referrals } from './customer.tables.js';

let t: TestApp;
type Api = ReturnType<typeof as>;
let admin: Api;
let specialist: Api;
let projectId = '';
let units: string[] = [];

const create = async (api: Api, name: string, phone: string, extra: Record<string, unknown> = {}) => {
  const res = await api.post('/api/customers', { name, phones: [{ phone }], orgUnitId: projectId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().customer as { id: string; version: number };
};

beforeAll(async () => {
  t = await createTestApp();
  admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
  const { company, project } = await cityCompany(t);
  projectId = project.id;
  units = (await projectWithUnits(t, project, ['1-1-0101', '1-1-0102'])).map((u) => u.id);
  specialist = (await signedIn(t, company, ['cr_specialist'])).api;
});
afterAll(() => t.close());

describe('update', () => {
  it('changes only what it names, checks the version, and records consent changes on the timeline', async () => {
    const c = await create(specialist, '周杰', '13500000001', { tags: ['老业主'], declaredKinds: ['prospect'] });
    const res = await specialist.patch(`/api/customers/${c.id}`, {
      version: c.version,
      email: 'zhou@example.cn',
      consents: [{ channel: 'email', granted: true, source: '电话确认' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      email: 'zhou@example.cn',
      tags: ['老业主'],
      declaredKinds: ['prospect'],
      kinds: ['prospect'],
    });
    expect(body.consents.find((x: { channel: string }) => x.channel === 'email').granted).toBe(true);
    const stale = await specialist.patch(`/api/customers/${c.id}`, { version: c.version, notes: '过期' });
    expect(stale.statusCode).toBe(409);
    const timeline = (await specialist.get(`/api/customers/${c.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['edited', 'consent', 'created']));
  });
});

describe('merge', () => {
  it('keeps every relation and timeline entry on the target, and leaves the source as a tombstone', async () => {
    const target = await create(specialist, '陈静', '13500000010', { tags: ['VIP'] });
    const source = await create(specialist, '陈靜', '13500000011', { tags: ['车位'] });
    await specialist.post(`/api/customers/${source.id}/ownerships`, { unitId: units[0] });
    await specialist.post(`/api/customers/${source.id}/timeline`, { kind: 'visit', title: '上门拜访' });
    const res = await specialist.post('/api/customers/merge', {
      targetId: target.id,
      sourceId: source.id,
      reason: '同一人，繁体录入',
    });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json();
    expect(merged.phones.map((p: { phoneMasked: string }) => p.phoneMasked).sort()).toEqual([
      '135****0010',
      '135****0011',
    ]);
    expect(merged.homesDetail.map((h: { unitCode: string }) => h.unitCode)).toEqual(['1-1-0101']);
    expect(merged.tags.sort()).toEqual(['VIP', '车位']);
    expect(merged.kinds).toContain('owner');
    const timeline = (await specialist.get(`/api/customers/${target.id}/timeline?limit=50`)).json().items;
    expect(timeline.map((e: { title: string }) => e.title)).toEqual(
      expect.arrayContaining(['上门拜访', '合并重复客户 陈靜']),
    );
    const gone = await specialist.get(`/api/customers/${source.id}`);
    expect(gone.statusCode).toBe(409);
    expect(gone.json()).toMatchObject({ code: 'CUSTOMER_MERGED', details: { mergedInto: target.id } });
    const search = (await specialist.get('/api/customers/search?q=13500000011'))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(search).toEqual([target.id]);
    const audit = (await admin.get(`/api/audit-events?entityId=${target.id}&action=customer.merge`)).json().items;
    expect(audit[0].reason).toBe('同一人，繁体录入');
    expect(
      (await specialist.post('/api/customers/merge', { targetId: target.id, sourceId: target.id, reason: '自身' }))
        .statusCode,
    ).toBe(422);
  });
});

describe('data-subject operations', () => {
  it('exports everything about a person (admin only, audited) and anonymises for good', async () => {
    const c = await create(specialist, '林晓', '13500000020', {
      idNumber: '11010519491231002X',
      email: 'lin@example.cn',
    });
    await specialist.post(`/api/customers/${c.id}/ownerships`, { unitId: units[1] });
    expect((await specialist.post(`/api/customers/${c.id}/data-export`)).statusCode).toBe(403);
    const data = (await admin.post(`/api/customers/${c.id}/data-export`)).json();
    expect(data.profile).toMatchObject({ name: '林晓', idNumber: '11010519491231002X', email: 'lin@example.cn' });
    expect(data.phones[0].phone).toBe('13500000020');
    const xlsx = await admin.post(`/api/customers/${c.id}/data-export?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    expect((await specialist.post(`/api/customers/${c.id}/anonymise`, { reason: '业主要求删除' })).statusCode).toBe(
      403,
    );
    expect((await admin.post(`/api/customers/${c.id}/anonymise`, { reason: '业主要求删除' })).statusCode).toBe(200);
    const after = (await admin.get(`/api/customers/${c.id}`)).json();
    expect(after).toMatchObject({ name: '已匿名', anonymised: true, phones: [], idNumberMasked: null, email: null });
    expect(after.homesDetail.map((h: { unitCode: string }) => h.unitCode)).toEqual(['1-1-0102']);
    expect((await admin.get('/api/customers/search?q=13500000020')).json().items).toEqual([]);
    expect((await admin.post(`/api/customers/${c.id}/anonymise`, { reason: '再次' })).statusCode).toBe(409);
    const audit = (await admin.get(`/api/audit-events?entityId=${c.id}`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['customer.anonymise', 'customer.data_export']));
  });
});

describe('household and referrals', () => {
  it('shows family on both sides, derives the family kind, and moves referral outcomes forward only', async () => {
    const owner = await create(specialist, '黄磊', '13500000030');
    const spouse = await create(specialist, '孙俪', '13500000031');
    const friend = await create(specialist, '邓超', '13500000032', { declaredKinds: ['prospect'] });
    await specialist.post(`/api/customers/${owner.id}/ownerships`, { unitId: units[1] });
    const fam = await specialist.post(`/api/customers/${owner.id}/family`, {
      memberId: spouse.id,
      relation: 'spouse',
      unitId: units[1],
      consentSource: '业主书面同意',
    });
    expect(fam.statusCode, fam.body).toBe(201);
    expect(fam.json().household).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: spouse.id, relation: 'spouse', unitCode: '1-1-0102' })]),
    );
    const spouseView = (await specialist.get(`/api/customers/${spouse.id}`)).json();
    expect(spouseView.kinds).toContain('family');
    expect(spouseView.homesDetail).toEqual([expect.objectContaining({ role: 'family', unitCode: '1-1-0102' })]);

    const ref = await specialist.post(`/api/customers/${owner.id}/referrals`, { referredId: friend.id, projectId });
    expect(ref.statusCode, ref.body).toBe(201);
    expect(ref.json().referred).toEqual([expect.objectContaining({ id: friend.id, outcome: 'referred' })]);
    const friendView = (await specialist.get(`/api/customers/${friend.id}`)).json();
    expect(friendView.referredBy).toEqual([expect.objectContaining({ id: owner.id })]);
    const referral = (await t.db.select().from(referrals).where(eq(referrals.referredId, friend.id)))[0] as {
      id: string;
    };
    // both sides of the 360 view carry the id `PATCH /api/referrals/:id` needs
    expect(ref.json().referred[0].referralId).toBe(referral.id);
    expect(friendView.referredBy[0].referralId).toBe(referral.id);
    expect((await specialist.patch(`/api/referrals/${referral.id}`, { outcome: 'bought' })).statusCode).toBe(200);
    expect((await specialist.patch(`/api/referrals/${referral.id}`, { outcome: 'visited' })).statusCode).toBe(422);
    expect((await specialist.post(`/api/customers/${owner.id}/referrals`, { referredId: owner.id })).statusCode).toBe(
      422,
    );
  });
});
