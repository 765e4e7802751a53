import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ADMIN_PASSWORD, startServer } from './support/server.js';
import { choose } from './support/ui.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('menu-profile').waitFor();
}

describe('console: admin creates a city-company user who sees only its subtree', () => {
  it('works end to end in Chromium', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-create').click();

    const username = `e2e.hz${Date.now().toString(36).slice(-5)}`;
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-displayName').fill('测试专员');
    await page.getByTestId('user-password').fill('E2e-password-1');
    // Place the user in the Hangzhou city company of the demo data.
    await choose(page, 'user-orgUnit', '杭州公司', '杭州公司');
    await choose(page, 'user-roles', '客户关系中心经理');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-submit').click();
    await page.getByTestId(`user-row-${username}`).waitFor();

    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();

    await signIn(page, username, 'E2e-password-1');
    await page.getByTestId('menu-org').click();
    await page.getByTestId('org-node-HZ').waitFor();
    await expect(page.getByTestId('org-node-HZ-XX').count()).resolves.toBe(1);
    // Nothing of the other city companies, nor the group above, reaches this user.
    for (const code of ['SH', 'SH-YT', 'CQ', 'CQ-JS', 'GROUP', 'EAST']) {
      await expect(page.getByTestId(`org-node-${code}`).count()).resolves.toBe(0);
    }
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-row-huang.lei').waitFor();
    await expect(page.getByTestId('user-row-zhang.wei').count()).resolves.toBe(0);
    await expect(page.getByTestId('user-row-admin').count()).resolves.toBe(0);

    mkdirSync(`${import.meta.dirname}/artifacts`, { recursive: true });
    await page.screenshot({ path: `${import.meta.dirname}/artifacts/scope-users.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
