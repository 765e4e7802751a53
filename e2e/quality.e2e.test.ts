import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { choose, clickUntil, expectText } from './support/ui.js';

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

type Cluster = { id: string; number: string; severity: number; place: string | null; caseId: string | null };

describe('console: group-complaint warning to the fast channel', () => {
  it('the group CR manager sees a demo cluster on the board and the dashboard, acknowledges it, opens a case and replies to every owner', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'wang.jianguo', DEMO_PASSWORD);
    const api = await apiSession(page.request, server.url);
    const { items } = await api.get<{ items: Cluster[] }>('/api/quality/clusters');
    const cluster = items.find((c) => !c.caseId);
    if (!cluster) throw new Error('the demo has no cluster without a case');
    const level = new RegExp(`${cluster.severity} 级`);

    // The board: the cluster's row and its building coloured on the map, the drawer with its tickets and timeline.
    await page.goto(`${server.url}/quality/clusters`);
    await expectText(page.getByTestId(`cluster-row-${cluster.number}`), level);
    await page.getByTestId(`cluster-row-${cluster.number}`).click();
    await expectText(page.getByTestId('cluster-severity'), level);
    await expectText(page.locator('.ant-drawer'), new RegExp(`已通知第 ${cluster.severity} 级`));
    await page.getByTestId('cluster-ack-note').fill('已通知项目总排查');
    await page.getByTestId('cluster-ack').click();
    await expectText(page.locator('.ant-drawer'), /已通知项目总排查/);

    // The fast channel: a case from the cluster, owned by the group CR manager himself.
    await page.getByTestId('cluster-open-case').click();
    await choose(page, 'case-owner', '王建国（wang.jianguo）', 'wang.jianguo');
    await page.getByTestId('case-deadline').click();
    await page.keyboard.type('2027-01-15');
    await page.keyboard.press('Enter');
    await clickUntil(page, 'case-open-submit', 'case-status');
    await expectText(page.getByTestId('case-status'), /处理中/);
    const reply = '我们已成立专项小组，三日内上门排查并答复您';
    await page.getByTestId('case-text').fill(reply);
    await page.getByTestId('case-reply').click();
    await expectText(page.locator('.ant-drawer'), /统一回复业主（\d+ 张工单）/);

    // The executive dashboard lists the open cluster of the subtree.
    await page.goto(`${server.url}/kpis`);
    await expectText(page.getByTestId('open-clusters'), new RegExp(cluster.number));
    expect(errors).toEqual([]);
    await context.close();
  });
});
