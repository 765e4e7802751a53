import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { households, type SurveyPlace, surveyPlace } from '../../../test/survey-factories.js';
import { queryRows } from '../../platform/db/database.js';
import { migrationsFolder } from '../../platform/db/migrate.js';
import { outboxMessages } from '../../platform/messaging/messaging.tables.js';
import { surveyAnswers, surveyRequests } from './surveys.tables.js';

/** The repair callback on the surveys model (decisions §35): a 1–2 score still reopens, whichever way it comes. */
let t: TestApp;
let p: SurveyPlace;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  p = await surveyPlace(t);
});
afterAll(() => t.close());

type Ticket = { id: string; version: number; status: string; number: string; reopenCount: number };
const move = async (ticket: Ticket, body: Record<string, unknown>): Promise<Ticket> => {
  const res = await p.manager.api.post(`/api/tickets/${ticket.id}/transitions`, { ...body, version: ticket.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const close = (ticket: Ticket) => move(ticket, { action: 'close', resolution: '已修复', rootCause: 'workmanship' });

/** A repair of a household's unit, dispatched to the project and closed: its callback is pending. */
async function closedRepair(h: { unitId: string; customerId: string }) {
  const created = await p.manager.api.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    title: '卫生间渗水',
    customerId: h.customerId,
    unitId: h.unitId,
    categoryCode: 'leak',
    room: 'bathroom',
    inspectionRequired: false,
  });
  expect(created.statusCode, created.body).toBe(201);
  const dispatched = await move(created.json(), { action: 'dispatch', assigneeOrgId: p.project.id });
  return close(dispatched);
}
const callbackOf = async (ticketId: string) =>
  (
    await t.db
      .select()
      .from(surveyRequests)
      .where(and(eq(surveyRequests.subjectId, ticketId), eq(surveyRequests.status, 'pending')))
  )[0];

describe('happy', () => {
  it('a closed ticket has a pending repair_callback request; an agent’s 2 through the survey routes reopens it', async () => {
    const [h] = await households(t, p, 1, { contractDate: '2025-01-10', deliveryDate: '2026-03-01' });
    if (!h) throw new Error('no household');
    const ticket = await closedRepair(h);
    const request = await callbackOf(ticket.id);
    expect(request).toMatchObject({
      kind: 'repair_callback',
      subjectType: 'ticket',
      customerId: h.customerId,
      unitId: h.unitId,
      projectId: p.project.id,
      companyId: p.company.id,
      channel: 'sms',
      attempts: 0,
    });
    const queue = (await p.agent.api.get('/api/survey-requests?kind=repair_callback&status=pending')).json().items;
    expect(queue.map((r: { id: string }) => r.id)).toContain(request?.id);
    const answered = await p.agent.api.post(`/api/survey-requests/${request?.id}/answer`, {
      outcome: 'answered',
      answers: [{ key: 'overall', score: 2 }],
      comment: '还在渗水',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', score: 2, stage: 'first_year', service: 'repair' });
    const page = (await p.manager.api.get(`/api/tickets/${ticket.id}`)).json();
    expect(page).toMatchObject({ status: 'processing', reopenCount: 1, callback: { status: 'answered', score: 2 } });
    expect(page.events.at(-1)).toMatchObject({ kind: 'reopen', body: '还在渗水', data: { code: 'reopen.low_score' } });
    const answers = await t.db
      .select()
      .from(surveyAnswers)
      .where(eq(surveyAnswers.requestId, request?.id as string));
    expect(answers.map((a) => [a.questionKey, a.score])).toEqual([['overall', 2]]);
  });

  it('the owner’s SMS link answers on the surveys route too: a 5 completes the ticket; the link works once', async () => {
    const [h] = await households(t, p, 1);
    if (!h) throw new Error('no household');
    const ticket = await closedRepair(h);
    const [sms] = await t.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.refId, ticket.id), eq(outboxMessages.template, 'ticket.callback_link')));
    const token = sms?.body.match(/\/m\/rate\/([\w-]+)/)?.[1] as string;
    const form = await t.app.inject({ method: 'GET', url: `/api/survey-links/${token}` });
    expect(form.json()).toMatchObject({ kind: 'repair_callback', questions: [{ key: 'overall' }, { key: 'comment' }] });
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/survey-links/${token}`,
      payload: { answers: [{ key: 'overall', score: 5 }] },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await p.manager.api.get(`/api/tickets/${ticket.id}`)).json()).toMatchObject({
      status: 'completed',
      callback: { status: 'answered', score: 5 },
    });
    const old = await t.app.inject({ method: 'POST', url: `/api/public/feedback/${token}`, payload: { score: 1 } });
    expect(old.json().code).toBe('CALLBACK_TOKEN_INVALID');
  });

  it('a callback on the person’s own ticket is exempt from the 30-day rule', async () => {
    const [h] = await households(t, p, 1);
    if (!h) throw new Error('no household');
    const annual = await p.manager.api.post('/api/surveys/annual/send', {
      channel: 'phone',
      subject: { type: 'unit', id: h.unitId },
    });
    expect(annual.statusCode, annual.body).toBe(201);
    const ticket = await closedRepair(h);
    expect(await callbackOf(ticket.id)).toMatchObject({ kind: 'repair_callback', status: 'pending' });
  });

  it('migration 0034 copies every old callback onto survey_requests with its ticket’s places', async () => {
    const [h] = await households(t, p, 1);
    if (!h) throw new Error('no household');
    const ticket = await closedRepair(h);
    // the old table, as migration 0033 left it, with one answered callback of this ticket
    await t.db.execute(sql`create temporary table callbacks (id uuid primary key, ticket_id uuid not null,
      status text not null, method text, attempts integer not null, score smallint, comment text, token_hash text,
      token_expires_at timestamptz, recorded_by uuid, recorded_at timestamptz, org_path text not null,
      created_at timestamptz not null)`);
    const id = '7d0c3a4e-0000-4000-8000-000000000034';
    await t.db.execute(sql`insert into callbacks values (${id}, ${ticket.id}, 'answered', 'phone', 2, 4, '不错', null,
      '2026-11-30T00:00:00Z', ${p.manager.user.id}, '2026-11-24T03:00:00Z', ${p.project.path},
      '2026-11-24T02:30:00Z')`);
    const text = readFileSync(join(migrationsFolder, '0034_callbacks_to_survey_requests.sql'), 'utf8');
    const copy = text.split('--> statement-breakpoint')[0] as string;
    await t.db.execute(sql.raw(copy));
    const [row] = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select kind, subject_type, subject_id, customer_id, unit_id, project_id, company_id, channel, status, method,
                 attempts, score, comment, service, recorded_by, survey_version, imported
            from survey_requests where id = ${id}`,
    );
    expect(row).toEqual({
      kind: 'repair_callback',
      subject_type: 'ticket',
      subject_id: ticket.id,
      customer_id: h.customerId,
      unit_id: h.unitId,
      project_id: p.project.id,
      company_id: p.company.id,
      channel: 'sms',
      status: 'answered',
      method: 'phone',
      attempts: 2,
      score: 4,
      comment: '不错',
      service: 'repair',
      recorded_by: p.manager.user.id,
      survey_version: 1,
      imported: false,
    });
    await t.db.execute(sql`drop table callbacks`);
  });
});
