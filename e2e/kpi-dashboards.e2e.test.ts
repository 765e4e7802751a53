import { mkdirSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
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

/** Last month in China (UTC+8), `2026-11`: the month the executive's home shows. */
function lastMonth(): string {
  const china = new Date(Date.now() + 8 * 3_600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

/** An .xlsx with the history template's Chinese headers, then the rows. */
async function workbook(headers: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('history');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const TICKET_HEADERS = [
  '工单编号',
  '类型',
  '项目编码',
  '房号',
  '标题',
  '缺陷类别',
  '渗漏',
  '根本原因',
  '投诉原因',
  '受理时间',
  '关闭时间',
  '重开时间',
  '再次关闭时间',
];
const CLOCK_HEADERS = ['工单编号', '节点', '承办部门编码', '开始时间', '截止时间', '停止时间'];

/** Uploads one history workbook on /imports/history and waits for the job to report every row imported. */
async function importHistory(page: Page, kindLabel: string | null, name: string, file: Buffer, rows: number) {
  await page.goto(`${server.url}/imports/history`);
  await page.getByTestId('history-kind').waitFor();
  if (kindLabel) await choose(page, 'history-kind', kindLabel);
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await expectText(page.getByTestId('import-imported'), String(rows), 60_000);
  await expectText(page.getByTestId('import-failed'), '0');
}

describe('console: KPI dashboards', () => {
  it("a city company's executive sees the KPIs against targets and the ranked projects at home, and the records behind a red figure", async () => {
    const month = lastMonth();
    const tag = Date.now().toString(36).slice(-5).toUpperCase();
    const numbers = [1, 2, 3, 4, 5].map((i) => `E2E${tag}-${i}`);

    // Last month's history of the Hangzhou company through the history import page: five complaints whose
    // customer-relations clocks all stopped two days after their deadline, so the company's K1 is missed by far.
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'huang.lei', DEMO_PASSWORD);
    const tickets = numbers.map((n, i) => [
      n,
      '投诉',
      'HZ-XX',
      '',
      `历史投诉 ${i + 1}`,
      '',
      '',
      '',
      '延期交付',
      `${month}-0${i + 2} 09:00`,
      '',
      '',
      '',
    ]);
    await importHistory(page, null, 'tickets.xlsx', await workbook(TICKET_HEADERS, tickets), numbers.length);
    const clocks = numbers.map((n, i) => [
      n,
      '受理',
      'HZ-customer_relations',
      `${month}-0${i + 2} 10:00`,
      `${month}-0${i + 2} 18:00`,
      `${month}-${String(i + 14).padStart(2, '0')} 10:00`,
    ]);
    await importHistory(page, '时限计时', 'clocks.xlsx', await workbook(CLOCK_HEADERS, clocks), numbers.length);
    await context.close();

    // An executive placed in the Hangzhou company (admin creates the account).
    const adminContext = await browser.newContext();
    const admin = await apiSession(adminContext.request, server.url, { username: 'admin', password: ADMIN_PASSWORD });
    const units = await admin.get<{ items: { id: string; code: string }[] }>('/api/org-units');
    const hz = units.items.find((u) => u.code === 'HZ');
    const roles = await admin.get<{ items: { id: string; key: string }[] }>('/api/roles');
    const executive = roles.items.find((r) => r.key === 'executive');
    if (!hz || !executive) throw new Error('demo data without the Hangzhou company or the executive role');
    const username = `e2e.exec${tag.toLowerCase()}`;
    await admin.post('/api/users', {
      username,
      displayName: '杭州总经理',
      password: 'E2e-password-1',
      orgUnitId: hz.id,
      roleIds: [executive.id],
    });
    await adminContext.close();

    const execContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const home = await execContext.newPage();
    home.on('pageerror', (e) => errors.push(e.message));
    await signIn(home, server.url, username, 'E2e-password-1');

    // The home page: every KPI of the company for last month with its target, and the company's projects ranked.
    await home.getByTestId('home-executive').waitFor();
    await expectText(home.getByTestId('kpi-target-K2'), /目标\s*≥\s*88\.0%/);
    await expectText(home.getByTestId('kpi-target-K4'), /目标\s*≤\s*30/);
    await expectText(home.getByTestId('kpi-target-K7'), /目标\s*≤\s*0\.03/);
    await expectText(home.getByTestId('kpi-rag-K1'), '未达标');
    const projects = home.getByTestId('kpi-projects');
    // rank, project, share of its KPIs met (西溪里 is the demo project with figures last month)
    await expectText(projects.locator('tbody tr').first(), /^1安居·西溪里\d+\.\d%/);
    // The KPI's KPIS.md definition is its help text.
    await home.getByTestId('kpi-help-K1').hover();
    await expectText(home.getByTestId('kpi-help-text-K1'), /每个时限计时只计一次/);

    // The red figure opens the records behind it: the clocks of the imported complaints, by ticket number.
    await home.getByTestId('kpi-value-K1').click();
    const drawer = home.getByTestId('kpi-drilldown');
    await drawer.waitFor();
    const rows = drawer.locator('.ant-table-tbody');
    await expectText(rows, new RegExp(numbers[0] as string));
    for (let more = 0; more < 10; more++) {
      const text = (await rows.textContent()) ?? '';
      if (numbers.every((n) => text.includes(n))) break;
      await home.getByTestId('drill-more').click();
      await home.waitForTimeout(300);
    }
    const listed = (await rows.textContent()) ?? '';
    for (const n of numbers) expect(listed).toContain(n);

    mkdirSync(`${import.meta.dirname}/artifacts`, { recursive: true });
    await home.screenshot({ path: `${import.meta.dirname}/artifacts/kpi-drilldown.png`, fullPage: true });
    expect(errors).toEqual([]);
    await execContext.close();
  });

  it('a CR manager sees the day at home, sets a target and recomputes a month, whose figures then show both versions', async () => {
    const month = lastMonth();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'luo.min', DEMO_PASSWORD);

    // home: the CR manager's dashboard of the Chongqing company
    await page.getByTestId('dash-open').waitFor();
    await page.getByTestId('dash-backlog').waitFor();
    await page.getByTestId('dash-batches').waitFor();

    await page.getByTestId('menu-kpis').click();
    await page.getByTestId('kpi-grid').waitFor();
    await expectText(page.getByTestId('kpi-target-K2'), /目标\s*≥\s*88\.0%/);

    // the K2 target of the company this year: 90 %, then a value out of range is refused before it is sent
    await page.getByTestId('kpi-tab').getByText('目标').click();
    await choose(page, 'target-company', '重庆公司', '重庆');
    const input = page.getByTestId('target-input-K2');
    await input.fill('90');
    await page.getByTestId('target-save-K2').click();
    await page.locator('.ant-message-notice').filter({ hasText: 'K2' }).waitFor();
    await input.fill('120');
    await page.getByTestId('target-save-K2').click();
    await expectText(page.locator('.ant-form-item-explain-error').first(), '请输入 0 到 100 之间的百分比');

    // recompute last month with a reason: the figures show the new version beside the one before
    await page.getByTestId('kpi-tab').getByText('指标').click();
    await page.getByTestId('kpi-recompute').click();
    await page.getByTestId('kpi-recompute-reason').fill('e2e：补录回访后重算');
    await page.getByTestId('kpi-recompute-submit').click();
    await page.locator('.ant-message-notice').filter({ hasText: month }).waitFor();
    await expectText(page.getByTestId('kpi-state-K2'), /已冻结 v\d+/);
    // a KPI with a figure in both versions shows the one before ("v3 (原 66.7%)")
    await expectText(
      page.locator('[data-testid^=kpi-state-]').filter({ hasText: '原' }).first(),
      /已冻结 v\d+ \(原 .+\)/,
    );

    mkdirSync(`${import.meta.dirname}/artifacts`, { recursive: true });
    await page.screenshot({ path: `${import.meta.dirname}/artifacts/kpi-manager.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a CR manager reads the complaint report and exports it, records an award and sees its ranking, and loads the survey benchmarks', async () => {
    const month = lastMonth();
    const year = month.slice(0, 4);
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Hangzhou's CR manager: the demo's tickets, and the complaints the first test imported, last month
    await signIn(page, server.url, 'huang.lei', DEMO_PASSWORD);

    // the complaint report of last month (the default): figures by type and cause, the departments' K1, top problems
    await page.getByTestId('menu-complaintReport').click();
    await expectText(page.getByTestId('report-heading'), `杭州公司 · ${month}`);
    await expectText(page.getByTestId('report-total'), /工单总数\s*[1-9]\d*/);
    await expectText(page.getByTestId('report-by-type').locator('tbody tr').first(), /^(投诉|报修|咨询|建议|表扬)\d+/);
    await page.getByTestId('report-timeliness').locator('tbody tr').first().waitFor();
    await expectText(page.getByTestId('report-top-problems').locator('tbody tr').first(), /^安居·.+\d+$/);

    // printed: no menu, header, filters or buttons
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('.ant-layout-sider').isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('report-export').isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('report-timeliness').isVisible()).toBe(true);
    mkdirSync(`${import.meta.dirname}/artifacts`, { recursive: true });
    await page.screenshot({ path: `${import.meta.dirname}/artifacts/complaint-report-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // the .xlsx, saved under the server's file name
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toBe(`complaint-report-${month}.xlsx`);
    const saved = await download.path();
    expect(statSync(saved).size).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.worksheets.length).toBeGreaterThan(0);

    // the awards: the nine with their names; the first professional award is entered by hand, then ranked and won
    await page.getByTestId('menu-awards').click();
    await expectText(page.getByTestId('award-list').locator('tbody tr').nth(8), /首个专业奖项奖/);
    await choose(page, 'award-year', year, year);
    await choose(page, 'award-select', '首个专业奖项奖', '首个专业');
    await page.getByTestId('award-entry-open').click();
    await choose(page, 'award-entry-project', '安居·西溪里', '西溪里');
    await page.getByTestId('award-entry-title').fill('杭州市优质工程奖');
    await page.getByTestId('award-entry-date').fill(`${year}-03-15`);
    await page.getByTestId('award-entry-submit').click();
    const ranking = page.getByTestId('award-ranking').locator('tbody tr.ant-table-row');
    await expectText(ranking.first(), new RegExp(`^1安居·西溪里获奖${year}-03-15 杭州市优质工程奖`));
    const [awardFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('award-export').click()]);
    expect(awardFile.suggestedFilename()).toBe(`award-first_professional_award-${year}.xlsx`);

    // the survey dashboard of 2006: no figures until the 2004–2006 benchmarks are loaded, then 2004/2005, target, group
    await page.getByTestId('menu-surveyDashboard').click();
    await page.getByTestId('survey-empty').or(page.getByTestId('survey-figures')).waitFor();
    await choose(page, 'survey-year', '2006', '2006');
    const empty = page.locator('[data-testid=survey-empty][data-year="2006"]');
    const figures = page.locator('[data-testid=survey-figures][data-year="2006"]');
    await empty.or(figures).waitFor();
    if (await empty.isVisible()) await page.getByTestId('survey-load').click();
    const table = figures.getByTestId('survey-dimensions');
    const overall = table.locator('tbody tr').first();
    // overall satisfaction: 2004 68%, 2005 76% (history), 2006 no answers, target 80%
    await expectText(overall, /^总体满意度68\.0%历史数据76\.0%历史数据—0+80\.0%/);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(11);
    await page.getByTestId('survey-dimension-chart').locator('canvas').waitFor();

    await page.screenshot({ path: `${import.meta.dirname}/artifacts/survey-dashboard.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
