import { errorBody, idParams } from '@anju/contracts';
import {
  cancelServiceRequestBody,
  myServiceRequest,
  myServiceRequests,
  myServices,
  rateMyServiceRequestBody,
  requestMyServiceBody,
} from '@anju/contracts/services';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ownerContext } from '../portal/owner-context.js';
import { ownerOf, traceOf } from '../portal/portal-auth.routes.js';
import type { ServicesModule } from './services.module.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];

/** The owner acting on their own requests (no staff permissions; audit records the owner). */
const ownerCtx = (request: FastifyRequest) => {
  const owner = ownerOf(request);
  const trace = traceOf(request);
  return { ctx: ownerContext(owner, '/', trace.requestId, trace.ip), customerId: owner.customerId };
};

/** Value-added services in the owner portal: book, track each step, cancel, rate. */
export const servicesPortalRoutes: FastifyPluginAsyncZod<{ services: ServicesModule }> = async (app, { services }) => {
  const { mine } = services;

  app.get(
    '/api/portal/services',
    {
      config: { public: true },
      schema: {
        operationId: 'listMyServices',
        tags,
        summary: 'The services offered for my homes, with the homes each is offered for',
        response: { 200: myServices, ...errors },
      },
    },
    async (request) => {
      const { ctx, customerId } = ownerCtx(request);
      return mine.services(ctx, customerId);
    },
  );

  app.post(
    '/api/portal/services/:id/request',
    {
      config: { public: true },
      schema: {
        operationId: 'requestMyService',
        tags,
        summary: 'Book a service for one of my homes (offered for it; members-only needs my club membership)',
        params: idParams,
        body: requestMyServiceBody,
        response: { 201: myServiceRequest, ...errors },
      },
    },
    async (request, reply) => {
      const { ctx, customerId } = ownerCtx(request);
      return reply.code(201).send(await mine.book(ctx, customerId, request.params.id, request.body));
    },
  );

  app.get(
    '/api/portal/service-requests',
    {
      config: { public: true },
      schema: {
        operationId: 'listMyServiceRequests',
        tags,
        summary:
          'My service requests, newest first, each step in owner words: done (with its date), in progress, to come',
        response: { 200: myServiceRequests, ...errors },
      },
    },
    async (request) => {
      const { ctx, customerId } = ownerCtx(request);
      return mine.list(ctx, customerId);
    },
  );

  app.post(
    '/api/portal/service-requests/:id/cancel',
    {
      config: { public: true },
      schema: {
        operationId: 'cancelMyServiceRequest',
        tags,
        summary: 'Cancel my open request with a reason',
        params: idParams,
        body: cancelServiceRequestBody,
        response: { 200: myServiceRequest, ...errors },
      },
    },
    async (request) => {
      const { ctx, customerId } = ownerCtx(request);
      return mine.cancel(ctx, customerId, request.params.id, request.body.reason);
    },
  );

  app.post(
    '/api/portal/service-requests/:id/rate',
    {
      config: { public: true },
      schema: {
        operationId: 'rateMyServiceRequest',
        tags,
        summary: 'Rate my done request once: 1–5 and a comment',
        params: idParams,
        body: rateMyServiceRequestBody,
        response: { 200: myServiceRequest, ...errors },
      },
    },
    async (request) => {
      const { ctx, customerId } = ownerCtx(request);
      return mine.rate(ctx, customerId, request.params.id, request.body.score, request.body.comment);
    },
  );
};
