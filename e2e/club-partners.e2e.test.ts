import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, adminSession, signIn } from './support/session.js';
import { expectText } from './support/ui.js';

const DEMO_PASSWORD = 'Anju-demo-2026';
const PARTNER_USER = 'jiang.shan';

let server: RunningServer;
let browser: Browser;
let admin: Api;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await adminSession(browser, server.url, ADMIN_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Items<T> = { items: T[] };

describe('club partners', () => {
  it("the demo partner merchant signs in to its /partner page and redeems a member's voucher claimed through the API, once", async () => {
    expect(server.logs(), 'the demo partner merchant in the seed output').toContain(PARTNER_USER);
    // the partner the demo merchant serves, and its free benefit for every tier
    const partners = await admin.get<Items<{ id: string; name: string }>>('/api/club/partners?limit=200');
    const partner = partners.items.find((p) => p.name === '欧派全屋定制');
    expect(partner).toBeTruthy();
    const benefits = await admin.get<Items<{ id: string; pointsPrice: number; tiers: string[] }>>(
      `/api/club/benefits?partnerId=${partner?.id}`,
    );
    const benefit = benefits.items.find((b) => b.pointsPrice === 0 && b.tiers.length === 0);
    expect(benefit).toBeTruthy();
    // a member who has not claimed it yet
    const members = await admin.get<Items<{ id: string }>>('/api/club/members?limit=60');
    let code: string | null = null;
    for (const m of members.items) {
      try {
        const v = await admin.post<{ code: string }>(`/api/club/benefits/${benefit?.id}/claims`, { memberId: m.id });
        code = v.code;
        break;
      } catch {
        // this member claimed it in the demo already
      }
    }
    expect(code, 'a member could claim the benefit').toBeTruthy();

    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, PARTNER_USER, DEMO_PASSWORD);
    await page.waitForURL(/\/partner$/);
    await page
      .getByTestId('voucher-code')
      .locator('input')
      .fill((code as string).toLowerCase());
    await page.getByTestId('voucher-code').locator('input').press('Enter');
    await expectText(page.getByTestId('voucher-verified'), /全屋定制/);
    await expectText(page.getByTestId(`voucher-row-${code}`), /已核销/);
    await page
      .getByTestId('voucher-code')
      .locator('input')
      .fill(code as string);
    await page.getByTestId('voucher-code').locator('input').press('Enter');
    await expectText(page.locator('.ant-message'), /已核销/);
    expect(errors).toEqual([]);
  });
});
