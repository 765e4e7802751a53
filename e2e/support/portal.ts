import type { Page } from 'playwright-core';
import type { Api } from './session.js';

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/**
 * The login code the portal just sent to this phone, read from the staff outbox page (demo mode shows codes).
 * Only login codes are listed, so a burst of other messages cannot push it off the first page. It waits as long as
 * the delivery takes: the test's own timeout is the bound, not a guess at how busy the machine is.
 */
export async function ownerLoginCode(admin: Api, phone: string): Promise<string> {
  for (;;) {
    const { items } = await admin.get<{ items: { recipientMasked: string; body: string }[] }>(
      '/api/outbox?template=owner.login_code&limit=20',
    );
    const code = items.find((m) => m.recipientMasked === masked(phone))?.body.match(/\d{6}/)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A phone-sized browser context, as owners use the portal. */
export const MOBILE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/** Signs an owner in on the portal's login page (already open): the SMS code is read from the outbox. */
export async function signInOwner(page: Page, admin: Api, phone: string): Promise<void> {
  await page.getByTestId('login-phone').fill(phone);
  await page.getByTestId('login-get-code').click();
  await page.getByTestId('login-code').fill(await ownerLoginCode(admin, phone));
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/m/login'));
}
