import { errorBody, idParams, page } from '@anju/contracts';
import {
  closeGroupCaseBody,
  createGroupCaseBody,
  groupCase,
  groupCaseDetail,
  listGroupCasesQuery,
  replyToGroupCaseBody,
  updateGroupCaseBody,
} from '@anju/contracts/quality';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../../platform/http/cursor.js';
import { presentCase, presentCaseDetail } from './case.presenter.js';
import type { GroupCaseService } from './case.service.js';

const errors = { '4xx': errorBody };
const tags = ['quality'];

/** Group cases (特事特办): validate (contracts) → authorise and act (service) → present. */
export const groupCaseRoutes: FastifyPluginAsyncZod<{ cases: GroupCaseService }> = async (app, { cases }) => {
  app.post(
    '/api/quality/cases',
    {
      schema: {
        operationId: 'createGroupCase',
        tags,
        summary: 'Open a group case from a cluster (its tickets linked) or by hand, with a senior owner and a deadline',
        body: createGroupCaseBody,
        response: { 201: groupCaseDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentCaseDetail(await cases.create(contextOf(request), request.body))),
  );

  app.get(
    '/api/quality/cases',
    {
      schema: {
        operationId: 'listGroupCases',
        tags,
        summary: 'Group cases in the caller’s subtree, newest first',
        querystring: listGroupCasesQuery,
        response: { 200: page(groupCase), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const c = decodeCursor(q.cursor, timeIdCursor);
      const { rows, counts, projects } = await cases.list(contextOf(request), {
        status: q.status,
        before: c ? { at: new Date(c.t), id: c.id } : undefined,
        limit: q.limit,
      });
      const { items, nextCursor } = pageOf(rows, q.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
      return { items: items.map((r) => presentCase(r, counts, projects)), nextCursor };
    },
  );

  app.get(
    '/api/quality/cases/:id',
    {
      schema: {
        operationId: 'getGroupCase',
        tags,
        summary: 'One group case: its tickets (and whether each may close), tasks, log and closing report',
        params: idParams,
        response: { 200: groupCaseDetail, ...errors },
      },
    },
    async (request) => presentCaseDetail(await cases.get(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/quality/cases/:id/updates',
    {
      schema: {
        operationId: 'updateGroupCase',
        tags,
        summary:
          'Run the case: a status update, a statement, a task added or done, tickets linked, the owner’s consent to close tickets, a new deadline or owner',
        params: idParams,
        body: updateGroupCaseBody,
        response: { 200: groupCaseDetail, ...errors },
      },
    },
    async (request) => presentCaseDetail(await cases.update(contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/quality/cases/:id/reply',
    {
      schema: {
        operationId: 'replyToGroupCase',
        tags,
        summary: 'One holding reply to every affected owner at once: a customer-visible note on each linked ticket',
        params: idParams,
        body: replyToGroupCaseBody,
        response: { 200: groupCaseDetail, ...errors },
      },
    },
    async (request) => presentCaseDetail(await cases.reply(contextOf(request), request.params.id, request.body.body)),
  );

  app.post(
    '/api/quality/cases/:id/close',
    {
      schema: {
        operationId: 'closeGroupCase',
        tags,
        summary: 'Close the case with its report (cause, measures, cost, lessons); its tickets may then close',
        params: idParams,
        body: closeGroupCaseBody,
        response: { 200: groupCaseDetail, ...errors },
      },
    },
    async (request) => presentCaseDetail(await cases.close(contextOf(request), request.params.id, request.body)),
  );
};
