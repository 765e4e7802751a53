import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { MOBILE, ownerLoginCode, signInOwner } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, adminSession } from './support/session.js';
import { expectText } from './support/ui.js';

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

type Membership = { member: { cardNo: string; balance: number } | null; left: boolean };

describe('owner portal: my club', () => {
  it('the demo owner opens the club from the home page, sees the card number and its QR code, then the points history', async () => {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
    expect(phone, 'the demo owner in the start output').toBeTruthy();
    const context = await browser.newContext(MOBILE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/m/login`);
    await signInOwner(page, admin, phone as string);

    await page.getByTestId('club-entry').click();
    await page.waitForURL(/\/m\/club$/);
    const before = (await (await context.request.get(`${server.url}/api/portal/club/membership`)).json()) as Membership;
    expect(before.left).toBe(false);
    if (!before.member) {
      // not in the demo's club yet: one tap joins
      await page.getByTestId('club-join-button').click();
      await page.locator('.adm-dialog-button').filter({ hasText: '确定' }).click();
    }
    await page.getByTestId('club-member').waitFor();
    const mine = (await (await context.request.get(`${server.url}/api/portal/club/membership`)).json()) as Membership;
    const cardNo = mine.member?.cardNo as string;
    await expectText(page.getByTestId('club-card-no'), cardNo);
    await page.getByTestId('club-card-qr').waitFor();
    await expectText(page.getByTestId('club-charter'), /权利/);

    await page.getByTestId('club-link-points').click();
    await page.waitForURL(/\/m\/club\/points$/);
    await expectText(page.getByTestId('club-points-balance'), new RegExp(`可用积分 ${mine.member?.balance ?? 0} `));
    const points = (await (await context.request.get(`${server.url}/api/portal/club/points?limit=20`)).json()) as {
      items: unknown[];
    };
    if (points.items.length === 0) await page.getByTestId('empty-state').waitFor();
    else await expect.poll(() => page.getByTestId('club-points-entry').count()).toBe(points.items.length);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visitor who is not a customer joins from the sign-in page with an SMS code and lands on their new card', async () => {
    const phone = `137${String(Date.now()).slice(-8)}`;
    const context = await browser.newContext(MOBILE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/m/login`);
    await page.getByTestId('login-join-club').click();
    await page.waitForURL(/\/m\/join$/);
    await page.getByTestId('join-phone').fill(phone);
    await page.getByTestId('join-get-code').click();
    await page.getByTestId('join-code').fill(await ownerLoginCode(admin, phone));
    await page.getByTestId('join-name').fill('陈访客');
    const place = page.getByTestId('join-place');
    await expect.poll(() => place.locator('option').count()).toBeGreaterThan(1);
    await place.selectOption({ index: 1 });
    await page.getByTestId('join-submit').click();
    await page.waitForURL(/\/m\/club$/);
    await page.getByTestId('club-member').waitFor();
    const mine = (await (await context.request.get(`${server.url}/api/portal/club/membership`)).json()) as {
      member: { cardNo: string; class: string } | null;
    };
    expect(mine.member?.class).toBe('public');
    await expectText(page.getByTestId('club-card-no'), mine.member?.cardNo as string);
    expect(errors).toEqual([]);
    await context.close();
  });
});
