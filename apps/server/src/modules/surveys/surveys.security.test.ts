import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerCookie, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { households, type SurveyPlace, surveyPlace } from '../../../test/survey-factories.js';

let t: TestApp;
let p: SurveyPlace;
let other: SurveyPlace;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  p = await surveyPlace(t);
  other = await surveyPlace(t);
});
afterAll(() => t.close());

const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];
const portalRequest = async (place: SurveyPlace) => {
  const [h] = await households(t, place, 1);
  const res = await place.manager.api.post('/api/surveys/sales_callback/send', {
    channel: 'portal',
    subject: { type: 'ownership', id: h?.ownershipId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { h: h as NonNullable<typeof h>, id: res.json().items[0].id as string };
};

describe('security', () => {
  it('only those who manage surveys define and send them; agents read and call', async () => {
    const body = { kind: 'general', nameZh: '测试', questions: [{ key: 'q1', type: 'score5', textZh: '满意度' }] };
    expect(fail(await p.agent.api.put('/api/surveys/sec_one', body))).toEqual([403, 'FORBIDDEN']);
    expect((await p.agent.api.get('/api/surveys')).statusCode).toBe(200);
    const [h] = await households(t, p, 1);
    const send = await p.agent.api.post('/api/surveys/annual/send', {
      channel: 'phone',
      subject: { type: 'unit', id: h?.unitId },
    });
    expect(fail(send)).toEqual([403, 'FORBIDDEN']);
    const staff = await signedIn(t, p.project, ['department_staff']);
    expect(fail(await staff.api.get('/api/survey-requests'))).toEqual([403, 'FORBIDDEN']);
    expect((await t.app.inject({ method: 'GET', url: '/api/surveys' })).statusCode).toBe(401);
  });

  it("a company may not change the group's built-in surveys", async () => {
    const builtIn = (await p.manager.api.get('/api/surveys'))
      .json()
      .items.find((s: { code: string }) => s.code === 'repair_callback');
    const res = await p.manager.api.put('/api/surveys/repair_callback', {
      kind: 'repair_callback',
      nameZh: '改名',
      questions: builtIn.questions,
      version: builtIn.version,
    });
    expect(fail(res)).toEqual([403, 'FORBIDDEN']);
  });

  it('staff reach requests and subjects of their own subtree only', async () => {
    const { id, h } = await portalRequest(p);
    const outsider = other.agent.api;
    expect(fail(await outsider.post(`/api/survey-requests/${id}/answer`, { outcome: 'unanswered' }))).toEqual([
      404,
      'SURVEY_REQUEST_NOT_FOUND',
    ]);
    expect(fail(await outsider.post(`/api/survey-requests/${id}/link`))).toEqual([404, 'SURVEY_REQUEST_NOT_FOUND']);
    const listed = (await other.manager.api.get('/api/survey-requests?limit=200')).json().items;
    expect(listed.map((r: { id: string }) => r.id)).not.toContain(id);
    const theirs = await other.manager.api.post('/api/surveys/annual/send', {
      channel: 'phone',
      subject: { type: 'unit', id: h.unitId },
    });
    expect(fail(theirs)).toEqual([404, 'SURVEY_SUBJECT_NOT_FOUND']);
    const sample = await other.manager.api.post('/api/surveys/annual/send', {
      channel: 'phone',
      sample: { sample: 'annual', projectId: p.project.id, share: 0.5 },
    });
    expect(fail(sample)).toEqual([404, 'SURVEY_SUBJECT_NOT_FOUND']);
  });

  it('owners see and answer only their own surveys', async () => {
    const mine = await portalRequest(p);
    const theirs = await portalRequest(p);
    const cookie = await ownerCookie(t, mine.h.phone);
    const owner = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      t.app.inject({ method, url, headers: { cookie }, payload });
    const listed = (await owner('GET', '/api/portal/surveys')).json().items.map((s: { id: string }) => s.id);
    expect(listed).toEqual([mine.id]);
    const stolen = await owner('POST', `/api/portal/surveys/${theirs.id}`, { answers: [{ key: 'overall', score: 1 }] });
    expect(fail(stolen)).toEqual([404, 'SURVEY_REQUEST_NOT_FOUND']);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/portal/surveys' });
    expect(anonymous.statusCode).toBe(401);
    // a staff session is no owner session
    const staffView = await p.manager.api.get('/api/portal/surveys');
    expect(staffView.statusCode).toBe(401);
  });
});
