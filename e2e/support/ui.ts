import type { Locator, Page } from 'playwright-core';

/** Polls until the locator's text matches (the console refetches after each write); says what the page showed. */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = ((await locator.textContent({ timeout }).catch(() => '')) ?? '').trim();
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return last;
    if (Date.now() > deadline) {
      const shown = await locator
        .page()
        .locator('.ant-message-notice, .ant-form-item-explain-error, .ant-alert')
        .allTextContents()
        .catch(() => []);
      throw new Error(`expected ${String(expected)}, got "${last}"; on the page: ${JSON.stringify(shown)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Picks an option of the open antd Select / TreeSelect dropdown by its exact text; false when none showed in time. */
async function pickOption(page: Page, text: string, timeout: number): Promise<boolean> {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option-content, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: exact })
    .first()
    .click({ timeout })
    .then(
      () => true,
      () => false,
    );
}

/**
 * Opens the select with this test id, optionally types to filter, and picks `text`; checks the select shows it
 * and tries again (up to three times, each waiting longer) if the option did not show or the click landed while the
 * filtered list was still re-rendering.
 */
export async function choose(page: Page, testId: string, text: string, typed?: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typed) await page.keyboard.type(typed);
    await page.waitForTimeout(150 * attempt);
    // an option that never shows (keys typed before the search box had focus) is retried from a closed select
    await pickOption(page, text, 10_000 * attempt);
    await page.waitForTimeout(100);
    const shown = (await select.textContent().catch(() => '')) ?? '';
    if (shown.includes(text)) return;
    if (attempt === 3) throw new Error(`could not choose ${text} in ${testId}`);
    await page.keyboard.press('Escape');
  }
}

/**
 * Clicks `testId` until `appears` shows (a click that landed while the page re-rendered after a refetch, or a write
 * refused for a stale version and refetched, is tried again), each wait longer; fails after three tries.
 */
export async function clickUntil(page: Page, testId: string, appears: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const button = page.getByTestId(testId);
    if (await button.isVisible().catch(() => false)) await button.click();
    try {
      await page.getByTestId(appears).waitFor({ state: 'visible', timeout: 10_000 * attempt });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/**
 * Submits an action modal until `status` shows `expected`. A write refused because the record changed meanwhile (a
 * listener raised the ticket's priority: 409, the form closes and the page reloads) is done again from `reopen`,
 * which opens and fills the form; a click that landed while the modal was still opening is tried again. Fails
 * after three tries, each waiting longer.
 */
export async function submitUntil(
  page: Page,
  submitId: string,
  status: Locator,
  expected: string,
  reopen: () => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const submit = page.getByTestId(submitId);
    if (!(await submit.isVisible().catch(() => false))) {
      if (((await status.textContent().catch(() => '')) ?? '').trim() === expected) return;
      await reopen();
    }
    await submit.click();
    try {
      await expectText(status, expected, 10_000 * attempt);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
