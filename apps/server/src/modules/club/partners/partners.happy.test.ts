import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  balanceOf,
  memberWithPoints,
  newBenefit,
  newPartner,
  type PartnerPlace,
  partnerPlace,
  partnerUser,
  portalAs,
} from '../../../../test/club-partner-factories.js';
import { as, login } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

let t: TestApp;
let p: PartnerPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await partnerPlace(t);
});
afterAll(() => t.close());

describe('happy', () => {
  it('an owner claims a priced benefit in the portal; the partner user verifies the voucher once; a second verification is refused', async () => {
    const partner = await newPartner(p, { name: '欧派家居', category: 'furniture' });
    const benefit = await newBenefit(p, partner.id, { pointsPrice: 300, quota: 10 });
    expect(benefit).toMatchObject({ quota: 10, remaining: 10 });
    const m = await memberWithPoints(t, p, 500);
    const owner = await portalAs(t, m.phone);

    const list = await owner.get('/api/portal/club/benefits');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().member).toMatchObject({ cardNo: m.cardNo, balance: 500, tierCode: 'member' });
    expect(list.json().items.find((b: { id: string }) => b.id === benefit.id)).toMatchObject({
      partnerName: '欧派家居',
      pointsPrice: 300,
      remaining: 10,
      claimed: false,
    });

    const claimed = await owner.post(`/api/portal/club/benefits/${benefit.id}/claim`);
    expect(claimed.statusCode, claimed.body).toBe(201);
    const v = claimed.json();
    expect(v).toMatchObject({ status: 'issued', points: 300, partnerName: '欧派家居' });
    expect(v.code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(Date.parse(v.expiresAt) - Date.parse(v.issuedAt)).toBe(30 * 86_400_000);
    expect(await balanceOf(p, m.id)).toBe(200);
    const statement = (await p.staff.api.get(`/api/club/members/${m.id}/points`)).json();
    expect(statement.items[0]).toMatchObject({ kind: 'redeem', points: -300, sourceType: 'benefit' });
    const mine = (await owner.get('/api/portal/club/vouchers')).json();
    expect(mine.items.map((x: { code: string }) => x.code)).toEqual([v.code]);
    expect(
      (await owner.get('/api/portal/club/benefits')).json().items.find((b: { id: string }) => b.id === benefit.id),
    ).toMatchObject({ remaining: 9, claimed: true });

    const merchant = await partnerUser(t, p, partner.id);
    const own = await merchant.api.get('/api/club/vouchers');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().items).toMatchObject([{ code: v.code, customerName: '业主', status: 'issued' }]);
    const typed = `${v.code.slice(0, 5).toLowerCase()} ${v.code.slice(5)}`;
    const verified = await merchant.api.post('/api/club/vouchers/verify', { code: typed });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ code: v.code, status: 'redeemed', cardNo: m.cardNo });
    const again = await merchant.api.post('/api/club/vouchers/verify', { code: v.code });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CLUB_VOUCHER_USED');
    expect((await owner.get('/api/portal/club/vouchers')).json().items[0]).toMatchObject({ status: 'redeemed' });
  });

  it('staff claim a free benefit for a member; a club manager verifies it; vouchers filter by status and code', async () => {
    const partner = await newPartner(p, { category: 'health' });
    const benefit = await newBenefit(p, partner.id);
    const m = await memberWithPoints(t, p);
    const res = await p.staff.api.post(`/api/club/benefits/${benefit.id}/claims`, { memberId: m.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'staff', points: 0, memberId: m.id, customerName: '业主' });
    const code = res.json().code;
    const issued = (await p.staff.api.get(`/api/club/vouchers?status=issued&code=${code}`)).json();
    expect(issued.items).toHaveLength(1);
    const verified = await p.staff.api.post('/api/club/vouchers/verify', { code });
    expect(verified.statusCode, verified.body).toBe(200);
    const redeemed = (await p.staff.api.get(`/api/club/vouchers?status=redeemed&partnerId=${partner.id}`)).json();
    expect(redeemed.items.map((x: { code: string }) => x.code)).toEqual([code]);
  });

  it('partners and benefits are edited with their version, a partner user is linked and unlinked, lists page by cursor', async () => {
    const partner = await newPartner(p, { category: 'travel' });
    const changed = await p.group.api.post('/api/club/partners', {
      id: partner.id,
      name: '携程旅行',
      category: 'travel',
      version: partner.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: '携程旅行', version: partner.version + 1 });
    const benefit = await newBenefit(p, partner.id, { quota: 5 });
    const edited = await p.group.api.post('/api/club/benefits', {
      id: benefit.id,
      partnerId: partner.id,
      title: '机票立减',
      discountText: '立减 200 元',
      validFrom: '2026-11-01',
      validTo: '2027-01-31',
      quota: 6,
      pointsPrice: 100,
      voucherDays: 14,
      tiers: ['gold', 'owner'],
      version: benefit.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ quota: 6, remaining: 6, tiers: ['gold', 'owner'], pointsPrice: 100 });
    const merchant = await partnerUser(t, p, partner.id);
    const detail = (await p.group.api.get(`/api/club/partners/${partner.id}`)).json();
    expect(detail.users).toEqual([
      { userId: merchant.user.id, username: merchant.user.username, displayName: merchant.user.displayName },
    ]);
    expect(detail.benefitCount).toBe(1);
    const candidates = (await p.group.api.get('/api/club/partner-users')).json().items;
    expect(candidates.map((c: { userId: string }) => c.userId)).toContain(merchant.user.id);
    expect((await merchant.api.get('/api/club/benefits')).json().items).toHaveLength(1);
    const unlinked = await p.group.api.delete(`/api/club/partners/${partner.id}/users/${merchant.user.id}`);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect((await merchant.api.get('/api/club/benefits')).json().items).toHaveLength(0);
    const first = (await p.staff.api.get('/api/club/partners?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const next = (await p.staff.api.get(`/api/club/partners?limit=1&cursor=${first.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(first.items[0].id);
    expect((await p.staff.api.get('/api/club/partners?category=travel')).json().items).toHaveLength(1);
  });

  it('the report counts claimed, redeemed and expired vouchers per partner and benefit, and exports them', async () => {
    const partner = await newPartner(p, { name: '万达酒店', category: 'hospitality' });
    const benefit = await newBenefit(p, partner.id, { voucherDays: 1, pointsPrice: 10 });
    const [a, b] = [await memberWithPoints(t, p, 50), await memberWithPoints(t, p, 50)];
    const codes: string[] = [];
    for (const m of [a, b]) {
      const res = await p.staff.api.post(`/api/club/benefits/${benefit.id}/claims`, { memberId: m.id });
      codes.push(res.json().code);
    }
    const merchant = await partnerUser(t, p, partner.id);
    expect((await merchant.api.post('/api/club/vouchers/verify', { code: codes[0] })).statusCode).toBe(200);
    t.clock.advance(2 * 86_400_000);
    // sessions lapse over two days: sign in again
    const again = as(t, await login(t, merchant.user.username));
    const staff = as(t, await login(t, p.staff.user.username));
    const late = await again.post('/api/club/vouchers/verify', { code: codes[1] });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('CLUB_VOUCHER_EXPIRED');
    const q = `from=2026-11-01&to=2026-11-30&partnerId=${partner.id}`;
    const report = await again.get(`/api/club/partner-report?${q}`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().items).toEqual([
      {
        partnerId: partner.id,
        partnerName: '万达酒店',
        category: 'hospitality',
        benefitId: benefit.id,
        benefitTitle: '全屋定制',
        claimed: 2,
        redeemed: 1,
        expired: 1,
        points: 20,
      },
    ]);
    const xlsx = await staff.post(`/api/club/partner-report/export?${q}`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]?.getSheetValues() ?? [];
    expect(JSON.stringify(rows)).toContain('万达酒店');
  });
});
