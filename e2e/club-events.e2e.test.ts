import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { MOBILE, signInOwner } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, adminSession, signIn } from './support/session.js';
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

describe('club events', () => {
  it('the demo owner registers for a lecture in the portal and sees the QR code; staff check the code in on a phone', async () => {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
    expect(phone, 'the demo owner in the start output').toBeTruthy();
    const owner = await browser.newContext(MOBILE);
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/m/login`);
    await signInOwner(page, admin, phone as string);

    await page.getByTestId('events-entry').click();
    await page.waitForURL(/\/m\/events$/);
    const card = page.getByTestId('event-card').filter({ hasText: '冬季家居保养讲座' }).first();
    await card.getByTestId('event-register').click();
    await page
      .locator('.adm-dialog-button')
      .filter({ hasText: /确定|确认/ })
      .click();
    await card.getByTestId('event-qr-image').waitFor();
    const code = (await expectText(card.getByTestId('event-code'), /签到码：[2-9A-Z]{8}/)).split('：')[1] as string;
    const eventId = (await card.getAttribute('data-event-id')) as string;
    expect(errors).toEqual([]);

    // at the door, on a phone: the club staff type the code
    const staff = await browser.newContext({ ...MOBILE, isMobile: false, hasTouch: false });
    const door = await staff.newPage();
    await signIn(door, server.url, 'admin', ADMIN_PASSWORD);
    await door.goto(`${server.url}/club/events/${eventId}/check-in`);
    await door.getByTestId('club-check-in-code').fill(code.toLowerCase());
    await door.getByTestId('club-check-in-submit').click();
    await expectText(door.getByTestId('club-check-in-result'), /签到成功/);
    await door.getByTestId('club-check-in-code').fill(code);
    await door.getByTestId('club-check-in-submit').click();
    await expectText(door.getByTestId('club-check-in-result'), /已签到过/);
  });
});
