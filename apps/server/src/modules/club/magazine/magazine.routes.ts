import { errorBody, idParams } from '@anju/contracts';
import {
  contribution,
  contributionList,
  decideContributionBody,
  listContributionsQuery,
  listMagazineIssuesQuery,
  listRecipientsQuery,
  magazineIssue,
  magazineIssueList,
  magazineRecipientList,
  magazineSubscription,
  setSubscriptionBody,
  upsertMagazineIssueBody,
} from '@anju/contracts/club-magazine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf, timeIdCursor } from '../../../platform/http/cursor.js';
import type { ClubModule } from '../club.module.js';
import { maskAddress, presentContribution, presentIssue, presentSubscription } from './magazine.presenter.js';
import { exportRecipients } from './recipients-export.js';

const errors = { '4xx': errorBody };
const tags = ['club'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const memberCursor = z.object({ id: cursorParts.uuid });

/** The club magazine for staff: issues, their recipients for the print shop, members' subscriptions, contributions. */
export const magazineRoutes: FastifyPluginAsyncZod<{ club: ClubModule }> = async (app, { club }) => {
  const { magazine } = club;

  app.get(
    '/api/club/magazine/issues',
    {
      schema: {
        operationId: 'listMagazineIssues',
        tags,
        summary: 'Magazine issues, newest first, with the mailing list counted by delivery',
        querystring: listMagazineIssuesQuery,
        response: { 200: magazineIssueList, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, status } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const { rows, counts } = await magazine.issues(
        contextOf(request),
        status,
        after ? { at: new Date(after.t), id: after.id } : null,
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => ({
        t: (status === 'published' ? (r.publishedAt ?? r.createdAt) : r.createdAt).toISOString(),
        id: r.id,
      }));
      return { items: page.items.map((r) => presentIssue(r, counts)), nextCursor: page.nextCursor };
    },
  );

  app.put(
    '/api/club/magazine/issues/:id',
    {
      schema: {
        operationId: 'upsertMagazineIssue',
        tags,
        summary:
          'Creates an issue under the id the client chose (201) or changes it at its version (200); publishing is one way',
        params: idParams,
        body: upsertMagazineIssueBody,
        response: { 200: magazineIssue, 201: magazineIssue, ...errors },
      },
    },
    async (request, reply) => {
      const { row, created } = await magazine.upsertIssue(contextOf(request), request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(presentIssue(row));
    },
  );

  app.get(
    '/api/club/magazine/issues/:id/recipients',
    {
      schema: {
        operationId: 'listMagazineRecipients',
        tags,
        summary: 'Members the print shop delivers an issue to (by hand or post), addresses masked; keyset by member',
        params: idParams,
        querystring: listRecipientsQuery,
        response: { 200: magazineRecipientList, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, delivery } = request.query;
      const after = decodeCursor(cursor, memberCursor);
      const rows = await magazine.recipients(
        contextOf(request),
        delivery ? [delivery] : ['hand', 'post'],
        after?.id ?? null,
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => ({ id: r.memberId }));
      return {
        items: page.items.map((r) => ({
          memberId: r.memberId,
          cardNo: r.cardNo,
          name: r.name,
          delivery: r.delivery as 'hand',
          address: r.address ? maskAddress(r.address) : null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
  // exports are POSTs: a cross-site page cannot start one (the CSRF header is required on writes)
  app.post(
    '/api/club/magazine/issues/:id/recipients/export',
    {
      schema: {
        operationId: 'exportMagazineRecipients',
        tags,
        summary: "An issue's recipients with full addresses for the print shop, as .xlsx (audited)",
        params: idParams,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const stream = await exportRecipients(
        { db: club.db, audit: club.audit, magazine },
        contextOf(request),
        request.params.id,
      );
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="magazine-recipients.xlsx"')
        .send(stream);
    },
  );

  app.get(
    '/api/club/members/:id/magazine',
    {
      schema: {
        operationId: 'getMemberMagazineSubscription',
        tags,
        summary: "A member's place on the mailing list (null: not on it)",
        params: idParams,
        response: { 200: z.object({ subscription: magazineSubscription.nullable() }), ...errors },
      },
    },
    async (request) => ({
      subscription: presentSubscription(await magazine.subscriptionOf(contextOf(request), request.params.id)),
    }),
  );
  app.put(
    '/api/club/members/:id/magazine',
    {
      schema: {
        operationId: 'setMemberMagazineSubscription',
        tags,
        summary:
          'Puts a member on the mailing list with a delivery (post needs an address, e-mail an address), or off it',
        params: idParams,
        body: setSubscriptionBody,
        response: { 200: magazineSubscription, ...errors },
      },
    },
    async (request) => {
      const row = await magazine.setSubscription(contextOf(request), request.params.id, request.body);
      return presentSubscription(row) as NonNullable<ReturnType<typeof presentSubscription>>;
    },
  );

  app.get(
    '/api/club/magazine/contributions',
    {
      schema: {
        operationId: 'listContributions',
        tags,
        summary: "Owners' contributions within the reader's subtree, newest first, by editorial status",
        querystring: listContributionsQuery,
        response: { 200: contributionList, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, status } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const rows = await magazine.contributions(
        contextOf(request),
        status,
        after ? { at: new Date(after.t), id: after.id } : null,
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => ({ t: r.submittedAt.toISOString(), id: r.id }));
      return { items: page.items.map(presentContribution), nextCursor: page.nextCursor };
    },
  );
  app.patch(
    '/api/club/magazine/contributions/:id',
    {
      schema: {
        operationId: 'decideContribution',
        tags,
        summary: 'The editor accepts, declines or publishes (in a published issue) a contribution',
        params: idParams,
        body: decideContributionBody,
        response: { 200: contribution, ...errors },
      },
    },
    async (request) => presentContribution(await magazine.decide(contextOf(request), request.params.id, request.body)),
  );
};
