import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyer, type ClubPlace, clubPlace, enrol, publicCustomer } from '../../../test/club-factories.js';
import { allPages, drainJobs, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { isCardNo } from './club-rules.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

describe('happy', () => {
  it('enrols a buyer with a readable card, once per customer, and reads the member with benefits and history', async () => {
    const h = await buyer(t, p);
    const m = await enrol(p, h.customerId);
    expect(isCardNo(m.cardNo)).toBe(true);
    expect(m).toMatchObject({ class: 'buyer', balance: 0, tier: { code: 'member' }, projectId: p.project.id });
    const again = await p.staff.api.post('/api/club/members', { customerId: h.customerId });
    expect(again.statusCode).toBe(200);
    expect(again.json().cardNo).toBe(m.cardNo);
    const read = await p.staff.api.get(`/api/club/members/${m.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      customerName: '业主',
      benefits: { priorityBooking: false, purchaseDiscount: false },
    });
    expect(
      read
        .json()
        .history.map((e: { kind: string }) => e.kind)
        .sort(),
    ).toEqual(['joined', 'tier_changed']);
  });

  it('a fully paid home saved twice earns the purchase points once and changes the tier; the handover makes an owner member, family follow', async () => {
    const admin = await signedIn(t, t.root, ['club_staff']);
    const silver = await admin.api.put('/api/club/tiers/silver', {
      nameZh: '银卡会员',
      nameEn: 'Silver member',
      rank: 15,
      minPoints: 2000,
      priorityBooking: true,
    });
    expect(silver.statusCode, silver.body).toBe(201);
    const h = await buyer(t, p);
    const m = await enrol(p, h.customerId);
    const relative = await publicCustomer(t, p, []);
    const family = await p.manager.api.post(`/api/customers/${h.customerId}/family`, {
      memberId: relative,
      relation: 'spouse',
      consentSource: '现场登记',
    });
    expect(family.statusCode, family.body).toBeLessThan(300);
    const r = await enrol(p, relative, { class: 'public' });
    const url = `/api/customers/${h.customerId}/ownerships/${h.ownershipId}/payment`;
    for (const status of ['partial', 'paid', 'paid']) {
      const res = await p.manager.api.put(url, { paymentStatus: status });
      expect(res.statusCode, res.body).toBe(200);
      await drainJobs(t);
    }
    const statement = (await p.staff.api.get(`/api/club/members/${m.id}/points`)).json();
    expect(statement.balance).toBe(2000);
    expect(statement.items).toMatchObject([
      { kind: 'earn', points: 2000, sourceType: 'purchase', sourceId: h.ownershipId },
    ]);
    const paid = (await p.staff.api.get(`/api/club/members/${m.id}`)).json();
    expect(paid).toMatchObject({ class: 'buyer', tier: { code: 'silver' } });
    expect(paid.benefits).toEqual({ priorityBooking: true, purchaseDiscount: false });
    expect(
      paid.history.find((e: { kind: string; to: string | null }) => e.kind === 'tier_changed' && e.to === 'silver'),
    ).toMatchObject({
      from: 'member',
    });
    const timeline = (await p.manager.api.get(`/api/customers/${h.customerId}/timeline`)).json();
    const entry = timeline.items.find((e: { code: string | null }) => e.code === 'club.tier_changed');
    expect(entry).toMatchObject({ kind: 'club', params: { tier: '银卡会员', card: m.cardNo } });
    // handed over: the buyer becomes an owner member, and so does the spouse in the club
    const handed = await p.manager.api.post(`/api/customers/${h.customerId}/ownerships`, {
      unitId: h.unitId,
      contractDate: '2026-01-10',
      deliveryDate: '2026-11-01',
    });
    expect(handed.statusCode, handed.body).toBe(201);
    await drainJobs(t);
    const after = (await p.staff.api.get(`/api/club/members/${m.id}`)).json();
    expect(after).toMatchObject({ class: 'owner_family', tier: { code: 'silver' }, balance: 2000 });
    expect((await p.staff.api.get(`/api/club/members/${r.id}`)).json()).toMatchObject({
      class: 'owner_family',
      tier: { code: 'owner' },
    });
    const off = await admin.api.put('/api/club/tiers/silver', {
      nameZh: '银卡会员',
      nameEn: 'Silver member',
      rank: 15,
      minPoints: 2000,
      active: false,
      version: silver.json().version,
    });
    expect(off.statusCode, off.body).toBe(200);
  });

  it('lists members in pages with filters by class, tier, project, points and a search', async () => {
    const place = await clubPlace(t);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await enrol(place, (await buyer(t, place)).customerId));
    made.push(await enrol(place, await publicCustomer(t, place)));
    const adjusted = await place.staff.api.post(`/api/club/members/${made[0]?.id}/adjustments`, {
      points: 300,
      reason: '活动补录',
    });
    expect(adjusted.statusCode, adjusted.body).toBe(201);
    const all = await allPages<{ id: string }>(place.staff.api, '/api/club/members?limit=2');
    expect(all.pages).toEqual([2, 2]);
    expect(all.items.map((m) => m.id).sort()).toEqual(made.map((m) => m.id).sort());
    const ids = async (q: string) =>
      (await place.staff.api.get(`/api/club/members?${q}`)).json().items.map((m: { id: string }) => m.id);
    expect(await ids('class=public')).toEqual([made[3]?.id]);
    expect((await ids('class=buyer')).length).toBe(3);
    expect(await ids('minPoints=100&maxPoints=500')).toEqual([made[0]?.id]);
    expect((await ids(`projectId=${place.project.id}`)).length).toBe(3);
    expect((await ids('tier=member')).length).toBe(4);
    expect(await ids('tier=gold')).toEqual([]);
    // the search box: a card number (any case), or the customer's name / phone through the customers search
    expect(await ids(`q=${made[1]?.cardNo.toLowerCase()}`)).toEqual([made[1]?.id]);
    expect(await ids('q=访客')).toEqual([made[3]?.id]);
    expect(await ids('q=没有这个人')).toEqual([]);
    const exported = await place.staff.api.post('/api/club/members/export?class=buyer');
    expect(exported.statusCode, exported.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cards = book.worksheets[0]?.getColumn(1).values.slice(2) ?? [];
    expect(cards.sort()).toEqual(
      made
        .slice(0, 3)
        .map((m) => m.cardNo)
        .sort(),
    );
  });

  it('staff change a member class (the tier follows) and status', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const res = await p.staff.api.patch(`/api/club/members/${m.id}`, { class: 'owner_family', version: m.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ class: 'owner_family', tier: { code: 'owner' } });
  });

  it('adjusts points with a reason; above the threshold a second person approves', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const small = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 1000, reason: '补录' });
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json()).toMatchObject({ status: 'applied', balance: 1000 });
    const big = await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 4500, reason: '大额补录' });
    expect(big.statusCode, big.body).toBe(202);
    expect(big.json()).toMatchObject({ status: 'pending', balance: 1000, entryId: null });
    const approved = await p.second.api.post(`/api/club/adjustments/${big.json().id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'applied', balance: 5500, approvedBy: p.second.user.id });
    // 5,500 lifetime points: the gold tier, with both benefits in sales
    const read = (await p.staff.api.get(`/api/club/members/${m.id}`)).json();
    expect(read).toMatchObject({ tier: { code: 'gold' }, benefits: { priorityBooking: true, purchaseDiscount: true } });
  });

  it('lists pending adjustments with who asked; another person rejects one, which then cannot be approved', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    const big = (
      await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points: 3000, reason: '活动补录' })
    ).json();
    const { items: pending } = await allPages<{ id: string }>(p.second.api, '/api/club/adjustments?limit=2');
    const listed = pending.find((a) => a.id === big.id);
    expect(listed).toMatchObject({
      cardNo: m.cardNo,
      customerName: '访客',
      points: 3000,
      status: 'pending',
      requestedBy: p.staff.user.id,
      requestedByName: p.staff.user.displayName,
    });
    const rejected = await p.second.api.post(`/api/club/adjustments/${big.id}/reject`, { reason: '无依据' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', balance: 0, entryId: null });
    const approve = await p.staff.api.post(`/api/club/adjustments/${big.id}/approve`);
    expect(approve.json().code).toBe('CLUB_ADJUSTMENT_NOT_PENDING');
    const after = (await p.second.api.get('/api/club/adjustments?status=pending&limit=200')).json();
    expect(after.items.map((a: { id: string }) => a.id)).not.toContain(big.id);
    const done = (await p.second.api.get('/api/club/adjustments?status=rejected&limit=200')).json();
    expect(done.items.find((a: { id: string }) => a.id === big.id)).toMatchObject({
      approvedByName: p.second.user.displayName,
    });
    expect((await p.staff.api.get(`/api/club/members/${m.id}/points`)).json()).toMatchObject({ balance: 0, items: [] });
  });

  it('a referral that ends in a purchase credits the referrer once and leaves the discount note on the buyer', async () => {
    const admin = await signedIn(t, t.root, ['club_staff']);
    const settings = (await admin.api.get('/api/club/settings')).json();
    const note = '老带新购房优惠 1%';
    expect((await admin.api.put('/api/club/settings', { ...settings, referralDiscountNote: note })).statusCode).toBe(
      200,
    );
    const referrer = await enrol(p, await publicCustomer(t, p));
    const friend = await publicCustomer(t, p);
    const added = await p.manager.api.post(`/api/customers/${referrer.customerId}/referrals`, {
      referredId: friend,
      outcome: 'visited',
    });
    expect(added.statusCode, added.body).toBe(201);
    const referralId = added.json().referred[0].referralId as string;
    await drainJobs(t);
    expect((await p.staff.api.get(`/api/club/members/${referrer.id}`)).json().balance).toBe(0);
    for (let i = 0; i < 2; i++) {
      const bought = await p.manager.api.patch(`/api/referrals/${referralId}`, { outcome: 'bought' });
      expect(bought.statusCode, bought.body).toBe(200);
      await drainJobs(t);
    }
    const statement = (await p.staff.api.get(`/api/club/members/${referrer.id}/points`)).json();
    expect(statement.balance).toBe(1000);
    expect(statement.items).toEqual([
      expect.objectContaining({ kind: 'earn', points: 1000, sourceType: 'referral_purchase' }),
    ]);
    const codes = async (customerId: string) =>
      (await p.manager.api.get(`/api/customers/${customerId}/timeline`))
        .json()
        .items.filter((e: { code: string }) => e.code?.startsWith('club.referral'));
    expect(await codes(referrer.customerId)).toEqual([
      expect.objectContaining({ code: 'club.referral_points', params: { points: 1000, card: referrer.cardNo } }),
    ]);
    expect(await codes(friend)).toEqual([
      expect.objectContaining({ code: 'club.referral_discount', params: { note } }),
    ]);
    await admin.api.put('/api/club/settings', {
      ...settings,
      version: settings.version + 1,
      referralDiscountNote: null,
    });
  });

  it('pages the points statement and exports it as .xlsx', async () => {
    const m = await enrol(p, await publicCustomer(t, p));
    for (const points of [10, 20, -5]) {
      await p.staff.api.post(`/api/club/members/${m.id}/adjustments`, { points, reason: '测试调整' });
    }
    const pages = await allPages<{ points: number; balanceAfter: number }>(
      p.staff.api,
      `/api/club/members/${m.id}/points?limit=2`,
    );
    expect(pages.items.map((e) => [e.points, e.balanceAfter])).toEqual([
      [-5, 25],
      [20, 30],
      [10, 10],
    ]);
    const res = await p.staff.api.post(`/api/club/members/${m.id}/points/export`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(5);
  });

  it('the group club manager edits settings, tiers and earn rules', async () => {
    const admin = await signedIn(t, t.root, ['club_staff']);
    const settings = (await admin.api.get('/api/club/settings')).json();
    expect(settings).toMatchObject({ name: '业主会', approvalThreshold: 1000 });
    const saved = await admin.api.put('/api/club/settings', {
      name: '协信会',
      approvalThreshold: 800,
      version: settings.version,
    });
    expect(saved.json()).toMatchObject({ name: '协信会', approvalThreshold: 800 });
    await admin.api.put('/api/club/settings', {
      name: '业主会',
      approvalThreshold: 1000,
      version: saved.json().version,
    });
    const tier = await admin.api.put('/api/club/tiers/platinum', {
      nameZh: '铂金会员',
      nameEn: 'Platinum',
      rank: 30,
      minPoints: 1_000_000,
      priorityBooking: true,
      purchaseDiscount: true,
    });
    expect(tier.statusCode, tier.body).toBe(201);
    const changed = await admin.api.put('/api/club/tiers/platinum', {
      nameZh: '铂金卡',
      nameEn: 'Platinum card',
      rank: 30,
      minPoints: 2_000_000,
      version: tier.json().version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await p.staff.api.get('/api/club/tiers')).json().items.map((x: { code: string }) => x.code)).toEqual([
      'platinum',
      'gold',
      'silver',
      'owner',
      'member',
    ]);
    const rules = (await p.staff.api.get('/api/club/earn-rules')).json().items;
    const survey = rules.find((r: { code: string }) => r.code === 'survey_answered');
    const rule = await admin.api.put('/api/club/earn-rules/survey_answered', { points: 80, version: survey.version });
    expect(rule.statusCode, rule.body).toBe(200);
    expect(rule.json()).toMatchObject({ code: 'survey_answered', points: 80, active: true });
  });
});
