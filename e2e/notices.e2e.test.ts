import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { choose, expectText } from './support/ui.js';

const DEMO_PASSWORD = 'Anju-demo-2026';
/** A 1×1 PNG: small, but a real image the server can measure and thumbnail. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

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

type Notice = { id: string; title: string; projectName: string; readCount?: number; images: { id: string }[] };

describe('console: project notices', () => {
  it('a CR manager publishes a notice with an image to a project and sees it listed, read by nobody yet', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'zhang.wei', DEMO_PASSWORD);

    await page.getByTestId('menu-notices').click();
    await page.waitForURL(/\/notices$/);
    const rows = page.locator('[data-testid^="notice-row-"]');
    // the demo data announces to every project; a Shanghai manager sees Shanghai's
    await rows.first().waitFor();
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);

    await page.getByTestId('notice-publish').click();
    const form = page.getByTestId('notice-form');
    await form.waitFor();
    // nothing filled in: every required field says so and nothing is sent
    // (clicked again until the errors show: a click while the lazily loaded dialog is still opening can be lost)
    await expect
      .poll(async () => {
        await page.getByTestId('notice-submit').click();
        return form.locator('.ant-form-item-explain-error').count();
      })
      .toBeGreaterThanOrEqual(4);

    await choose(page, 'notice-project', '安居·云庭', '云庭');
    await choose(page, 'notice-category', '工程进度');
    await page.getByTestId('notice-title').fill('3 号楼主体结构封顶');
    await page.getByTestId('notice-body').fill('各位业主：\n3 号楼主体结构已于本周封顶，后续将进入外立面施工。');

    const fileInput = form.locator('input[type="file"]');
    // not an image: refused before upload
    await fileInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.locator('.ant-message-notice').filter({ hasText: '只能上传' }).first().waitFor();
    await expect(form.locator('.ant-upload-list-item').count()).resolves.toBe(0);
    // an image: uploaded at once, shown with the server's thumbnail
    await fileInput.setInputFiles({ name: 'topping-out.png', mimeType: 'image/png', buffer: PNG });
    const thumb = form.locator('.ant-upload-list-item-done img');
    await thumb.waitFor();
    await expect(thumb.getAttribute('src')).resolves.toMatch(/^\/api\/files\/[0-9a-f-]{36}\/thumbnail$/);

    // publish from the keyboard
    await page.getByTestId('notice-body').press('Control+Enter');
    await page.locator('.ant-message-notice').filter({ hasText: '公告已发布' }).first().waitFor();
    await form.waitFor({ state: 'detached' });

    await expect.poll(() => rows.count()).toBe(before + 1);
    const mine = rows.filter({ hasText: '3 号楼主体结构封顶' });
    await expect(mine.count()).resolves.toBe(1);
    const id = ((await mine.getAttribute('data-testid')) ?? '').replace('notice-row-', '');
    const row = page.getByTestId(`notice-row-${id}`);
    await expectText(row, /工程进度.*3 号楼主体结构封顶.*1.*安居·云庭.*张伟/);
    await expectText(page.getByTestId(`notice-read-${id}`), '0');

    // the detail drawer: the body as written and the image
    await page.getByTestId(`notice-open-${id}`).click();
    await expectText(page.getByTestId('notice-drawer-body'), /3 号楼主体结构已于本周封顶/);
    await page.locator('.ant-drawer img[src$="/thumbnail"]').waitFor();

    // the API agrees
    const api = await apiSession(page.request, server.url);
    const listed = await api.get<{ items: Notice[] }>('/api/notices');
    const published = listed.items.find((n) => n.id === id);
    expect(published).toMatchObject({ title: '3 号楼主体结构封顶', projectName: '安居·云庭', readCount: 0 });
    expect(published?.images).toHaveLength(1);

    await page.keyboard.press('Escape');
    await page.getByTestId('notice-drawer-body').waitFor({ state: 'detached' });

    // the project filter keeps that project's notices only
    await choose(page, 'notices-project-filter', '安居·滨江府');
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((r) => r.includes('安居·滨江府'));
      })
      .toBe(true);
    await expect(page.getByTestId(`notice-row-${id}`).count()).resolves.toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
