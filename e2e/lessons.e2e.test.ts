import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { choose, expectText } from './support/ui.js';

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

type Project = { id: string; name: string };
type Batch = { id: string; actualDate: string | null; unitCount: number };

describe('console: the lessons register feeds the simulated acceptance', () => {
  it('the group CR manager reads the demo lessons, accepts a new one for a project, and its batch board lists it to check', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'wang.jianguo', DEMO_PASSWORD);
    const api = await apiSession(page.request, server.url);

    const { items: projects } = await api.get<{ items: Project[] }>('/api/projects?limit=50');
    let found: { project: Project; batch: Batch } | undefined;
    for (const project of projects) {
      const { items } = await api.get<{ items: Batch[] }>(`/api/projects/${project.id}/delivery-batches`);
      const batch = items.find((b) => !b.actualDate && b.unitCount > 0);
      if (batch) found = { project, batch };
      if (found) break;
    }
    if (!found) throw new Error('the demo has no batch awaiting delivery');

    // The register: the demo's lessons, filtered by status.
    await page.goto(`${server.url}/quality/lessons`);
    await expectText(page.locator('.ant-table'), /外窗窗框与墙体交接处渗水/);
    await choose(page, 'lesson-status', '已否决');
    await expectText(page.locator('.ant-table'), /业主要求把阳台改为封闭式/);
    await expect.poll(() => page.locator('.ant-table').textContent()).not.toMatch(/外窗窗框/);

    // A new lesson, accepted at once, for the project found.
    const problem = `阳台栏杆立杆间距超标（E2E ${Date.now()}）`;
    await page.getByTestId('lesson-add').click();
    await page.getByTestId('lesson-problem').fill(problem);
    await page.getByTestId('lesson-improvement').fill('交付前逐户量测栏杆立杆净距，超过 11 厘米的当场整改');
    await choose(page, 'lesson-department-select', '工程');
    await choose(page, 'lesson-applies-to', found.project.name, found.project.name);
    await page.keyboard.press('Escape');
    await choose(page, 'lesson-status-select', '已采纳');
    await page.getByTestId('lesson-save').click();
    await expectText(page.locator('.ant-message'), /已保存/);

    // The batch board's simulated acceptance lists it to check.
    await page.goto(`${server.url}/handover/batches/${found.batch.id}`);
    await page.getByTestId('acceptance-panel').waitFor();
    await expectText(page.getByTestId('acceptance-checklist'), /阳台栏杆立杆间距超标/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
