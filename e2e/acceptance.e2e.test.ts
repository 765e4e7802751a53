import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { choose, expectText } from './support/ui.js';

const DEMO_PASSWORD = 'Anju-demo-2026';
/** The demo's contractor users by their organisation's code. */
const CONTRACTOR_USER: Record<string, string> = { 'SH-JG': 'qian.yong', 'HZ-HD': 'he.yong', 'CQ-YA': 'xu.qiang' };

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

type Project = { id: string; name: string; cityCompanyId: string };
type Batch = { id: string; name: string; actualDate: string | null; unitCount: number };
type OrgUnit = { id: string; parentId: string | null; type: string; name: string; code: string };

describe('simulated acceptance and the property hand-over on the batch board', () => {
  it('staff record a blocking finding, the contractor rectifies it, staff verify; the hand-over is recorded and rated; an open blocking finding needs a reason to deliver', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'wang.jianguo', DEMO_PASSWORD);
    const api = await apiSession(page.request, server.url);

    // a batch not yet delivered, with households on its board, and the contractor of its company
    const { items: projects } = await api.get<{ items: Project[] }>('/api/projects?limit=50');
    let found: { project: Project; batch: Batch; unitCode: string; unitId: string } | undefined;
    for (const project of projects) {
      const { items } = await api.get<{ items: Batch[] }>(`/api/projects/${project.id}/delivery-batches`);
      for (const batch of items.filter((b) => !b.actualDate && b.unitCount > 0)) {
        const board = await api.get<{ households: { unitId: string; unitCode: string | null; status: string }[] }>(
          `/api/delivery-batches/${batch.id}/handover-board`,
        );
        // a home not handed over yet (a signed one is delivered: its problems are repair tickets)
        const home = board.households.find((h) => h.unitCode && ['unbooked', 'booked'].includes(h.status));
        if (home?.unitCode) found = { project, batch, unitCode: home.unitCode, unitId: home.unitId };
        if (found) break;
      }
      if (found) break;
    }
    if (!found) throw new Error('the demo has no batch to inspect');
    const { items: units } = await api.get<{ items: OrgUnit[] }>('/api/org-units?type=contractor');
    const contractor = units.find((u) => u.parentId === found.project.cityCompanyId && CONTRACTOR_USER[u.code]);
    if (!contractor) throw new Error('no contractor serves the company');

    const { items: categories } = await api.get<{ items: { code: string; nameZh: string; urgent: boolean }[] }>(
      '/api/defect-categories',
    );
    const category = categories.find((c) => !c.urgent);
    if (!category) throw new Error('no defect category');

    const findingsUrl = `/api/delivery-batches/${found.batch.id}/acceptance-findings`;
    const before = (await api.get<{ summary: { openBlocking: number } }>(findingsUrl)).summary.openBlocking;

    await page.goto(`${server.url}/handover/batches/${found.batch.id}`);
    await page.getByTestId('acceptance-panel').waitFor();
    await page.getByTestId('finding-record').click();
    await choose(page, 'finding-unit', found.unitCode, found.unitCode);
    await choose(page, 'finding-room', '客厅');
    await choose(page, 'finding-category', `${category.nameZh} (${category.code})`, category.code);
    await page.getByText('阻断交付', { exact: true }).last().click();
    await page.getByTestId('finding-description').fill('客厅窗框渗水');
    await choose(page, 'finding-contractor', contractor.name, contractor.name.slice(0, 2));
    await page.getByTestId('finding-submit').click();
    await expectText(page.getByTestId('acceptance-openBlocking'), new RegExp(`${before + 1}$`));
    // the newest finding comes first
    const row = page.locator('[data-testid^="finding-"][data-row-key]').first();
    const findingId = (await row.getAttribute('data-row-key')) as string;
    await expectText(row.getByTestId('finding-status'), '待整改');

    // the contractor follows the notice's link: the finding's dialog opens, they report it rectified
    const contractorContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const contractorPage = await contractorContext.newPage();
    contractorPage.on('pageerror', (e) => errors.push(e.message));
    await signIn(contractorPage, server.url, CONTRACTOR_USER[contractor.code] as string, DEMO_PASSWORD);
    await contractorPage.goto(`${server.url}/acceptance?finding=${findingId}`);
    await contractorPage.getByTestId('finding-action-note').fill('已重新打胶并做淋水试验');
    await contractorPage.getByTestId('finding-action-submit').click();
    await contractorPage.getByTestId(`mine-finding-${findingId}`).waitFor({ state: 'detached' });
    await contractorContext.close();

    // staff verify it: nothing blocks the delivery any more
    await page.reload();
    await page.getByTestId(`verify-${findingId}`).click();
    await page.getByTestId('finding-action-submit').click();
    await expectText(page.getByTestId(`finding-${findingId}`).getByTestId('finding-status'), '已复验');
    await expectText(page.getByTestId('acceptance-openBlocking'), new RegExp(`${before}$`));

    // the hand-over to the property company: record it, then the verdict
    await page.getByRole('tab', { name: '移交物业' }).click();
    await page.getByTestId('ph-record').click();
    await page.getByTestId('ph-quantity-0').fill('120');
    await page.getByTestId('ph-submit').click();
    await expectText(page.getByTestId('property-handover'), /钥匙.*120/);
    await page.getByTestId('ph-rate').click();
    await page.getByTestId('ph-timely').getByText('是').click();
    await page.getByTestId('ph-complete').getByText('否').click();
    await page.getByTestId('ph-rate-submit').click();
    await expectText(page.getByTestId('ph-verdict'), '不满意');
    await expect(page.getByTestId('ph-record').count()).resolves.toBe(0);

    // a blocking finding left open refuses the delivery; a CR manager delivers with a reason
    await api.post(findingsUrl, {
      unitId: found.unitId,
      room: 'kitchen',
      categoryCode: category.code,
      severity: 'blocking',
      description: '厨房烟道倒灌',
      photoFileIds: [],
    });
    await page.goto(`${server.url}/projects/${found.project.id}?tab=batches`);
    await page.getByTestId(`batch-edit-${found.batch.name}`).click();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const date = page.getByTestId('batch-actualDate');
    const input = (await date.evaluate((e) => e.tagName)) === 'INPUT' ? date : date.locator('input');
    await input.fill(today);
    await input.press('Enter');
    await page.getByTestId('batch-submit').click();
    await expectText(page.getByTestId('batch-blocked'), new RegExp(`还有 ${before + 1} 个阻断交付`));
    await page.getByTestId('batch-override-reason').fill('业主已知情，入住后 3 日内整改');
    await page.getByTestId('batch-submit').click();
    await page.getByTestId('batch-blocked').waitFor({ state: 'detached' });
    const { items: after } = await api.get<{ items: Batch[] }>(`/api/projects/${found.project.id}/delivery-batches`);
    expect(after.find((b) => b.id === found.batch.id)?.actualDate).toBe(today);

    expect(errors).toEqual([]);
    await context.close();
  });
});
