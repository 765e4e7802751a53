import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { choose, expectText } from './support/ui.js';

const DEMO_PASSWORD = 'Anju-demo-2026';
const CONTRACTOR = '上海建工装饰工程有限公司';

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

/** The scorecard table's rows (one per supplier). */
const rows = (page: Page) => page.getByTestId('scorecard-table').locator('[data-testid^="scorecard-row-"]');

describe('console: supplier scorecards, the watch list and design feedback', () => {
  it('the group CR manager ranks the suppliers, puts the demo contractor on the watch list (flagged at dispatch) and reads the design feedback', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'wang.jianguo', DEMO_PASSWORD);

    // Last month's ranking: the demo contractor has a year of repairs in the Shanghai projects.
    await page.getByTestId('menu-scorecards').click();
    await expectText(page.getByTestId('scorecard-table'), new RegExp(CONTRACTOR));
    const row = rows(page).filter({ hasText: CONTRACTOR });
    await expect.poll(() => row.count()).toBe(1);
    await expect(row.locator('[data-testid^="scorecard-watched-"]').count()).resolves.toBe(0);

    // Its drawer: the cells and twelve months, then on the watch list with a reason.
    await row.click();
    const drawer = page.getByTestId('scorecard-drawer');
    await expectText(drawer.getByTestId('scorecard-cells'), /安居·(云庭|滨江府)/);
    await drawer.getByTestId('scorecard-trend').waitFor();
    const reason = `渗漏返修连续两月排名靠后（E2E ${Date.now()}）`;
    await drawer.getByTestId('scorecard-watch-submit').click();
    await drawer.locator('.ant-form-item-explain-error').first().waitFor();
    await drawer.getByTestId('scorecard-watch-reason-input').fill(reason);
    await drawer.getByTestId('scorecard-watch-submit').click();
    await expectText(drawer.getByTestId('scorecard-watch-tag'), '在观察名单中');
    await expectText(drawer.getByTestId('scorecard-watch-reason'), reason);
    await page.keyboard.press('Escape');
    await row.locator('[data-testid^="scorecard-watched-"]').waitFor();

    // Dispatching a ticket to it warns before the order is given.
    const api = await apiSession(page.request, server.url);
    const { items: orgUnits } = await api.get<{ items: { id: string; code: string }[] }>('/api/org-units');
    const project = orgUnits.find((u) => u.code === 'SH-YT');
    const { items: units } = await api.get<{ items: { id: string }[] }>(`/api/units?projectId=${project?.id}&limit=1`);
    if (!units[0]) throw new Error('no demo unit in SH-YT');
    const ticket = await api.post<{ id: string }>('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      title: '卫生间地漏返水',
      description: '卫生间地漏返水，地面积水',
      unitId: units[0].id,
      contactPhone: '13912345678',
      inspectionRequired: false,
    });
    await page.goto(`${server.url}/tickets/${ticket.id}`);
    await expectText(page.getByTestId('ticket-status'), '待派单');
    await page.getByTestId('ticket-action-dispatch').click();
    await choose(page, 'action-assignee', CONTRACTOR, '上海建工');
    await expectText(page.getByTestId('watch-list-alert'), `该单位在观察名单中：${reason}`);
    await page.getByTestId('action-submit').click();
    await expectText(page.getByTestId('ticket-status'), '已派单');
    // and its order on the ticket stays flagged
    await expectText(page.getByTestId('wo-watched-1'), '观察名单');

    // Design feedback for the year: totals and rows per project × product type × layout × part.
    await page.getByTestId('menu-designFeedback').click();
    await page.getByTestId('design-totals').waitFor();
    await choose(page, 'design-period-kind', '年');
    await expect
      .poll(() => page.getByTestId('design-rows').locator('.ant-table-row').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectText(page.getByTestId('design-rows'), /安居·/);
    await expect
      .poll(() => page.getByTestId('design-across').locator('.ant-table-row').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('the contractor’s user sees only his own company’s scorecard, and no design feedback', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'qian.yong', DEMO_PASSWORD);

    await page.getByTestId('menu-scorecards').click();
    await expectText(page.getByTestId('scorecard-table'), new RegExp(CONTRACTOR));
    await expect.poll(() => rows(page).count()).toBe(1);
    await expect(page.getByTestId('menu-designFeedback').count()).resolves.toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
