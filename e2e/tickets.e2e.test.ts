import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { choose, expectText, submitUntil } from './support/ui.js';

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

interface CustomerSummary {
  id: string;
  name: string;
  primaryPhoneMasked: string | null;
  homes: string[];
}

/** The ticket day in the number: the calendar day in China (UTC+8). */
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');

describe('console: tickets from hotline intake to callback', () => {
  it('a CR manager takes a repair call by keyboard, inspects, dispatches, closes, and a low callback reopens it', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'zhang.wei', DEMO_PASSWORD);

    // A demo owner with one home whose last four digits find nobody else.
    const api = await apiSession(page.request, server.url);
    const { items } = await api.get<{ items: CustomerSummary[] }>('/api/customers?limit=50');
    let caller: { name: string; last4: string } | undefined;
    for (const c of items.filter((x) => x.homes.length === 1 && x.primaryPhoneMasked)) {
      const last4 = (c.primaryPhoneMasked ?? '').slice(-4);
      const found = await api.get<{ items: CustomerSummary[] }>(`/api/customers/search?q=${last4}&limit=8`);
      if (found.items.length === 1 && found.items[0]?.id === c.id) {
        caller = { name: c.name, last4 };
        break;
      }
    }
    if (!caller) throw new Error('no demo customer with a unique phone tail');

    await page.goto(`${server.url}/tickets/new`);
    const phone = page.getByTestId('intake-phone');
    await phone.waitFor();
    await expect(phone.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // Keyboard only from here to the ticket: the number, Enter, Tab to the title, Ctrl+Enter.
    await page.keyboard.type(caller.last4);
    const callerRadio = page.getByTestId(`intake-customer-${caller.name}`);
    await callerRadio.waitFor();
    await expect.poll(() => callerRadio.isChecked()).toBe(true);
    // the caller's only home is taken at once
    await expect.poll(() => page.getByTestId('intake-homes').locator('input:checked').count()).toBe(1);
    await page.keyboard.press('Enter');
    const title = page.getByTestId('intake-title');
    for (let i = 0; i < 15 && !(await title.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(title.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const before = Date.now();
    await page.keyboard.type('卫生间地漏反水');
    await page.keyboard.press('Control+Enter');

    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const number = await expectText(page.getByTestId('ticket-number'), /^BX\d{8}-\d{4}$/);
    expect([chinaDay(before), chinaDay(Date.now())]).toContain(number.slice(2, 10));
    await expectText(page.getByTestId('ticket-title'), '卫生间地漏反水');
    const status = page.getByTestId('ticket-status');
    // repairs start with an on-site inspection
    await expectText(status, '待查验');

    const inspect = async () => {
      await page.getByTestId('ticket-action-inspect').click();
      await page.getByTestId('action-findings').fill('地漏存水弯缺失，需更换');
    };
    await inspect();
    // the new ticket may join a cluster's group case meanwhile (raised to urgent): then the form is done again
    await submitUntil(page, 'action-submit', status, '待派单', inspect);

    await page.getByTestId('ticket-action-dispatch').click();
    await choose(page, 'action-assignee', '上海工程部', '上海工程部');
    await expectText(page.getByTestId('dispatch-hint'), /同时收到派工单/);
    await page.getByTestId('action-submit').click();
    await expectText(status, '已派单');
    await expectText(page.getByTestId('wo-row-1'), /上海工程部.*待接单/);

    // The department got the work as a work order; its engineer finishes it (through the API).
    const ticketId = new URL(page.url()).pathname.split('/').pop();
    const engineerContext = await browser.newContext();
    const engineer = await apiSession(engineerContext.request, server.url, {
      username: 'zhou.jie',
      password: DEMO_PASSWORD,
    });
    type Order = { id: string; ticketId: string; version: number };
    const queue = await engineer.get<{ items: Order[] }>('/api/work-orders/mine?status=open&limit=200');
    const order = queue.items.find((w) => w.ticketId === ticketId);
    if (!order) throw new Error('the department got no work order');
    const accepted = await engineer.patch<Order>(`/api/work-orders/${order.id}`, {
      action: 'accept',
      version: order.version,
    });
    await engineer.patch(`/api/work-orders/${order.id}`, {
      action: 'done',
      version: accepted.version,
      note: '已更换地漏',
    });
    await engineerContext.close();

    // Closing: the dialog says the order blocks it before any field is filled, and confirms it from there.
    await page.getByTestId('ticket-action-close').click();
    await expectText(page.getByTestId('close-blocked'), /还有派工单未完结/);
    await expect(page.getByTestId('action-resolution').count()).resolves.toBe(0);
    await page.getByTestId('close-confirm-1').click();
    await page.getByTestId('action-resolution').fill('已更换地漏并做闭水试验');
    await choose(page, 'action-root-cause', '工艺安装');
    await page.getByTestId('action-submit').click();
    await expectText(status, '待回访');

    // A score of 2 is a complaint: the ticket reopens with the owner's words.
    await page.getByTestId('callback-score').locator('[role="radio"]').nth(1).click();
    await page.getByText('1–2 分将自动重新打开工单').waitFor();
    await page.getByTestId('callback-comment').fill('维修后仍有异味');
    await page.getByTestId('callback-submit').click();
    await expectText(status, '处理中');
    await expectText(page.getByTestId('event-reopen').first(), /回访不满意（2 分）\s*维修后仍有异味/);
    await expectText(page.getByTestId('event-callback').first(), /回访 2 分\s*维修后仍有异味/);
    await expect(page.getByTestId('ticket-action-close').count()).resolves.toBe(1);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('an agent dispatches to the demo contractor in one step; the contractor gets the order with what it needs on site', async () => {
    // The CR manager dispatches a ticket to qian.yong of the demo contractor from the dispatch dialog.
    const crContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const crPage = await crContext.newPage();
    await signIn(crPage, server.url, 'zhang.wei', DEMO_PASSWORD);
    const cr = await apiSession(crPage.request, server.url);
    const { items: projects } = await cr.get<{ items: { id: string; code: string }[] }>('/api/org-units');
    const project = projects.find((u) => u.code === 'SH-YT');
    const { items: units } = await cr.get<{ items: { id: string; code: string }[] }>(
      `/api/units?projectId=${project?.id}&limit=1`,
    );
    const unit = units[0];
    if (!unit) throw new Error('no demo unit in SH-YT');

    type Ticket = { id: string; number: string; version: number; workOrders: { id: string; title: string }[] };
    const created = await cr.post<Ticket>('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      title: '外墙渗水',
      description: '客厅外墙雨后渗水，墙面起皮',
      unitId: unit.id,
      contactPhone: '13912345678',
      inspectionRequired: false,
    });
    await crPage.goto(`${server.url}/tickets/${created.id}`);
    const status = crPage.getByTestId('ticket-status');
    await expectText(status, '待派单');
    await crPage.getByTestId('ticket-action-dispatch').click();
    await choose(crPage, 'action-assignee', '上海建工装饰工程有限公司', '上海建工');
    await expectText(crPage.getByTestId('dispatch-hint'), /同时收到派工单/);
    await choose(crPage, 'action-assignee-user', '钱勇 (qian.yong)');
    await crPage.getByTestId('action-note').fill('请带密封胶');
    await crPage.getByTestId('action-submit').click();
    await expectText(status, '已派单');
    await expectText(crPage.getByTestId('wo-row-1'), /外墙渗水.*上海建工装饰工程有限公司.*待接单/);
    const order = (await cr.get<Ticket>(`/api/tickets/${created.id}`)).workOrders[0];
    if (!order) throw new Error('work order not created');
    await crContext.close();

    // The contractor, on a phone: the notice opens "my work orders", where the order shows what is needed on site.
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'qian.yong', DEMO_PASSWORD);
    await page.getByTestId('notification-bell').click();
    await page.locator('[data-testid^="notification-"]').filter({ hasText: created.number }).first().click();
    await page.waitForURL(/\/work-orders$/);

    const card = page.getByTestId(`wo-card-${order.id}`);
    await card.waitFor();
    await expect(page.locator('[data-testid^="wo-card-"]').count()).resolves.toBe(1);
    await expectText(card, new RegExp(`${created.number}.*#1 外墙渗水`));
    await expectText(page.getByTestId(`wo-address-${order.id}`), '上海市闵行区虹梅南路 2588 弄');
    await expectText(page.getByTestId(`wo-description-${order.id}`), /客厅外墙雨后渗水，墙面起皮/);
    await card.getByText('请带密封胶').waitFor();
    const tag = card.locator('.ant-tag').filter({ hasText: /^(待接单|已接单|处理中|已完工)$/ });
    await expectText(tag, '待接单');

    // The owner's phone: masked until revealed with a reason, then there to call.
    const phone = page.getByTestId(`wo-phone-${order.id}`);
    await expectText(phone, '139****5678');
    await page.getByTestId(`wo-phone-reveal-${order.id}`).click();
    await page.getByTestId('wo-phone-reason').fill('上门前联系业主');
    await page.getByTestId('wo-phone-submit').click();
    await expectText(phone, '13912345678');
    await expect(page.getByTestId(`wo-phone-call-${order.id}`).getAttribute('href')).resolves.toBe('tel:13912345678');

    await page.getByTestId(`wo-accept-${order.id}`).click();
    await expectText(tag, '已接单');

    await page.getByTestId(`wo-done-${order.id}`).click();
    await page.getByTestId('wo-note').fill('已打胶并淋水试验，无渗漏');
    await page.getByTestId('wo-note-submit').click();
    await expectText(tag, '已完工');
    await card.getByText('已打胶并淋水试验，无渗漏').waitFor();
    await expect(page.getByTestId(`wo-done-${order.id}`).count()).resolves.toBe(0);
    // the page fits the phone: no sideways scrolling
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

    expect(errors).toEqual([]);
    await context.close();
  });
});
