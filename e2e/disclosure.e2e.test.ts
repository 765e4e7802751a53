import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInOwner } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, apiSession, signIn } from './support/session.js';
import { choose, expectText } from './support/ui.js';

const DEMO_PASSWORD = 'Anju-demo-2026';

let server: RunningServer;
let browser: Browser;
let admin: Api;

type Pack = { projectId: string; version: number; risks: unknown[]; amenities: unknown[] };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const adminContext = await browser.newContext();
  admin = await apiSession(adminContext.request, server.url, { username: 'admin', password: ADMIN_PASSWORD });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function ownerSignIn(page: Page, phone: string) {
  await page.goto(`${server.url}/m/login`);
  await signInOwner(page, admin, phone);
}

describe('risk disclosure: console publishes, the buyer acknowledges in the portal', () => {
  it('a CR manager publishes a pack; the demo owner reads it nearest first and acknowledges; the console counts 1', async () => {
    const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
    expect(phone, 'the demo owner in the start output').toBeTruthy();
    const owner = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const portal = await owner.newPage();
    const errors: string[] = [];
    portal.on('pageerror', (e) => errors.push(e.message));
    await ownerSignIn(portal, phone as string);
    const homes = (await (await owner.request.get(`${server.url}/api/portal/homes`)).json()) as {
      items: { projectId: string; projectName: string }[];
    };
    const project = homes.items[0];
    if (!project) throw new Error('the demo owner has no home');

    // the console: a CR manager of the group publishes the project's pack — the first version, or the next one when
    // the demo already published it (a new version must be read again)
    const staff = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const console_ = await staff.newPage();
    console_.on('pageerror', (e) => errors.push(e.message));
    await signIn(console_, server.url, 'wang.jianguo', DEMO_PASSWORD);
    const api = await apiSession(console_.request, server.url);
    const { items: packs } = await api.get<{ items: Pack[] }>('/api/disclosure-packs');
    const existing = packs.find((p) => p.projectId === project.projectId);
    const version = (existing?.version ?? 0) + 1;
    const risk = existing?.risks.length ?? 0;
    const amenity = existing?.amenities.length ?? 0;

    await console_.goto(`${server.url}/disclosure`);
    await console_.getByRole('heading', { name: '风险公示', exact: true }).waitFor();
    const row = console_.getByTestId(`pack-${project.projectName}`);
    if (existing) {
      await row.getByTestId('pack-edit').click();
    } else {
      await choose(console_, 'pack-project', project.projectName, project.projectName.slice(0, 2));
      await console_.getByTestId('pack-create').click();
    }
    await console_.getByTestId('add-risk').click();
    await choose(console_, `risk-type-${risk}`, '变电站', '变电');
    await console_.getByTestId(`risk-name-${risk}`).fill('东侧 110kV 变电站');
    await console_.getByTestId(`risk-distance-${risk}`).fill('650');
    await console_.getByTestId('add-risk').click();
    await choose(console_, `risk-type-${risk + 1}`, '垃圾站', '垃圾');
    await console_.getByTestId(`risk-name-${risk + 1}`).fill('北门垃圾转运站');
    await console_.getByTestId(`risk-distance-${risk + 1}`).fill('180');
    await console_.getByTestId('add-amenity').click();
    await console_.getByTestId(`amenity-name-${amenity}`).fill('地铁 15 号线站');
    await choose(console_, `amenity-status-${amenity}`, '建设中');
    await console_.getByTestId('pack-publish').click();

    await expectText(row.getByTestId('pack-version'), `第 ${version} 版`);
    await expectText(row.getByTestId('pack-acknowledged'), /^0 \/ \d+/);

    // the portal: from the home page to the pack, risks nearest first, then "I have read it" with a confirm
    await portal.goto(`${server.url}/m/`);
    await portal.getByTestId('disclosure-entry').click();
    await portal.waitForURL(/\/m\/disclosure$/);
    const card = portal.locator(`[data-testid="disclosure-card"][data-project-id="${project.projectId}"]`);
    await expectText(card.getByTestId('disclosure-version'), new RegExp(`第 ${version} 版`));
    const risks = await card.getByTestId('disclosure-risk').allTextContents();
    expect(risks).toHaveLength(risk + 2);
    const distances = risks.map((r) => Number(r.match(/距红线 (\d+) 米/)?.[1]));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(risks.find((r) => r.includes('北门垃圾转运站'))).toContain('垃圾站');
    await expectText(card.getByTestId('disclosure-amenity').nth(amenity), /地铁 15 号线站.*建设中/);
    await card.getByTestId('disclosure-read').click();
    await portal.locator('.adm-dialog-button').filter({ hasText: '确定' }).click();
    await expectText(card.getByTestId('disclosure-acknowledged'), /您已于 .* 确认阅读/);

    // back in the console the pack counts one acknowledgement of this version
    await console_.reload();
    await expectText(console_.getByTestId(`pack-${project.projectName}`).getByTestId('pack-acknowledged'), /^1 \/ \d+/);

    expect(errors).toEqual([]);
    await owner.close();
    await staff.close();
  });
});
