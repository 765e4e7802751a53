import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { MOBILE, signInOwner } from './support/portal.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.js';
import { type Api, apiSession } from './support/session.js';
import { expectText } from './support/ui.js';

let server: RunningServer;
let browser: Browser;
let admin: Api;

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

const ownerPhone = () => {
  const phone = server.logs().match(/demo owner (1[3-9]\d{9})/)?.[1];
  expect(phone, 'the demo owner in the start output').toBeTruthy();
  return phone as string;
};

let ownerSession: ReturnType<BrowserContext['storageState']> | undefined;

/**
 * A phone-sized context signed in as the demo owner. The login form is used once per file (a second code within
 * 60 s is refused); later tests get the same cookies.
 */
async function ownerContext(): Promise<BrowserContext> {
  ownerSession ??= (async () => {
    const phone = ownerPhone();
    const context = await browser.newContext(MOBILE);
    const page = await context.newPage();
    await page.goto(`${server.url}/m/login`);
    await signInOwner(page, admin, phone);
    const state = await context.storageState();
    await context.close();
    return state;
  })();
  return browser.newContext({ ...MOBILE, storageState: await ownerSession });
}

type Journey = { items: { unitId: string | null; steps: { state: 'done' | 'due' | 'coming'; kind: string }[] }[] };

describe('owner portal: my journey', () => {
  it('the demo owner opens My journey from the home page and sees each home’s steps', async () => {
    const context = await ownerContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/m/`);

    await expectText(page.getByTestId('journey-entry'), /我的旅程 · 服务节点/);
    await page.getByTestId('journey-entry').click();
    await page.waitForURL(/\/m\/journey$/);
    await expectText(page.getByTestId('journey-page').locator('.journey-intro'), /从签约到入住后四年/);

    const journey = (await (await context.request.get(`${server.url}/api/portal/journey`)).json()) as Journey;
    const steps = journey.items.flatMap((i) => i.steps);
    if (steps.length === 0) {
      await page.getByTestId('empty-state').waitFor();
    } else {
      await page.getByTestId('journey-list').waitFor();
      expect(await page.getByTestId('journey-home').count()).toBe(journey.items.length);
      await expect.poll(() => page.getByTestId('journey-step').count()).toBe(steps.length);
      const due = steps.filter((s) => s.state === 'due').length;
      expect(await page.getByTestId('journey-step-now').count()).toBe(due);
      const states = await page.getByTestId('journey-step').evaluateAll((els) => els.map((e) => e.dataset.state));
      expect(states).toEqual(steps.map((s) => s.state));
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

type SurveyForm = { id: string; kind: string; questions: { key: string; type: string; required: boolean }[] };
type Ticket = { id: string; type: string; status: string; projectId: string | null; version: number };

describe('owner portal: surveys', () => {
  it('the demo owner answers a portal survey from the home page, and a texted link once without signing in', async () => {
    const context = await ownerContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const owner = async <T>(path: string) => (await (await context.request.get(`${server.url}${path}`)).json()) as T;
    const mine = async () => (await owner<{ items: SurveyForm[] }>('/api/portal/surveys')).items;

    // the group's annual survey about a home of theirs, in the portal
    const home = (await owner<{ items: { unitId: string; role: string }[] }>('/api/portal/homes')).items.find(
      (h) => h.role === 'owner',
    );
    expect(home, 'a home the demo owner owns').toBeTruthy();
    const sent = await admin.post<{ items: { id: string }[] }>('/api/surveys/annual/send', {
      channel: 'portal',
      subject: { type: 'unit', id: home?.unitId },
    });
    const requestId = sent.items[0]?.id as string;
    const waiting = await mine();
    expect(waiting.map((s) => s.id)).toContain(requestId);
    const form = waiting.find((s) => s.id === requestId) as SurveyForm;

    await page.goto(`${server.url}/m/`);
    await expectText(page.getByTestId('surveys-entry'), /待填写的调查/);
    expect(await page.getByTestId('surveys-count').getAttribute('data-count')).toBe(String(waiting.length));
    await page.getByTestId('surveys-entry').click();
    await page.waitForURL(/\/m\/surveys$/);
    await page.locator(`[data-testid="survey-item"][data-id="${requestId}"]`).click();
    await page.waitForURL(new RegExp(`/m/surveys/${requestId}$`));
    await expectText(page.getByTestId('survey-name'), '年度客户满意度调查');
    // nothing answered: the required questions say so, and nothing is sent
    await page.getByTestId('survey-submit').click();
    const required = form.questions.filter((q) => q.required).length;
    await expectText(page.getByTestId('survey-missing'), `还有 ${required} 道必答题未作答`);
    for (const q of form.questions.filter((x) => x.type === 'score5')) {
      await page.getByTestId(`survey-${q.key}-score-${q.key === 'overall' ? 5 : 4}`).click();
    }
    await page.getByTestId('survey-comment-text').fill('物业响应很快');
    expect(await page.getByTestId('survey-question-error').count()).toBe(0);
    await page.getByTestId('survey-submit').click();
    await expectText(page.getByTestId('survey-done'), /感谢您的反馈/);
    await page.getByTestId('survey-back').click();
    await page.waitForURL(/\/m\/surveys$/);
    await expect.poll(() => page.locator(`[data-testid="survey-item"][data-id="${requestId}"]`).count()).toBe(0);
    if (waiting.length === 1) await page.getByTestId('empty-state').waitFor();
    expect((await mine()).map((s) => s.id)).not.toContain(requestId);

    // by SMS: a callback on their own request (the 30-day rule lets it through) once the request is closed
    const consent = await context.request.put(`${server.url}/api/portal/me/consents`, {
      data: { channel: 'sms', granted: true },
    });
    expect(consent.status(), await consent.text()).toBe(200);
    const requests = await owner<{ items: { id: string }[] }>('/api/portal/requests?open=true&limit=50');
    const ticketId = requests.items[0]?.id as string;
    expect(ticketId, 'a request of the demo owner').toBeTruthy();
    let ticket = await admin.get<Ticket>(`/api/tickets/${ticketId}`);
    const move = async (body: Record<string, unknown>) => {
      ticket = await admin.post<Ticket>(`/api/tickets/${ticketId}/transitions`, { ...body, version: ticket.version });
    };
    if (ticket.status === 'inspection') await move({ action: 'inspect', findings: '已上门查看，情况属实' });
    if (ticket.status === 'dispatch') await move({ action: 'dispatch', assigneeOrgId: ticket.projectId });
    if (ticket.status === 'dispatched') await move({ action: 'startProcessing' });
    if (ticket.status === 'processing')
      await move({
        action: 'close',
        resolution: '已处理完毕，业主确认',
        ...(ticket.type === 'repair' ? { rootCause: 'workmanship' } : {}),
      });
    expect(ticket.status).toBe('closed');
    const texted = await admin.post<{ items: { id: string; channel: string }[] }>('/api/surveys/repair_callback/send', {
      channel: 'sms',
      subject: { type: 'ticket', id: ticketId },
    });
    expect(texted.items[0]?.channel).toBe('sms');
    const phone = ownerPhone();
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    let token = '';
    await expect
      .poll(async () => {
        const { items } = await admin.get<{ items: { recipientMasked: string; body: string }[] }>(
          '/api/outbox?template=survey.link&limit=20',
        );
        token = items.find((m) => m.recipientMasked === masked)?.body.match(/\/m\/survey\/([\w-]+)/)?.[1] ?? '';
        return token;
      })
      .not.toBe('');

    const stranger = await browser.newContext(MOBILE);
    const linkPage = await stranger.newPage();
    linkPage.on('pageerror', (e) => errors.push(e.message));
    await linkPage.goto(`${server.url}/m/survey/${token}`);
    await linkPage.getByTestId('survey-form').waitFor();
    await linkPage.getByTestId('survey-overall-score-5').click();
    await linkPage.getByTestId('survey-submit').click();
    await expectText(linkPage.getByTestId('survey-done'), /感谢您的反馈/);
    await linkPage.reload();
    await expectText(linkPage.getByTestId('survey-link-gone'), /您已提交过这份问卷/);
    expect(await linkPage.getByTestId('survey-link-gone').getAttribute('data-reason')).toBe('answered');
    expect(errors).toEqual([]);
    await stranger.close();
    await context.close();
  });
});
