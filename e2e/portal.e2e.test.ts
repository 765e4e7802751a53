import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ownerLoginCode, signInOwner } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, apiSession, signIn } from './support/session.js';
import { choose, clickUntil, expectText } from './support/ui.js';

/** The demo staff's password (seed), as in the tickets e2e. */
const DEMO_PASSWORD = 'Anju-demo-2026';

let server: RunningServer;
let browser: Browser;
let admin: Api;
let adminContext: BrowserContext;

/** A phone-sized browser, as owners use the portal. */
const phoneContext = () =>
  browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  adminContext = await browser.newContext();
  admin = await apiSession(adminContext.request, server.url, { username: 'admin', password: ADMIN_PASSWORD });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The demo owner `npm start` prints for the portal. */
async function demoOwnerPhone(): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
    if (phone) return phone;
    if (Date.now() > deadline) throw new Error(`no demo owner in the start output:\n${server.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function ownerSignsIn(page: Page, phone: string) {
  await page.goto(`${server.url}/m/login`);
  await signInOwner(page, admin, phone);
}

/** Signs an owner in through the API of a browser context (the second owner, who only probes). */
async function ownerApi(request: APIRequestContext, phone: string) {
  expect((await request.post(`${server.url}/api/portal/auth/code`, { data: { phone } })).ok()).toBe(true);
  const code = await ownerLoginCode(admin, phone);
  const verified = await request.post(`${server.url}/api/portal/auth/verify`, { data: { phone, code } });
  expect(verified.status()).toBe(200);
}

describe('owner portal on a phone', () => {
  it('an owner reports a two-item repair with a photo, staff work it in the console, a rating of 2 reopens it', async () => {
    const phone = await demoOwnerPhone();
    const owner = await phoneContext();
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await ownerSignsIn(page, phone);

    await page.getByTestId('tab-report').click();
    await page.goto(`${server.url}/m/report/repair`);
    await page.getByTestId('report-item-0-room').click();
    await page.getByText('卫生间', { exact: true }).last().click();
    await page.getByTestId('report-item-0-category').click();
    await page.getByTestId('report-item-0-category-sheet').getByTestId('category-option-leak').click();
    await page.getByTestId('report-item-0-description').fill('卫生间天花板渗水，滴到地面');
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#5b7fa6' } })
      .jpeg()
      .toBuffer();
    await page
      .getByTestId('report-item-0-photos')
      .locator('input[type=file]')
      .setInputFiles({ name: 'leak.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('report-add-item').click();
    await page.getByTestId('report-item-1-room').click();
    await page.getByText('卧室', { exact: true }).last().click();
    await page.getByTestId('report-item-1-category').click();
    await page.getByTestId('report-item-1-category-sheet').getByTestId('category-option-doors_windows').click();
    await page.getByTestId('report-item-1-description').fill('卧室窗户关不严，漏风');
    await expect
      .poll(() => page.getByTestId('report-item-0-warranty').getAttribute('data-status'), { timeout: 10_000 })
      .toMatch(/in|out|unknown/);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-success').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('report-created-item').count()).toBe(2);
    const numbers = await page.getByTestId('report-created-item').allTextContents();
    const leakNumber = numbers.join(' ').match(/BX\d{8}-\d{4}/)?.[0] as string;
    expect(leakNumber).toBeTruthy();

    // The CR side: the owner's report is an ordinary ticket in the console queue.
    const { items } = await admin.get<{ items: { id: string; number: string; projectId: string }[] }>(
      '/api/tickets?limit=20',
    );
    const ticket = items.find((x) => x.number === leakNumber);
    if (!ticket) throw new Error(`ticket ${leakNumber} not in the queue`);
    const detail = await admin.get<{ customerId: string; projectId: string }>(`/api/tickets/${ticket.id}`);
    const units = await admin.get<{
      items: { id: string; name: string; parentId: string | null; departmentKind: string | null }[];
    }>('/api/org-units');
    const project = units.items.find((u) => u.id === detail.projectId);
    const engineering = units.items.find(
      (u) => u.departmentKind === 'engineering' && project && u.parentId === project.parentId,
    );
    if (!engineering) throw new Error('no engineering department for the ticket’s company');

    const desk = await (await browser.newContext()).newPage();
    await signIn(desk, server.url, 'admin', ADMIN_PASSWORD);
    await desk.goto(`${server.url}/tickets/${ticket.id}`);
    const status = desk.getByTestId('ticket-status');
    await expectText(status, '待查验');
    await desk.getByTestId('ticket-action-inspect').click();
    await desk.getByTestId('action-findings').fill('顶板渗水，楼上卫生间防水层破损');
    await desk.getByTestId('action-submit').click();
    await expectText(status, '待派单');
    await desk.getByTestId('ticket-action-dispatch').click();
    await choose(desk, 'action-assignee', engineering.name, engineering.name);
    await desk.getByTestId('action-submit').click();
    await expectText(status, '已派单');

    // The owner watches it move.
    await page.goto(`${server.url}/m/requests`);
    const item = page.getByTestId('request-item').filter({ hasText: leakNumber });
    await expect.poll(() => item.getAttribute('data-unread')).toBe('true');
    await item.click();
    await expect.poll(() => page.getByTestId('request-stage').getAttribute('data-stage')).toBe('assigning');

    // The department got the work as a work order: its engineer finishes it (through the API), and the close
    // dialog confirms it before the ticket closes.
    // The demo has more staff than a page: walk the pages until someone of the department turns up.
    let engineerName: string | undefined;
    let cursor: string | null = null;
    for (let n = 0; n < 50 && !engineerName; n++) {
      const users: { items: { username: string; departmentId: string | null }[]; nextCursor: string | null } =
        await admin.get(`/api/users?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      engineerName = users.items.find((u) => u.departmentId === engineering.id)?.username;
      cursor = users.nextCursor;
      if (!cursor) break;
    }
    if (!engineerName) throw new Error('no engineer in the ticket’s engineering department');
    const engineer = await apiSession((await browser.newContext()).request, server.url, {
      username: engineerName,
      password: DEMO_PASSWORD,
    });
    type Order = { id: string; ticketId: string; version: number };
    const queue = await engineer.get<{ items: Order[] }>('/api/work-orders/mine?status=open&limit=200');
    const order = queue.items.find((w) => w.ticketId === ticket.id);
    if (!order) throw new Error('the department got no work order');
    const accepted = await engineer.patch<Order>(`/api/work-orders/${order.id}`, {
      action: 'accept',
      version: order.version,
    });
    await engineer.patch(`/api/work-orders/${order.id}`, { action: 'done', version: accepted.version });
    await desk.reload();
    await desk.getByTestId('ticket-action-close').click();
    await clickUntil(desk, 'close-confirm-1', 'action-resolution');
    await desk.getByTestId('action-resolution').fill('已重做楼上卫生间防水并闭水试验');
    await choose(desk, 'action-root-cause', '工艺安装');
    await desk.getByTestId('action-submit').click();
    await expectText(status, '待回访');
    // The owner hears of the close once: the message carries the link to rate it.
    // (listed per template, so other messages written meanwhile cannot push these off the page)
    const closeTexts = async (template: string) =>
      (
        await admin.get<{ items: { body: string; refId: string | null }[] }>(
          `/api/outbox?template=${template}&limit=100`,
        )
      ).items.filter((m) => m.refId === ticket.id && /已处理完毕/.test(m.body));
    const links = await closeTexts('ticket.callback_link');
    expect(links).toHaveLength(1);
    expect(links[0]?.body).toContain('/m/rate/…');
    expect(await closeTexts('ticket.update')).toEqual([]);

    await page.reload();
    await expect.poll(() => page.getByTestId('request-stage').getAttribute('data-stage')).toBe('awaiting_confirmation');
    await page.getByTestId('confirm-fixed').click();
    await page.getByTestId('rating-score-2').click();
    await page.getByTestId('rating-comment').fill('天花板还有水印，没修好');
    await page.getByTestId('rating-submit').click();
    await expect
      .poll(() => page.getByTestId('request-stage').getAttribute('data-stage'), { timeout: 20_000 })
      .toBe('in_progress');

    await desk.reload();
    await expectText(status, '处理中');
    await expectText(desk.getByTestId('event-reopen').first(), /天花板还有水印，没修好/);
    expect(errors).toEqual([]);

    // A second owner never sees the first owner's request, even by its id.
    const customers = await admin.get<{ items: { id: string; homes: string[] }[] }>(
      '/api/customers?kind=owner&limit=50',
    );
    const neighbour = customers.items.find((c) => c.id !== detail.customerId && c.homes.length > 0);
    if (!neighbour) throw new Error('no second demo owner');
    const revealed = await admin.post<{ value: string }>(`/api/customers/${neighbour.id}/reveal`, {
      field: 'phone',
      reason: 'e2e: second owner signs in to the portal',
    });
    const other = await phoneContext();
    await ownerApi(other.request, revealed.value);
    const guess = await other.request.get(`${server.url}/api/portal/requests/${ticket.id}`);
    expect(guess.status()).toBe(404);
    const mine = await other.request.get(`${server.url}/api/portal/requests`);
    expect(((await mine.json()) as { items: { id: string }[] }).items.map((r) => r.id)).not.toContain(ticket.id);
    const otherPage = await other.newPage();
    await otherPage.goto(`${server.url}/m/requests/${ticket.id}`);
    await expect.poll(() => otherPage.getByText(leakNumber).count(), { timeout: 5_000 }).toBe(0);
    await other.close();
    await owner.close();
  });
});
