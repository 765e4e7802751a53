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

type Board = {
  slots: { id: string }[];
  totals: { signed: number; defects: number };
  households: { unitId: string; unitCode: string; status: string; appointmentId: string | null }[];
  defectsByCategory: { categoryCode: string; count: number }[];
};
const PHONE = '13912345678';

/** The demo's handover in progress: the batch whose board has slots. */
async function demoBatch(): Promise<{ batchId: string; projectId: string; board: Board }> {
  const projects = await admin.get<{ items: { id: string }[] }>('/api/projects?limit=50');
  for (const p of projects.items) {
    const batches = await admin.get<{ items: { id: string; actualDate: string | null }[] }>(
      `/api/projects/${p.id}/delivery-batches`,
    );
    for (const b of batches.items.filter((x) => !x.actualDate)) {
      const board = await admin.get<Board>(`/api/delivery-batches/${b.id}/handover-board`);
      if (board.slots.length > 0) return { batchId: b.id, projectId: p.id, board };
    }
  }
  throw new Error('no demo handover batch');
}

describe('handover day', () => {
  it('an owner books in the portal, is checked in, a bathroom defect becomes a ticket, the owner signs', async () => {
    const { batchId, projectId, board } = await demoBatch();
    const home = board.households.find((h) => h.status === 'unbooked');
    expect(home, 'a household of the demo batch without a booking').toBeTruthy();
    const { unitId, unitCode } = home as Board['households'][number];
    // the buyer of that home, with this phone, registered by the CR team
    const customer = await admin.post<{ customer: { id: string } }>('/api/customers', {
      name: '交房测试业主',
      phones: [{ phone: PHONE, isPrimary: true }],
      orgUnitId: projectId,
    });
    await admin.post(`/api/customers/${customer.customer.id}/ownerships`, { unitId, contractDate: '2025-06-01' });

    // the owner books a slot in the portal
    const owner = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, locale: 'zh-CN' });
    const portal = await owner.newPage();
    await portal.goto(`${server.url}/m/login`);
    await signInOwner(portal, admin, PHONE);
    await expect
      .poll(
        async () =>
          ((await (await owner.request.get(`${server.url}/api/portal/handover/slots`)).json()).items ?? []).length,
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    await portal.getByTestId('handover-entry').click();
    await portal.waitForURL(/\/m\/handover$/);
    await portal.getByTestId('handover-book').first().click();
    await portal.locator('.adm-dialog-button').filter({ hasText: '确定' }).click();
    await expectText(portal.getByTestId('handover-status'), '已预约');

    // the desk checks the owner in on the board and opens the inspection on the tablet
    const desk = await browser.newContext({ viewport: { width: 1180, height: 820 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}/handover/batches/${batchId}`);
    await page.getByTestId(`check-in-${unitCode}`).click();
    await page.getByTestId(`open-${unitCode}`).click();
    await page.waitForURL(/\/handover\/appointments\//);
    await expectText(page.getByTestId('appointment-status'), '已签到');

    // a defect in the bathroom: the drain fails, recorded as a defect with its category
    await page.getByTestId('item-bathroom-water-no').click();
    await page.getByTestId('defect-add').click();
    await choose(page, 'defect-category-0', '给排水', '给排水');
    await page.getByTestId('defect-description-0').fill('主卫地漏返水');
    await page.locator('input[data-testid="keys-handed"], [data-testid="keys-handed"] input').first().fill('4');
    await page.getByTestId('fees').click();
    await page.getByTestId('inspection-save').click();
    const ticketNumber = await expectText(page.getByTestId('defect-ticket'), /\S+/);

    // the owner signs on the pad (brought into view: the mouse draws only where the viewport shows it)
    await page.getByTestId('signature-pad').scrollIntoViewIfNeeded();
    const pad = await page.getByTestId('signature-pad').boundingBox();
    if (!pad) throw new Error('no signature pad');
    await page.mouse.move(pad.x + 30, pad.y + 60);
    await page.mouse.down();
    await page.mouse.move(pad.x + 120, pad.y + 100, { steps: 5 });
    await page.mouse.move(pad.x + 200, pad.y + 50, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('sign-confirm').click();
    await expectText(page.getByTestId('appointment-status'), '已收房');

    // the board shows it
    await page.goto(`${server.url}/handover/batches/${batchId}`);
    await expectText(page.getByTestId(`household-${unitCode}`), /已收房/);
    await expectText(page.getByTestId('defects-plumbing'), /给排水 · \d+/);
    const after = await admin.get<Board>(`/api/delivery-batches/${batchId}/handover-board`);
    expect(after.totals.signed).toBe(board.totals.signed + 1);
    const appointmentId = after.households.find((h) => h.unitId === unitId)?.appointmentId;
    const detail = await admin.get<{ defects: { ticketId: string; ticketNumber: string }[] }>(
      `/api/handover-appointments/${appointmentId}`,
    );
    expect(detail.defects.map((d) => d.ticketNumber)).toEqual([ticketNumber]);
    const ticket = await admin.get<{
      type: string;
      channel: string;
      room: string;
      categoryCode: string;
      unitId: string;
    }>(`/api/tickets/${detail.defects[0]?.ticketId}`);
    expect(ticket).toMatchObject({
      type: 'repair',
      channel: 'handover',
      room: 'bathroom',
      categoryCode: 'plumbing',
      unitId,
    });

    // and so does the owner's portal: signed, the inspection with the bathroom defect and its ticket
    await portal.reload();
    await expectText(portal.getByTestId('handover-status'), '已收房');
    await portal.getByTestId('handover-see-inspection').click();
    await expectText(portal.getByTestId('inspection-defects'), /卫生间 · 主卫地漏返水/);
    await expectText(portal.getByTestId('inspection-ticket'), new RegExp(ticketNumber));
    await owner.close();
    await desk.close();
  }, 300_000);
});
