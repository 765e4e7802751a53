import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { MOBILE, signInOwner } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { adminSession, apiSession, signIn } from './support/session.js';
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

describe('console: standard problems at intake and at closing', () => {
  it('an agent typing 卫生间天花板渗水 is offered the standard problem, and closing with it fills the root cause', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'zhang.wei', DEMO_PASSWORD);

    // Intake: the suggestions follow the title as it is typed.
    await page.goto(`${server.url}/tickets/new`);
    await page.getByTestId('intake-title').fill('卫生间天花板渗水');
    const suggestions = page.getByTestId('knowledge-suggestions');
    await expectText(suggestions, /卫生间吊顶渗水/);
    await suggestions.getByText('卫生间吊顶渗水').click();
    await expectText(page.getByTestId('knowledge-drawer'), /闭水试验/);

    // Closing: a repair of a project of this company, handed to the project's own staff.
    const api = await apiSession(page.request, server.url);
    const { items: units } = await api.get<{ items: { id: string; type: string }[] }>('/api/org-units?type=project');
    const project = units[0];
    if (!project) throw new Error('no demo project');
    const created = await api.post<{ id: string; version: number }>('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      title: '卫生间天花板渗水',
      description: '楼上洗澡后我家卫生间天花板滴水',
      orgUnitId: project.id,
      inspectionRequired: false,
      contactPhone: '13900001111',
    });
    await api.post(`/api/tickets/${created.id}/transitions`, {
      action: 'dispatch',
      assigneeOrgId: project.id,
      version: created.version,
    });
    await page.goto(`${server.url}/tickets/${created.id}`);
    await page.getByTestId('ticket-action-close').click();
    await page.getByTestId('action-resolution').fill('重做楼上卫生间防水，修补吊顶');
    const { items: hits } = await api.get<{ items: { number: string; title: string }[] }>(
      `/api/knowledge/articles?q=${encodeURIComponent('卫生间吊顶渗水')}&status=published`,
    );
    const article = hits.find((h) => h.title === '卫生间吊顶渗水');
    if (!article) throw new Error('no demo article 卫生间吊顶渗水');
    await choose(page, 'action-standard-problem', `${article.number} · 卫生间吊顶渗水`);
    await expectText(page.getByTestId('action-root-cause'), '工艺安装');
    await page.getByTestId('action-submit').click();
    await expectText(page.getByTestId('ticket-status'), '待回访');
    const closed = await api.get<{ rootCause: string; knowledgeArticleId: string | null }>(
      `/api/tickets/${created.id}`,
    );
    expect(closed.rootCause).toBe('workmanship');
    expect(closed.knowledgeArticleId).not.toBeNull();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('the demo owner finds home care in the portal, and no staff-only article among it', async () => {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
    expect(phone, 'the demo owner in the start output').toBeTruthy();
    const admin = await adminSession(browser, server.url, ADMIN_PASSWORD);
    const owner = await browser.newContext(MOBILE);
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/m/login`);
    await signInOwner(page, admin, phone as string);

    await page.getByTestId('home-care-entry').click();
    await page.waitForURL(/\/m\/home-care$/);
    await page.getByTestId('home-care-card').first().waitFor();
    await page.getByTestId('home-care-search').locator('input').fill('卫生间渗水');
    await expectText(page.getByTestId('home-care-card').first(), /卫生间防水使用须知/);
    const titles = await page.getByTestId('home-care-card').allTextContents();
    // 卫生间吊顶渗水 is a staff article: the owner never sees it
    expect(titles.some((x) => x.includes('卫生间吊顶渗水'))).toBe(false);
    expect(errors).toEqual([]);
    await owner.close();
  });
});
