import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInOwner } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, adminSession, signIn } from './support/session.js';
import { choose, expectText } from './support/ui.js';

let server: RunningServer;
let browser: Browser;
let admin: Api;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await adminSession(browser, server.url, ADMIN_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Rate = { done: number; total: number; rate: number | null };
type Board = {
  id: string;
  kpis: { replyRate: Rate };
  registrationList: { customerId: string; customerName: string | null; unitCode: string | null }[];
  items: { id: string; content: string; status: string }[];
};

/** The rate as the board's tag shows it: `66.7% (2/3)`. */
const shown = (r: Rate) =>
  `${r.rate === null ? '' : Math.round((r.done / r.total) * 1000) / 10}% (${r.done}/${r.total})`;

describe('site open days', () => {
  it('an unanswered suggestion lowers the reply rate on the board; answered, it raises it and reaches the owner', async () => {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1] as string;
    expect(phone, 'the demo owner in the start output').toBeTruthy();

    // the owner signs in to the portal: their held open day is the demo's
    const owner = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, locale: 'zh-CN' });
    const mobile = await owner.newPage();
    await mobile.goto(`${server.url}/m/login`);
    await signInOwner(mobile, admin, phone);
    const me = (await (await owner.request.get(`${server.url}/api/portal/me`)).json()) as { id: string };
    const mine = (await (await owner.request.get(`${server.url}/api/portal/open-days`)).json()) as {
      items: { id: string; status: string; registered: boolean }[];
    };
    const held = mine.items.find((d) => d.status === 'held' && d.registered);
    if (!held) throw new Error('the demo owner took part in no open day');
    const before = await admin.get<Board>(`/api/open-days/${held.id}`);
    const registration = before.registrationList.find((r) => r.customerId === me.id);
    const ownerLabel = [registration?.customerName, registration?.unitCode].filter(Boolean).join(' · ');

    // on the console board: record a suggestion for the owner; it shows open and the reply rate drops
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}/open-days/${held.id}`);
    const rate = page.getByTestId('open-day-reply-rate');
    await expectText(rate, shown(before.kpis.replyRate));
    await page.getByTestId('open-day-record').click();
    await choose(page, 'open-day-item-owner', ownerLabel);
    await choose(page, 'open-day-item-category', '配套设施');
    const words = `e2e：希望小区入口增设无障碍坡道 ${Date.now()}`;
    await page.getByTestId('open-day-item-content').fill(words);
    await page.getByTestId('open-day-item-submit').click();
    const lowered = { done: before.kpis.replyRate.done, total: before.kpis.replyRate.total + 1, rate: 0 };
    await expectText(rate, shown(lowered));
    const board = await admin.get<Board>(`/api/open-days/${held.id}`);
    const item = board.items.find((i) => i.content === words);
    expect(item?.status).toBe('open');
    const row = page.getByTestId(`open-day-item-${item?.id}`);
    await expectText(row.locator('.ant-tag').nth(2), '待处理');
    // the owner sees it waiting for an answer
    await mobile.goto(`${server.url}/m/open-days`);
    const suggestion = mobile.getByTestId('open-day-suggestion').filter({ hasText: words });
    await expect.poll(() => suggestion.getAttribute('data-answered')).toBe('no');

    // answering it raises the rate and the owner reads the answer in the portal
    await row
      .getByRole('button', { name: '答 复' })
      .or(row.getByRole('button', { name: '答复' }))
      .click();
    const answer = '已与设计院确认，入口将增设无障碍坡道';
    await page.getByTestId('open-day-note').fill(answer);
    await page.getByTestId('open-day-note-submit').click();
    await expectText(rate, shown({ ...lowered, done: lowered.done + 1 }));
    await expectText(row.locator('.ant-tag').nth(2), '已答复');
    await mobile.reload();
    await expectText(suggestion.getByTestId('open-day-answer'), `答复：${answer}`);
    expect(errors).toEqual([]);
    await context.close();
    await owner.close();
  });
});
