import { errorBody, idParams } from '@anju/contracts';
import { myOpenDay, myOpenDays, registerMyOpenDayBody } from '@anju/contracts/open-days';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PortalModule } from './portal.module.js';
import { ownerOf, traceOf } from './portal-auth.routes.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];

/** Site open days in the owner portal: the open days of my projects, my registration, my suggestions and answers. */
export const portalOpenDayRoutes: FastifyPluginAsyncZod<{ portal: PortalModule }> = async (app, { portal }) => {
  app.get(
    '/api/portal/open-days',
    {
      config: { public: true },
      schema: {
        operationId: 'listMyOpenDays',
        tags,
        summary:
          'Coming open days of my projects and the ones I took part in: whether I registered, my suggestions and their answers',
        response: { 200: myOpenDays, ...errors },
      },
    },
    async (request) => portal.openDays.list(ownerOf(request), traceOf(request)),
  );

  app.post(
    '/api/portal/open-days/:id/register',
    {
      config: { public: true },
      schema: {
        operationId: 'registerMyOpenDay',
        tags,
        summary: 'Register for an open day of one of my projects (once; within its places)',
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().max(100).optional() }),
        body: registerMyOpenDayBody,
        response: { 201: myOpenDay, ...errors },
      },
    },
    async (request, reply) => {
      const registered = await portal.openDays.register(
        ownerOf(request),
        traceOf(request),
        request.params.id,
        request.body.partySize,
        request.headers['idempotency-key'],
      );
      return reply.code(201).send(registered);
    },
  );
};
