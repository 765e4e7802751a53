import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ownerLoginCode } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, apiSession } from './support/session.js';
import { expectText } from './support/ui.js';

let server: RunningServer;
let browser: Browser;
let admin: Api;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const adminContext = await browser.newContext();
  admin = await apiSession(adminContext.request, server.url, { username: 'admin', password: ADMIN_PASSWORD });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Journey = { items: { unitId: string | null; steps: { state: 'done' | 'due' | 'coming'; kind: string }[] }[] };

describe('owner portal: my journey', () => {
  it('the demo owner opens My journey from the home page and sees each home’s steps', async () => {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
    expect(phone, 'the demo owner in the start output').toBeTruthy();
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${server.url}/m/login`);
    await page.getByTestId('login-phone').fill(phone as string);
    await page.getByTestId('login-get-code').click();
    await page.getByTestId('login-code').fill(await ownerLoginCode(admin, phone as string));
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/m/login'));

    await expectText(page.getByTestId('journey-entry'), /我的旅程 · 服务节点/);
    await page.getByTestId('journey-entry').click();
    await page.waitForURL(/\/m\/journey$/);
    await expectText(page.getByTestId('journey-page').locator('.journey-intro'), /从签约到入住后四年/);

    const journey = (await (await context.request.get(`${server.url}/api/portal/journey`)).json()) as Journey;
    const steps = journey.items.flatMap((i) => i.steps);
    if (steps.length === 0) {
      await page.getByTestId('empty-state').waitFor();
    } else {
      await page.getByTestId('journey-list').waitFor();
      expect(await page.getByTestId('journey-home').count()).toBe(journey.items.length);
      await expect.poll(() => page.getByTestId('journey-step').count()).toBe(steps.length);
      const due = steps.filter((s) => s.state === 'due').length;
      expect(await page.getByTestId('journey-step-now').count()).toBe(due);
      const states = await page.getByTestId('journey-step').evaluateAll((els) => els.map((e) => e.dataset.state));
      expect(states).toEqual(steps.map((s) => s.state));
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
