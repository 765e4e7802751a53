import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { MOBILE, signInOwner } from './support/portal.js';
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

describe('value-added services', () => {
  it('the demo owner books a pre-delivery visit in the portal and sees the step staff completed, with its note', async () => {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
    expect(phone, 'the demo owner in the start output').toBeTruthy();
    const owner = await browser.newContext(MOBILE);
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/m/login`);
    await signInOwner(page, admin, phone as string);

    await page.getByTestId('services-entry').click();
    await page.waitForURL(/\/m\/services$/);
    const card = page.locator('[data-service-code="pre_delivery_visit"]');
    await card.getByTestId('service-book').click();
    await card.getByTestId('service-book-confirm').click();
    const mine = page.getByTestId('service-request').filter({ hasText: '交付前看房' }).first();
    await mine.waitFor();
    const number = (await mine.getAttribute('data-number')) as string;
    await expectText(mine.getByTestId('service-step').first(), /我们已收到您的看房申请/);
    expect(await mine.getByTestId('service-step').first().getAttribute('data-state')).toBe('in_progress');

    // staff complete the first step with a note for the owner
    const open = await admin.get<{ items: { id: string; number: string }[] }>(
      '/api/service-requests?status=open&limit=200',
    );
    const request = open.items.find((r) => r.number === number);
    expect(request, number).toBeTruthy();
    await admin.post(`/api/service-requests/${request?.id}/advance`, { seq: 0, ownerNote: '顾问将于今天致电' });

    await page.reload();
    const again = page.locator(`[data-number="${number}"]`);
    const first = again.getByTestId('service-step').first();
    await expectText(first, /顾问将于今天致电/);
    expect(await first.getAttribute('data-state')).toBe('done');
    expect(await again.getByTestId('service-step').nth(1).getAttribute('data-state')).toBe('in_progress');
    expect(errors).toEqual([]);
  });
});
