import { SURVEY_DIMENSIONS } from '@anju/contracts/surveys';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, as, drainJobs, login, ownerCookie, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { batchOf, households, linkToken, type SurveyPlace, surveyPlace } from '../../../test/survey-factories.js';
import { queryRows } from '../../platform/db/database.js';
import { jobs } from '../../platform/jobs/job.tables.js';
import { outboxMessages } from '../../platform/messaging/messaging.tables.js';
import { SurveyLinkExpiry } from './survey-expiry.job.js';
import { surveyAnswers, surveyRequests } from './surveys.tables.js';

let t: TestApp;
let p: SurveyPlace;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z')); // Tuesday 10:00 in Shanghai
  p = await surveyPlace(t);
});
afterAll(() => t.close());

const send = (code: string, body: Record<string, unknown>) => p.manager.api.post(`/api/surveys/${code}/send`, body);
const requestRow = async (id: string) => (await t.db.select().from(surveyRequests).where(eq(surveyRequests.id, id)))[0];

describe('happy', () => {
  it('lists the built-in surveys with their questions; the annual one maps every dimension', async () => {
    const res = await p.manager.api.get('/api/surveys');
    expect(res.statusCode, res.body).toBe(200);
    const byCode = new Map(res.json().items.map((s: { code: string }) => [s.code, s]));
    expect([...byCode.keys()]).toEqual(
      expect.arrayContaining(['repair_callback', 'sales_callback', 'design_callback', 'annual']),
    );
    expect(byCode.get('repair_callback')).toMatchObject({
      kind: 'repair_callback',
      companyId: null,
      currentVersion: 1,
      settings: { maxAttempts: 3, linkDays: 7 },
      questions: [
        { key: 'overall', type: 'score5', textZh: expect.any(String), textEn: expect.any(String) },
        { key: 'comment', type: 'text', required: false },
      ],
    });
    const annual = byCode.get('annual') as { questions: { dimension?: string }[] };
    const dims = annual.questions.map((q) => q.dimension).filter(Boolean);
    expect(new Set(dims)).toEqual(new Set(SURVEY_DIMENSIONS));
  });

  it('keeps versions: a change of the questions is a new version, a change of the name is not', async () => {
    const body = {
      kind: 'general',
      nameZh: '入住体验调查',
      questions: [
        { key: 'overall', type: 'score5', textZh: '总体满意度', dimension: 'overall' },
        { key: 'nps', type: 'nps', textZh: '推荐可能性（0–10）' },
      ],
    };
    const created = await p.manager.api.put('/api/surveys/move_in', body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ currentVersion: 1, version: 1, companyId: p.company.id });
    const renamed = await p.manager.api.put('/api/surveys/move_in', { ...body, nameZh: '入住调查', version: 1 });
    expect(renamed.json()).toMatchObject({ currentVersion: 1, version: 2, nameZh: '入住调查' });
    const changed = await p.manager.api.put('/api/surveys/move_in', {
      ...body,
      questions: [...body.questions, { key: 'why', type: 'text', textZh: '原因', required: false }],
      version: 2,
    });
    expect(changed.json()).toMatchObject({ currentVersion: 2, version: 3 });
    expect(changed.json().questions).toHaveLength(3);
    const audited = (await p.manager.api.get(`/api/audit-events?entityType=survey&entityId=${created.json().id}`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(audited).toEqual(['survey.upsert', 'survey.upsert', 'survey.upsert']);
  });

  it('sends a sales callback to the agents; unanswered three times it is given up', async () => {
    const [h] = await households(t, p, 1, { contractDate: '2026-11-10' });
    const sent = await send('sales_callback', { channel: 'phone', subject: { type: 'ownership', id: h?.ownershipId } });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ skipped: 0 });
    const [req] = sent.json().items;
    expect(req).toMatchObject({
      kind: 'sales_callback',
      status: 'pending',
      channel: 'phone',
      customerId: h?.customerId,
    });
    const call = () => p.agent.api.post(`/api/survey-requests/${req.id}/answer`, { outcome: 'unanswered' });
    expect((await call()).json()).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await call()).json()).toMatchObject({ status: 'pending', attempts: 2 });
    expect((await call()).json()).toMatchObject({ status: 'unanswered', attempts: 3 });
  });

  it('stores the stage and the service with an agent’s answer', async () => {
    const [h] = await households(t, p, 1, { contractDate: '2026-11-10' });
    const [req] = (
      await send('sales_callback', { channel: 'phone', subject: { type: 'ownership', id: h?.ownershipId } })
    ).json().items;
    const answered = await p.agent.api.post(`/api/survey-requests/${req.id}/answer`, {
      outcome: 'answered',
      answers: [{ key: 'overall', score: 5 }],
      comment: '销售顾问很专业',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'answered',
      score: 5,
      stage: 'signed',
      service: 'sales',
      method: 'phone',
      comment: '销售顾问很专业',
    });
    const answers = await t.db.select().from(surveyAnswers).where(eq(surveyAnswers.requestId, req.id));
    expect(answers).toEqual([
      expect.objectContaining({ questionKey: 'overall', score: 5, dimension: 'sales_service' }),
    ]);
    const listed = await allPages<{ id: string; answers?: unknown[] }>(
      p.manager.api,
      `/api/survey-requests?kind=sales_callback&status=answered&projectId=${p.project.id}`,
    );
    expect(listed.items.find((r) => r.id === req.id)?.answers).toHaveLength(1);
    const byChannel = (channel: string, surveyId: string) =>
      allPages<{ id: string }>(p.manager.api, `/api/survey-requests?channel=${channel}&surveyId=${surveyId}`);
    expect((await byChannel('phone', req.surveyId)).items.map((r) => r.id)).toContain(req.id);
    expect((await byChannel('sms', req.surveyId)).items.map((r) => r.id)).not.toContain(req.id);
    expect((await byChannel('phone', '00000000-0000-4000-8000-000000000000')).items).toEqual([]);
    expect((await p.manager.api.get('/api/survey-requests?channel=fax')).statusCode).toBe(400);
  });

  it('texts a one-use link to a consenting owner: answered once, stage stored; a second answer is refused', async () => {
    const [h] = await households(t, p, 1, { contractDate: '2025-03-01', deliveryDate: '2026-01-10' });
    const sent = await send('annual', { channel: 'sms', subject: { type: 'unit', id: h?.unitId } });
    expect(sent.statusCode, sent.body).toBe(201);
    const [req] = sent.json().items;
    expect(req).toMatchObject({ channel: 'sms', linkExpiresAt: '2026-12-08T02:00:00.000Z' });
    const token = await linkToken(t, req.id);
    const shown = await t.app.inject({ method: 'GET', url: `/api/survey-links/${token}` });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ id: req.id, kind: 'annual', status: 'pending' });
    const answers = shown
      .json()
      .questions.filter((q: { type: string }) => q.type === 'score5')
      .map((q: { key: string }) => ({ key: q.key, score: 4 }));
    const post = () =>
      t.app.inject({ method: 'POST', url: `/api/survey-links/${token}`, payload: { answers, comment: '很好' } });
    const first = await post();
    expect(first.statusCode, first.body).toBe(200);
    const row = await requestRow(req.id);
    expect(row).toMatchObject({
      status: 'answered',
      method: 'sms_link',
      stage: 'first_year',
      score: 4,
      comment: '很好',
    });
    const again = await post();
    expect([again.statusCode, again.json().code]).toEqual([409, 'SURVEY_ALREADY_ANSWERED']);
    const reopened = await t.app.inject({ method: 'GET', url: `/api/survey-links/${token}` });
    expect([reopened.statusCode, reopened.json().code]).toEqual([410, 'SURVEY_LINK_INVALID']);
    expect(reopened.json().details).toEqual({ reason: 'answered' });
  });

  it('a new link replaces the old one; without consent nothing is texted', async () => {
    const [h] = await households(t, p, 1, { consent: false });
    const [req] = (await send('annual', { channel: 'sms', subject: { type: 'unit', id: h?.unitId } })).json().items;
    expect(req.channel).toBe('phone'); // no consent: the agents call instead
    const link = await p.agent.api.post(`/api/survey-requests/${req.id}/link`);
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json()).toMatchObject({ sent: false });

    const [h2] = await households(t, p, 1);
    const [req2] = (await send('annual', { channel: 'sms', subject: { type: 'unit', id: h2?.unitId } })).json().items;
    const old = await linkToken(t, req2.id);
    t.clock.advance(60_000);
    expect((await p.agent.api.post(`/api/survey-requests/${req2.id}/link`)).json()).toMatchObject({ sent: true });
    const fresh = await linkToken(t, req2.id);
    expect(fresh).not.toBe(old);
    expect((await t.app.inject({ method: 'GET', url: `/api/survey-links/${old}` })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: `/api/survey-links/${fresh}` })).statusCode).toBe(200);
  });

  it('expires an SMS survey whose link ran out, hourly, but never a repair callback (the ticket page still calls)', async () => {
    const [h] = await households(t, p, 1, { contractDate: '2025-03-01', deliveryDate: '2026-01-10' });
    const sent = await send('annual', { channel: 'sms', subject: { type: 'unit', id: h?.unitId } });
    const [req] = sent.json().items;
    const token = await linkToken(t, req.id);
    const callback = await t.services.surveys.callbacks.open(
      t.db,
      {
        subjectType: 'ticket',
        subjectId: crypto.randomUUID(),
        customerId: h?.customerId ?? null,
        unitId: h?.unitId ?? null,
        projectId: p.project.id,
        companyId: p.company.id,
        orgPath: (await requestRow(req.id))?.orgPath as string,
      },
      t.clock.now(),
      true,
    );
    const ends = (await requestRow(req.id))?.tokenExpiresAt as Date;
    expect(ends.getTime() - t.clock.now().getTime()).toBe(14 * 86_400_000); // the annual survey’s link: 14 days
    const expiry = (minutes: number) =>
      new SurveyLinkExpiry(t.db, { now: () => new Date(ends.getTime() + minutes * 60_000) });
    expect(await expiry(-1).run()).toBe(0);
    expect(await expiry(1).run()).toBeGreaterThanOrEqual(1);
    expect((await requestRow(req.id))?.status).toBe('expired');
    expect((await requestRow(callback.id))?.status).toBe('pending');
    expect(await expiry(60).run()).toBe(0); // once
    const shown = await t.app.inject({ method: 'GET', url: `/api/survey-links/${token}` });
    expect([shown.statusCode, shown.json().details]).toEqual([410, { reason: 'expired' }]);
    const listed = await allPages<{ id: string }>(p.manager.api, `/api/survey-requests?status=expired`);
    expect(listed.items.map((r) => r.id)).toContain(req.id);
  });

  it('samples five households per product type of a batch (fewer when a type has fewer)', async () => {
    const batch = await batchOf(t, p.project.id);
    await households(t, p, 7, {
      building: '21',
      productType: 'flat_90',
      batchId: batch.id,
      deliveryDate: '2026-06-30',
    });
    await households(t, p, 3, { building: '22', productType: 'villa', batchId: batch.id, deliveryDate: '2026-06-30' });
    const sent = await send('design_callback', {
      channel: 'phone',
      sample: { sample: 'product_types', batchId: batch.id },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const items = sent.json().items as { unitId: string; subjectType: string; kind: string }[];
    expect(items).toHaveLength(8);
    expect(items.every((r) => r.subjectType === 'unit' && r.kind === 'design_callback')).toBe(true);
    expect(sent.json().skipped).toBe(0);
    // the same batch again within 30 days: every household was just asked
    const again = await send('design_callback', {
      channel: 'phone',
      sample: { sample: 'product_types', batchId: batch.id, perType: 2 },
    });
    expect(again.json()).toMatchObject({ items: [], skipped: 4 });
  });

  it('samples a share of a project’s owners in every journey stage', async () => {
    const other = await surveyPlace(t);
    const signed = await households(t, other, 4, { building: '31', contractDate: '2026-11-20' });
    const waiting = await households(t, other, 4, { building: '32', contractDate: '2026-01-20' });
    const moved = await households(t, other, 2, {
      building: '33',
      contractDate: '2024-01-20',
      deliveryDate: '2024-06-30',
    });
    const sent = await other.manager.api.post('/api/surveys/annual/send', {
      channel: 'portal',
      sample: { sample: 'annual', projectId: other.project.id, share: 0.5 },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const units = new Set(sent.json().items.map((r: { unitId: string }) => r.unitId));
    const picked = (group: { unitId: string }[]) => group.filter((h) => units.has(h.unitId)).length;
    expect([picked(signed), picked(waiting), picked(moved)]).toEqual([2, 2, 1]);
  });

  it('the owner answers their own survey in the portal (a club member earns the survey points)', async () => {
    const [h] = await households(t, p, 1, { contractDate: '2026-11-01' });
    const club = (await signedIn(t, p.company, ['club_staff'])).api;
    const enrolled = await club.post('/api/club/members', { customerId: h?.customerId });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const balance = async () =>
      (await club.get(`/api/club/members/${enrolled.json().id}/points`)).json().balance as number;
    const [req] = (
      await send('sales_callback', { channel: 'portal', subject: { type: 'ownership', id: h?.ownershipId } })
    ).json().items;
    const cookie = await ownerCookie(t, h?.phone as string);
    const owner = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie }, payload: payload as Record<string, unknown> });
    const mine = await owner('GET', '/api/portal/surveys');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((s: { id: string }) => s.id)).toEqual([req.id]);
    const answered = await owner('POST', `/api/portal/surveys/${req.id}`, { answers: [{ key: 'overall', score: 3 }] });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered' });
    expect(await requestRow(req.id)).toMatchObject({ method: 'portal', stage: 'signed', score: 3 });
    expect((await owner('GET', '/api/portal/surveys')).json().items).toEqual([]);
    await drainJobs(t);
    expect(await balance()).toBe(50); // the club's survey_answered rule
    const events = await queryRows<{ name: string }>(
      t.db,
      sql`select name from domain_events where subject_id = ${req.id}`,
    );
    expect(events.map((e) => e.name)).toEqual(['survey.answered']);
  });
  it('one survey per person per 30 days', async () => {
    const [h] = await households(t, p, 1);
    const subject = { type: 'unit', id: h?.unitId };
    expect((await send('annual', { channel: 'phone', subject })).statusCode).toBe(201);
    t.clock.advance(29 * 86_400_000);
    const manager = as(t, await login(t, p.manager.user.username));
    const sales = { channel: 'phone', subject: { type: 'ownership', id: h?.ownershipId } };
    const soon = await manager.post('/api/surveys/sales_callback/send', sales);
    expect([soon.statusCode, soon.json().code]).toEqual([409, 'SURVEY_TOO_SOON']);
    t.clock.advance(2 * 86_400_000);
    const later = await as(t, await login(t, p.manager.user.username)).post('/api/surveys/sales_callback/send', sales);
    expect(later.statusCode, later.body).toBe(201);
  });

  it('texts a survey link asked for at night at 08:00 (the outbox’s quiet hours)', async () => {
    t.clock.set(new Date('2026-12-28T14:30:00Z')); // 22:30 in Shanghai
    const manager = as(t, await login(t, p.manager.user.username));
    const [h] = await households(t, { ...p, manager: { ...p.manager, api: manager } }, 1);
    const sent = await manager.post('/api/surveys/annual/send', {
      channel: 'sms',
      subject: { type: 'unit', id: h?.unitId },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const [message] = await t.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.refId, sent.json().items[0].id), eq(outboxMessages.template, 'survey.link')));
    const [delivery] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, 'outbox.deliver'), sql`${jobs.payload}->>'id' = ${message?.id}`));
    expect(delivery?.runAt.toISOString()).toBe('2026-12-29T00:00:00.000Z');
    // the list's days are China days: 22:30 on the 28th
    const day = (from: string, to: string) =>
      manager.get(`/api/survey-requests?projectId=${p.project.id}&from=${from}&to=${to}`);
    const ids = async (from: string, to: string) => (await day(from, to)).json().items.map((r: { id: string }) => r.id);
    expect(await ids('2026-12-28', '2026-12-28')).toEqual([sent.json().items[0].id]);
    expect(await ids('2026-12-29', '2026-12-31')).toEqual([]);
  });
});
