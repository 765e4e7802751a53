import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console: customer 360', () => {
  it('a CR specialist finds a demo owner, reveals the phone with a reason and logs a call', async () => {
    const page = await (
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })
    ).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('li.na');
    await page.getByTestId('login-password').fill('Anju-demo-2026');
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('menu-customers').click();

    const firstRow = page.locator('[data-testid^="customer-row-"]').first();
    await firstRow.waitFor();
    const name = ((await firstRow.getAttribute('data-testid')) ?? '').replace('customer-row-', '');
    await page.getByTestId('customers-search').locator('input').fill(name.slice(0, 2));
    await page.getByTestId('customers-search').locator('input').press('Enter');
    await page.getByTestId(`customer-row-${name}`).first().click();

    await page.getByTestId('customer-reveal-phone').first().click();
    await page.getByTestId('reveal-reason').fill('回访核实业主电话');
    await page.getByTestId('reveal-submit').click();
    await expect(page.getByTestId('revealed-value').first().textContent()).resolves.toMatch(/^1[3-9]\d{9}$/);

    await page.getByTestId('timeline-add-title').fill('来电询问交付后保修');
    await page.getByTestId('timeline-add-submit').click();
    await page.getByText('来电询问交付后保修').waitFor();
    expect(errors).toEqual([]);
  });

  it('browses project → building → unit grid and sees a unit’s warranty', async () => {
    const page = await (
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })
    ).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('li.na');
    await page.getByTestId('login-password').fill('Anju-demo-2026');
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('menu-projects').click();
    await page.getByTestId('project-row-SH-YT').waitFor();
    // a Shanghai specialist sees Shanghai projects only
    await expect(page.getByTestId('project-row-HZ-XX').count()).resolves.toBe(0);
    await page.getByTestId('project-row-SH-YT').click();
    await page.getByTestId('unit-cell-1-1-101').click();
    await page.getByText('卫生间防水').waitFor();
    await expect(page.getByText('保修期内').count()).resolves.toBeGreaterThan(0);
  });

  it('club staff open a demo member and adjust their points with a reason', async () => {
    const page = await (
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })
    ).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/login`);
    // 郑丽, the Shanghai club staff member: club.read and club.manage
    await page.getByTestId('login-username').fill('zheng.li');
    await page.getByTestId('login-password').fill('Anju-demo-2026');
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('menu-club').click();

    const firstRow = page.locator('[data-testid^="club-member-row-"]').first();
    await firstRow.waitFor();
    const cardNo = ((await firstRow.getAttribute('data-testid')) ?? '').replace('club-member-row-', '');
    expect(cardNo).toMatch(/^C\d{8}$/);
    await firstRow.click();

    const drawer = page.getByTestId('club-member-drawer');
    await drawer.getByText(cardNo).first().waitFor();
    const balance = drawer.getByTestId('club-member-balance');
    const before = Number(await balance.textContent());
    expect(Number.isInteger(before)).toBe(true);

    await drawer
      .locator('input[data-testid="club-adjust-points"], [data-testid="club-adjust-points"] input')
      .first()
      .fill('100');
    await drawer.getByTestId('club-adjust-reason').fill('社区活动志愿者补发积分');
    await drawer.getByTestId('club-adjust-submit').click();

    await drawer
      .getByTestId('club-member-balance')
      .getByText(String(before + 100), { exact: true })
      .waitFor();
    const entry = drawer.locator('[data-testid^="club-ledger-"]', { hasText: '社区活动志愿者补发积分' });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('+100');
    await page
      .getByTestId(`club-member-balance-${cardNo}`)
      .getByText((before + 100).toLocaleString('en-US'), { exact: true })
      .waitFor();
    expect(errors).toEqual([]);
  });
});
