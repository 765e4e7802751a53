import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { households, linkToken, type SurveyPlace, surveyPlace } from '../../../test/survey-factories.js';
import { surveyAnswers, surveyRequests } from './surveys.tables.js';

let t: TestApp;
let p: SurveyPlace;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  p = await surveyPlace(t);
});
afterAll(() => t.close());

const send = (code: string, body: Record<string, unknown>) => p.manager.api.post(`/api/surveys/${code}/send`, body);
const sendAnnual = async (channel = 'phone') => {
  const [h] = await households(t, p, 1);
  const res = await send('annual', { channel, subject: { type: 'unit', id: h?.unitId } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0] as { id: string };
};
const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];

describe('error', () => {
  it('refuses a stale or missing version and unsound questions', async () => {
    const body = { kind: 'general', nameZh: '测试', questions: [{ key: 'q1', type: 'score5', textZh: '满意度' }] };
    expect((await p.manager.api.put('/api/surveys/err_one', body)).statusCode).toBe(200);
    expect(fail(await p.manager.api.put('/api/surveys/err_one', body))).toEqual([409, 'VERSION_CONFLICT']);
    expect(fail(await p.manager.api.put('/api/surveys/err_one', { ...body, version: 7 }))).toEqual([
      409,
      'VERSION_CONFLICT',
    ]);
    const unsound = await p.manager.api.put('/api/surveys/err_two', {
      ...body,
      questions: [
        { key: 'q1', type: 'score5', textZh: 'a' },
        { key: 'q1', type: 'single', textZh: 'b', options: [{ code: 'only', textZh: '唯一' }] },
      ],
    });
    expect(fail(unsound)).toEqual([400, 'VALIDATION_FAILED']);
    expect(unsound.json().details.problems).toEqual(
      expect.arrayContaining([
        { key: 'q1', reason: 'duplicate key' },
        { key: 'q1', reason: 'a choice needs at least two options' },
      ]),
    );
  });

  it('refuses a send with neither or both of subject and sample, an unknown survey or subject', async () => {
    const [h] = await households(t, p, 1);
    expect(fail(await send('annual', { channel: 'phone' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      fail(
        await send('annual', {
          channel: 'phone',
          subject: { type: 'unit', id: h?.unitId },
          sample: { sample: 'annual', projectId: p.project.id },
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
    expect(fail(await send('nope', { channel: 'phone', subject: { type: 'unit', id: h?.unitId } }))).toEqual([
      404,
      'SURVEY_NOT_FOUND',
    ]);
    const missing = { type: 'ownership', id: '00000000-0000-4000-8000-000000000001' };
    expect(fail(await send('annual', { channel: 'phone', subject: missing }))).toEqual([
      404,
      'SURVEY_SUBJECT_NOT_FOUND',
    ]);
  });

  it('checks answers against the questions and writes nothing when they are wrong', async () => {
    const req = await sendAnnual();
    const answer = (answers: unknown[]) =>
      p.agent.api.post(`/api/survey-requests/${req.id}/answer`, { outcome: 'answered', answers });
    const wrong = await answer([
      { key: 'overall', score: 6 },
      { key: 'referral', score: 4 },
      { key: 'nonsense', score: 4 },
    ]);
    expect(fail(wrong)).toEqual([400, 'VALIDATION_FAILED']);
    expect(wrong.json().details.problems).toEqual(
      expect.arrayContaining([
        { key: 'overall', reason: 'score must be 1–5' },
        { key: 'nonsense', reason: 'unknown question' },
        { key: 'repurchase', reason: 'required' },
      ]),
    );
    const [row] = await t.db.select().from(surveyRequests).where(eq(surveyRequests.id, req.id));
    expect(row).toMatchObject({ status: 'pending', attempts: 0, score: null, stage: null });
    expect(await t.db.select().from(surveyAnswers).where(eq(surveyAnswers.requestId, req.id))).toEqual([]);
  });

  it('never answers, links or reopens through an imported request', async () => {
    const req = await sendAnnual();
    await t.db.update(surveyRequests).set({ imported: true }).where(eq(surveyRequests.id, req.id));
    const answered = await p.agent.api.post(`/api/survey-requests/${req.id}/answer`, { outcome: 'unanswered' });
    expect(fail(answered)).toEqual([409, 'SURVEY_NOT_PENDING']);
    expect(fail(await p.agent.api.post(`/api/survey-requests/${req.id}/link`))).toEqual([409, 'SURVEY_NOT_PENDING']);
  });

  it('refuses answering twice, and a link once used or expired', async () => {
    const req = await sendAnnual('sms');
    const token = await linkToken(t, req.id);
    const form = (await t.app.inject({ method: 'GET', url: `/api/survey-links/${token}` })).json();
    const answers = form.questions
      .filter((q: { type: string; required: boolean }) => q.type === 'score5' && q.required)
      .map((q: { key: string }) => ({ key: q.key, score: 5 }));
    const agent = await p.agent.api.post(`/api/survey-requests/${req.id}/answer`, { outcome: 'answered', answers });
    expect(agent.statusCode, agent.body).toBe(200);
    const twice = await p.agent.api.post(`/api/survey-requests/${req.id}/answer`, { outcome: 'answered', answers });
    expect(fail(twice)).toEqual([409, 'SURVEY_ALREADY_ANSWERED']);
    const viaLink = await t.app.inject({ method: 'POST', url: `/api/survey-links/${token}`, payload: { answers } });
    expect(fail(viaLink)).toEqual([409, 'SURVEY_ALREADY_ANSWERED']);
    expect(fail(await p.agent.api.post(`/api/survey-requests/${req.id}/link`))).toEqual([
      409,
      'SURVEY_ALREADY_ANSWERED',
    ]);

    const late = await sendAnnual('sms');
    const lateToken = await linkToken(t, late.id);
    t.clock.advance(14 * 86_400_000 + 1000); // the annual survey's link lasts 14 days
    const expired = await t.app.inject({ method: 'POST', url: `/api/survey-links/${lateToken}`, payload: { answers } });
    expect(fail(expired)).toEqual([410, 'SURVEY_LINK_INVALID']);
    expect(expired.json().details).toEqual({ reason: 'expired' });
    const unknown = await t.app.inject({ method: 'GET', url: `/api/survey-links/${'x'.repeat(32)}` });
    expect(fail(unknown)).toEqual([410, 'SURVEY_LINK_INVALID']);
    expect(unknown.json().details).toEqual({ reason: 'invalid' });
  });
});
