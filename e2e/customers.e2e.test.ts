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
});
