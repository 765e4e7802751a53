import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { apiSession, signIn } from './support/session.js';
import { expectText } from './support/ui.js';

const DEMO_PASSWORD = 'Anju-demo-2026';

type Request = {
  id: string;
  surveyCode: string;
  channel: string;
  status: string;
  attempts: number;
  score: number | null;
};

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

describe('console: surveys and phone callbacks', () => {
  it("a company's CR manager edits its survey (a new version), calls owners from the queue and reads the answers", async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server.url, 'zhang.wei', DEMO_PASSWORD);
    const api = await apiSession(page.request, server.url);

    // The Shanghai company's own survey (demo data): a new first question text makes version 2.
    await page.getByTestId('menu-surveys').click();
    await expectText(page.getByTestId('survey-version-sh_service'), 'v1');
    await page.getByTestId('survey-edit-sh_service').click();
    const question = page.getByTestId('survey-question-0-textZh');
    await question.fill('您对本次上门服务的总体满意度如何？');
    await page.getByTestId('survey-save').click();
    await expectText(page.getByTestId('survey-version-sh_service'), 'v2');
    // The group's definitions are the group's: saving one from the company is refused (403) and says so.
    await page.getByTestId('survey-edit-annual').click();
    await page.getByTestId('survey-save').click();
    await page.getByTestId('survey-forbidden').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('survey-editor').waitFor({ state: 'detached' });

    // The phone queue: the demo's pending phone requests of the company.
    const queue = await api.get<{ items: Request[] }>('/api/survey-requests?status=pending&limit=100');
    const phone = queue.items.filter((r) => r.channel === 'phone');
    const toAnswer = phone.find((r) => r.surveyCode === 'sh_service');
    const notReached = phone.find((r) => r.surveyCode === 'design_callback');
    if (!toAnswer || !notReached) throw new Error(`no pending phone requests in the demo: ${JSON.stringify(phone)}`);

    await page.getByTestId('menu-surveyCalls').click();
    await page.getByTestId(`call-open-${toAnswer.id}`).click();
    // by keyboard: arrows pick the score (1 → 4), Tab moves to the 0–10 question, arrow left wraps 0 → 10
    await page.getByTestId('answer-overall').locator('input').first().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('answer-comment').focus();
    await page.keyboard.type('师傅很专业');
    await page.getByTestId('call-record').press('Enter');
    await page.getByTestId(`call-open-${toAnswer.id}`).waitFor({ state: 'detached' });

    // Not reached: the request stays in the queue with one call made.
    await page.getByTestId(`call-open-${notReached.id}`).click();
    await page.getByTestId('call-not-reached').click();
    await expect
      .poll(
        async () =>
          (await api.get<{ items: Request[] }>('/api/survey-requests?status=pending&limit=100')).items.find(
            (r) => r.id === notReached.id,
          )?.attempts,
      )
      .toBe(1);

    // The responses page: the answer with its headline score, and each answer under its question.
    await page.getByTestId('menu-surveyResponses').click();
    await expectText(page.getByTestId(`response-score-${toAnswer.id}`), '4');
    await page.getByTestId(`response-open-${toAnswer.id}`).click();
    const answers = page.getByTestId('response-answers');
    await expectText(answers, /您对本次上门服务的总体满意度如何？.*4/);
    await expectText(answers, /推荐.*10.*师傅很专业/);
    await context.close();
  });
});
