import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { expectText } from './support/ui.js';

const DEMO_PASSWORD = 'Anju-demo-2026';

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

interface Template {
  key: string;
  steps: { key: string; name: { zh: string; en: string } }[];
}
interface Task {
  id: string;
  name: { zh: string; en: string };
}

/** Matches `text` anywhere (step names hold `+` and brackets). */
const containing = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

describe('console: journeys', () => {
  it('a CR specialist sees the 6+2 steps in both languages and works the journey task queue', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'li.na', DEMO_PASSWORD);
    const api = await apiSession(page.request, server.url);
    const me = await api.get<{ orgUnit: { id: string } }>('/api/auth/me');
    const { items: templates } = await api.get<{ items: Template[] }>(
      `/api/journey-templates?companyId=${me.orgUnit.id}`,
    );
    const sixPlusTwo = templates.find((x) => x.key === 'six_plus_two');
    if (!sixPlusTwo) throw new Error('the demo company has no 6+2 template');

    // the templates page: its strings arrive with its chunk (not in the first screen)
    await page.goto(`${server.url}/journeys`);
    await heading(page, '服务旅程').waitFor();
    await page.getByTestId('journey-template-six_plus_two').click();
    for (const step of sixPlusTwo.steps) {
      await expectText(page.getByTestId(`journey-step-${step.key}`), containing(step.name.zh));
    }
    await expect(page.getByRole('columnheader', { name: '步骤名称' }).count()).resolves.toBeGreaterThan(0);

    // the task queue: open tasks by due date, or the empty state
    await page.getByTestId('menu-journeyTasks').click();
    await page.waitForURL(/\/journey-tasks/);
    await heading(page, '旅程任务').waitFor();
    const { items: open } = await api.get<{ items: Task[] }>('/api/journey-tasks?status=open&limit=50');
    const rows = page.locator('[data-testid^="journey-task-row-"]');
    if (open.length === 0) {
      await page.getByText('没有符合条件的旅程任务').waitFor();
    } else {
      await rows.first().waitFor();
      const first = open[0] as Task;
      await expectText(rows.first(), containing(first.name.zh));
      // open it, mark every checklist item passed and close it
      await page.getByTestId(`journey-task-row-${first.id}`).click();
      const drawer = page.getByTestId('journey-task-drawer');
      await drawer.getByTestId('journey-task-close').waitFor();
      const checks = drawer.locator('[data-testid^="journey-task-check-"]');
      for (let i = 0; i < (await checks.count()); i++) {
        await checks.nth(i).getByText('通过', { exact: true }).click();
      }
      await drawer.getByTestId('journey-task-notes').fill('e2e：业主已确认');
      await drawer.getByTestId('journey-task-close').click();
      await page.locator('.ant-message-notice').filter({ hasText: '已记录' }).waitFor();
      await expect.poll(() => page.getByTestId(`journey-task-row-${first.id}`).count()).toBe(0);
      const done = await api.get<{ status: string; notes: string | null }>(`/api/journey-tasks/${first.id}`);
      expect(done).toMatchObject({ status: 'done', notes: 'e2e：业主已确认' });
    }

    // switching to English after a journeys page registered its strings: the main set and the journeys set both read
    await page.getByTestId('lang-en').click();
    await heading(page, 'Journey tasks').waitFor();
    await expectText(page.getByTestId('menu-journeyTasks'), 'Journey tasks');
    await expectText(page.getByTestId('menu-journeys'), 'Service journeys');
    await page.getByTestId('menu-journeys').click();
    await heading(page, 'Service journeys').waitFor();
    await page.getByTestId('journey-template-six_plus_two').click();
    const firstStep = sixPlusTwo.steps[0];
    if (firstStep) {
      await expectText(page.getByTestId(`journey-step-${firstStep.key}`), containing(firstStep.name.en));
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the task queue fits a phone: cards in place of the table', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'li.na', DEMO_PASSWORD);
    await page.goto(`${server.url}/journey-tasks`);
    await heading(page, '旅程任务').waitFor();
    const cards = page.locator('[data-testid^="journey-task-card-"]');
    await expect
      .poll(async () => (await cards.count()) > 0 || (await page.getByText('没有符合条件的旅程任务').count()) > 0)
      .toBe(true);
    await expect(page.locator('[data-testid^="journey-task-row-"]').count()).resolves.toBe(0);
    await context.close();
  });
});
