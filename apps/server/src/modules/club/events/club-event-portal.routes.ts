import { errorBody, idParams } from '@anju/contracts';
import { eventRegistrationParams, myEvent, myEvents } from '@anju/contracts/club-events';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ownerContext } from '../../portal/owner-context.js';
import { ownerOf, traceOf } from '../../portal/portal-auth.routes.js';
import type { ClubEventsModule } from './club-events.module.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];

/** The owner acting on their own registrations (no staff permissions; audit records the owner). */
const ownerCtx = (request: FastifyRequest) => {
  const owner = ownerOf(request);
  const trace = traceOf(request);
  return { ctx: ownerContext(owner, '/', trace.requestId, trace.ip), customerId: owner.customerId };
};

/** Club events in the owner portal: events open to me, my registrations with their check-in code. */
export const clubEventPortalRoutes: FastifyPluginAsyncZod<{ events: ClubEventsModule }> = async (app, { events }) => {
  app.get(
    '/api/portal/club/events',
    {
      config: { public: true },
      schema: {
        operationId: 'listMyEvents',
        tags,
        summary:
          'Club events open to me (my homes’ projects and their city companies) and my registrations with their check-in code',
        response: { 200: myEvents, ...errors },
      },
    },
    async (request) => {
      const { ctx, customerId } = ownerCtx(request);
      return events.mine.list(ctx, customerId);
    },
  );

  app.post(
    '/api/portal/club/events/:id/register',
    {
      config: { public: true },
      schema: {
        operationId: 'registerMyEvent',
        tags,
        summary: 'Register for an event open to me: confirmed, or waitlisted when full and the event keeps a waitlist',
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().max(100).optional() }),
        response: { 201: myEvent, ...errors },
      },
    },
    async (request, reply) => {
      const { ctx, customerId } = ownerCtx(request);
      const key = request.headers['idempotency-key'];
      return reply.code(201).send(await events.mine.register(ctx, customerId, request.params.id, key));
    },
  );

  app.post(
    '/api/portal/club/events/:id/registrations/:registrationId/cancel',
    {
      config: { public: true },
      schema: {
        operationId: 'cancelMyEventRegistration',
        tags,
        summary: 'Cancel my registration; my place goes to the first waitlisted person',
        params: eventRegistrationParams,
        response: { 200: myEvent, ...errors },
      },
    },
    async (request) => {
      const { ctx, customerId } = ownerCtx(request);
      return events.mine.cancel(ctx, customerId, request.params.id, request.params.registrationId);
    },
  );
};
