import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerCookie, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { journeyHousehold } from '../../../../test/journey-factories.js';
import { multipartFile } from '../../../../test/multipart.js';
import { disclosureAcknowledgements, disclosurePacks } from './disclosure.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-01T02:00:00Z'));
});
afterAll(() => t.close());

type Household = Awaited<ReturnType<typeof journeyHousehold>>;
const PACK = {
  risks: [
    { type: 'waste_station', name: '西侧垃圾转运站', distanceM: 800, note: '规划中，预计 2027 年建成' },
    { type: 'high_voltage_line', name: '北侧 220kV 高压线', distanceM: 350 },
  ],
  amenities: [{ name: '九年一贯制学校', promisedOn: '2027-09-01', status: 'under_construction' }],
};
const portal = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const packUrl = (h: Household) => `/api/projects/${h.project.id}/disclosure-pack`;
const acks = async (customerId: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(disclosureAcknowledgements)
      .where(eq(disclosureAcknowledgements.customerId, customerId))
  )[0]?.n;

describe('risk disclosure packs', () => {
  it('publishes versions, holds the contract-terms step until the buyer acknowledged, and closes the welcome task', async () => {
    const h = await journeyHousehold(t, '2026-02-20', { firstVisitDate: '2026-02-14' });
    const first = await h.manager.api.put(packUrl(h), PACK);
    expect(first.statusCode, first.body).toBe(200);
    // risks are kept nearest first
    expect(first.json()).toMatchObject({ version: 1, buyers: 1, acknowledged: 0 });
    expect(first.json().risks.map((r: { distanceM: number }) => r.distanceM)).toEqual([350, 800]);

    const terms = (await h.tasks()).find((x) => x.stepKey === 'contract_terms');
    const early = await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: terms?.version,
      outcome: 'reached',
      checklist: [],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('DISCLOSURE_NOT_ACKNOWLEDGED');

    const second = await h.manager.api.put(packUrl(h), { ...PACK, note: '学校开学时间推迟', version: 1 });
    expect(second.json()).toMatchObject({ version: 2, note: '学校开学时间推迟' });
    const stale = await h.manager.api.post(`${packUrl(h)}/acknowledgements`, { customerId: h.customer.id, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'DISCLOSURE_VERSION_STALE', details: { current: 2 } });
    expect(await acks(h.customer.id)).toBe(0);
    const lost = await h.manager.api.put(packUrl(h), { ...PACK, version: 1 });
    expect(lost.json().code).toBe('VERSION_CONFLICT');

    const ack = await h.manager.api.post(`${packUrl(h)}/acknowledgements`, { customerId: h.customer.id, version: 2 });
    expect(ack.statusCode, ack.body).toBe(201);
    expect(ack.json()).toMatchObject({ version: 2, channel: 'console', customerId: h.customer.id });
    const again = await h.manager.api.post(`${packUrl(h)}/acknowledgements`, { customerId: h.customer.id, version: 2 });
    expect(again.json().acknowledgedAt).toBe(ack.json().acknowledgedAt);
    expect(await acks(h.customer.id)).toBe(1);

    expect((await h.tasks('done')).map((x) => x.stepKey)).toEqual(['welcome']);
    const done = await h.manager.api.post(`/api/journey-tasks/${terms?.id}/complete`, {
      version: terms?.version,
      outcome: 'reached',
      checklist: [],
    });
    expect(done.statusCode, done.body).toBe(200);
    const [listed] = (await h.manager.api.get(`/api/disclosure-packs?orgUnitId=${h.project.id}`)).json().items;
    expect(listed).toMatchObject({ projectId: h.project.id, version: 2, buyers: 1, acknowledged: 1 });
    const audit = (
      await h.manager.api.get(`/api/audit-events?entityId=${h.customer.id}&action=disclosure.acknowledge`)
    ).json().items;
    expect(audit).toHaveLength(1);
  });

  it('lets a buyer read the pack with its map in the portal and acknowledge it there, and nobody else’s', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const other = await journeyHousehold(t, '2026-02-20');
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#88aa66' } })
      .png()
      .toBuffer();
    const body = multipartFile('file', '城市地图.png', png, 'image/png');
    const map = await t.app.inject({
      method: 'POST',
      url: `${packUrl(h)}/map`,
      headers: { ...body.headers, cookie: h.manager.session.cookie, 'x-csrf-token': h.manager.session.csrf },
      payload: body.payload,
    });
    expect(map.statusCode, map.body).toBe(201);
    expect((await h.manager.api.put(packUrl(h), { ...PACK, mapFileId: map.json().id })).statusCode).toBe(200);

    const cookie = await ownerCookie(t, h.phone);
    const mine = await portal(cookie, 'GET', '/api/portal/disclosure');
    expect(mine.statusCode, mine.body).toBe(200);
    const [pack, ...more] = mine.json().items;
    expect(more).toEqual([]);
    expect(pack).toMatchObject({ projectId: h.project.id, version: 1, mapFileId: map.json().id, acknowledgedAt: null });
    expect((await portal(cookie, 'GET', `/api/portal/files/${map.json().id}`)).statusCode).toBe(200);

    const ack = await portal(cookie, 'POST', '/api/portal/disclosure/acknowledgements', {
      projectId: h.project.id,
      version: 1,
    });
    expect(ack.statusCode, ack.body).toBe(201);
    expect(ack.json()).toMatchObject({ channel: 'portal', customerId: h.customer.id });
    const [after] = (await portal(cookie, 'GET', '/api/portal/disclosure')).json().items;
    expect(after.acknowledgedAt).toBe(ack.json().acknowledgedAt);

    // another buyer sees neither this project's pack nor its map, and cannot acknowledge it
    const theirs = await ownerCookie(t, other.phone);
    expect((await portal(theirs, 'GET', '/api/portal/disclosure')).json().items).toEqual([]);
    expect((await portal(theirs, 'GET', `/api/portal/files/${map.json().id}`)).statusCode).toBe(404);
    const foreign = await portal(theirs, 'POST', '/api/portal/disclosure/acknowledgements', {
      projectId: h.project.id,
      version: 1,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('DISCLOSURE_PACK_NOT_FOUND');
    expect(await acks(other.customer.id)).toBe(0);
  });

  it('refuses bad input, other subtrees and missing permissions, writing nothing', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const other = await journeyHousehold(t, '2026-02-20');
    const tooFar = await h.manager.api.put(packUrl(h), {
      ...PACK,
      risks: [{ type: 'factory', name: '化工厂', distanceM: 5000 }],
    });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().code).toBe('VALIDATION_FAILED');
    const badType = await h.manager.api.put(packUrl(h), {
      ...PACK,
      risks: [{ type: 'volcano', name: 'x', distanceM: 1 }],
    });
    expect(badType.statusCode).toBe(400);
    const notMine = await h.manager.api.put(packUrl(h), { ...PACK, mapFileId: '00000000-0000-4000-8000-000000000001' });
    expect(notMine.json().code).toBe('DISCLOSURE_MAP_INVALID');
    const noPack = await h.manager.api.post(`${packUrl(h)}/acknowledgements`, {
      customerId: h.customer.id,
      version: 1,
    });
    expect(noPack.json().code).toBe('DISCLOSURE_PACK_NOT_FOUND');

    const foreign = await other.manager.api.put(packUrl(h), PACK);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('PROJECT_NOT_FOUND');
    const sales = await signedIn(t, h.company, ['sales_consultant']);
    expect((await sales.api.put(packUrl(h), PACK)).statusCode).toBe(403);
    const [written] = await t.db
      .select({ n: count() })
      .from(disclosurePacks)
      .where(eq(disclosurePacks.projectId, h.project.id));
    expect(written?.n).toBe(0);

    // the sales consultant records acknowledgements, but only of customers they can see
    expect((await h.manager.api.put(packUrl(h), PACK)).statusCode).toBe(200);
    const outsider = await sales.api.post(`${packUrl(h)}/acknowledgements`, {
      customerId: other.customer.id,
      version: 1,
    });
    expect(outsider.statusCode).toBe(404);
    const ok = await sales.api.post(`${packUrl(h)}/acknowledgements`, { customerId: h.customer.id, version: 1 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await other.manager.api.get(`/api/disclosure-packs?orgUnitId=${h.project.id}`)).statusCode).toBe(404);
    expect((await other.manager.api.get('/api/disclosure-packs')).json().items).toEqual([]);
  });
});
