import { errorBody, idParams } from '@anju/contracts';
import {
  answerSurveyBody,
  listSurveyRequestsQuery,
  recordSurveyAnswerBody,
  sendSurveyBody,
  sentSurveys,
  survey,
  surveyCodeParams,
  surveyForm,
  surveyLinkIssued,
  surveyList,
  surveyRequest,
  surveyRequestPage,
  surveyTokenParams,
  upsertSurveyBody,
} from '@anju/contracts/surveys';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import { presentForm, presentRequest, presentSurvey } from './survey.presenter.js';
import type { SurveysModule } from './surveys.module.js';

const errors = { '4xx': errorBody };
const tags = ['surveys'];

/** Survey definitions, sending, the agents' calls and the answers; the public one-use link. */
export const surveyRoutes: FastifyPluginAsyncZod<{ surveys: SurveysModule }> = async (app, { surveys: m }) => {
  app.get(
    '/api/surveys',
    {
      schema: {
        operationId: 'listSurveys',
        tags,
        summary: "Survey definitions: the group's and the reader's company's, with the current version's questions",
        response: { 200: surveyList, ...errors },
      },
    },
    async (request) => ({ items: (await m.definitions.list(contextOf(request))).map(presentSurvey) }),
  );

  app.put(
    '/api/surveys/:code',
    {
      schema: {
        operationId: 'upsertSurvey',
        tags,
        summary: 'Create or change a survey (new questions make a new version; `version` as read, 409 when stale)',
        params: surveyCodeParams,
        body: upsertSurveyBody,
        response: { 200: survey, ...errors },
      },
    },
    async (request) => presentSurvey(await m.definitions.upsert(contextOf(request), request.params.code, request.body)),
  );

  app.post(
    '/api/surveys/:code/send',
    {
      schema: {
        operationId: 'sendSurvey',
        tags,
        summary:
          'Send the survey about one subject, or to a sample (N households per product type of a batch; a share of a project’s owners by stage)',
        params: surveyCodeParams,
        body: sendSurveyBody,
        response: { 201: sentSurveys, ...errors },
      },
    },
    async (request, reply) => {
      const sent = await m.requests.send(contextOf(request), request.params.code, request.body);
      return reply.code(201).send({
        items: sent.items.map((r) => presentRequest(r, r.surveyCode)),
        skipped: sent.skipped,
      });
    },
  );

  app.get(
    '/api/survey-requests',
    {
      schema: {
        operationId: 'listSurveyResponses',
        tags,
        summary:
          'Requests and their answers in the reader’s subtree, newest first, by kind, status, channel, survey, project and date',
        querystring: listSurveyRequestsQuery,
        response: { 200: surveyRequestPage, ...errors },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, timeIdCursor);
      const rows = await m.requests.list(
        contextOf(request),
        request.query,
        after ? { at: new Date(after.t), id: after.id } : null,
      );
      const pg = pageOf(rows, request.query.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
      const [codes, answers] = await Promise.all([
        m.requests.codesOf(m.db, pg.items),
        m.requests.answersOf(pg.items.filter((r) => r.status === 'answered').map((r) => r.id)),
      ]);
      return {
        items: pg.items.map((r) =>
          presentRequest(
            r,
            codes.get(r.surveyId) ?? '',
            answers.filter((a) => a.requestId === r.id),
          ),
        ),
        nextCursor: pg.nextCursor,
      };
    },
  );

  app.post(
    '/api/survey-requests/:id/answer',
    {
      schema: {
        operationId: 'recordSurveyAnswer',
        tags,
        summary: 'An agent’s call: the answers, or not reached (unanswered after the survey’s maxAttempts)',
        params: idParams,
        body: recordSurveyAnswerBody,
        response: { 200: surveyRequest, ...errors },
      },
    },
    async (request) => {
      const row = await m.answers.record(contextOf(request), request.params.id, request.body);
      const codes = await m.requests.codesOf(m.db, [row]);
      return presentRequest(row, codes.get(row.surveyId) ?? '');
    },
  );

  app.post(
    '/api/survey-requests/:id/link',
    {
      schema: {
        operationId: 'getSurveyLink',
        tags,
        summary: 'A new one-use link for a pending request, texted to the person when they consented to SMS',
        params: idParams,
        response: { 200: surveyLinkIssued, ...errors },
      },
    },
    async (request) => m.requests.link(contextOf(request), request.params.id),
  );

  app.get(
    '/api/survey-links/:token',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'showSurveyLink',
        tags: ['public'],
        summary: 'What a survey link shows (no sign-in; one use, expires)',
        params: surveyTokenParams,
        response: { 200: surveyForm, ...errors },
      },
    },
    async (request) => presentForm(await m.answers.linkForm(request.params.token)),
  );

  app.post(
    '/api/survey-links/:token',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        operationId: 'answerSurveyLink',
        tags: ['public'],
        summary: 'Answer through the link, once (a second answer: 409 SURVEY_ALREADY_ANSWERED)',
        params: surveyTokenParams,
        body: answerSurveyBody,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      await m.answers.answerLink(request.params.token, request.body);
      return { ok: true as const };
    },
  );
};
