import { errorBody } from '@anju/contracts';
import {
  contribution,
  magazineSubscription,
  myMagazine,
  setSubscriptionBody,
  submitContributionBody,
} from '@anju/contracts/club-magazine';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors.js';
import { ownerContext } from '../../portal/owner-context.js';
import type { ClubModule } from '../club.module.js';
import { presentContribution, presentIssue, presentSubscription } from './magazine.presenter.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];
const mine = contribution.omit({ customerId: true, customerName: true });

/** The magazine in the owner portal: read issues, choose the delivery, send a contribution (as the signed-in owner). */
export const magazinePortalRoutes: FastifyPluginAsyncZod<{ club: ClubModule }> = async (app, { club }) => {
  const { magazine } = club;
  const ownerCtx = (request: FastifyRequest) => {
    const owner = request.owner;
    if (!owner) throw new AppError('OWNER_AUTH_REQUIRED');
    return ownerContext(owner, '/', String(request.id), request.ip ?? null);
  };
  const own = (c: Parameters<typeof presentContribution>[0]) => {
    const { customerId: _, customerName: __, ...rest } = presentContribution(c);
    return rest;
  };

  app.get(
    '/api/portal/club/magazine',
    {
      config: { public: true },
      schema: {
        operationId: 'getMyMagazine',
        tags,
        summary: 'Published issues (members), my place on the mailing list and my contributions',
        response: { 200: myMagazine, ...errors },
      },
    },
    async (request) => {
      const ctx = ownerCtx(request);
      const m = await magazine.mine(ctx.principal.customerId as string);
      return {
        member: m.member,
        subscription: presentSubscription(m.subscription),
        issues: m.issues.map((r) => presentIssue(r)),
        contributions: m.contributions.map((c) => own({ ...c, customerName: '' })),
      };
    },
  );
  app.put(
    '/api/portal/club/magazine/subscription',
    {
      config: { public: true },
      schema: {
        operationId: 'setMyMagazineSubscription',
        tags,
        summary: 'A member chooses how the magazine reaches them, or leaves the list',
        body: setSubscriptionBody,
        response: { 200: magazineSubscription, ...errors },
      },
    },
    async (request) => {
      const row = await magazine.setMySubscription(ownerCtx(request), request.body);
      return presentSubscription(row) as NonNullable<ReturnType<typeof presentSubscription>>;
    },
  );
  app.post(
    '/api/portal/club/magazine/contributions',
    {
      config: { public: true },
      schema: {
        operationId: 'submitContribution',
        tags,
        summary: 'Sends the club magazine a piece (received; the editors accept, decline or publish it)',
        body: submitContributionBody,
        response: { 201: mine, ...errors },
      },
    },
    async (request, reply) => {
      const row = await magazine.submit(ownerCtx(request), request.body);
      return reply.code(201).send(own({ ...row, customerName: '', issueTitle: null }));
    },
  );
};
