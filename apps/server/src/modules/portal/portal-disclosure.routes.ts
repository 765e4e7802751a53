import { errorBody } from '@anju/contracts';
import { acknowledgeMyDisclosureBody, disclosureAcknowledgement, myDisclosure } from '@anju/contracts/disclosure';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PortalModule } from './portal.module.js';
import { ownerOf, traceOf } from './portal-auth.routes.js';

const errors = { '4xx': errorBody };
const config = { public: true };

/** The risk disclosure of the owner's projects: read it at any time, acknowledge the current version. */
export const portalDisclosureRoutes: FastifyPluginAsyncZod<{ portal: PortalModule }> = async (app, { portal }) => {
  app.get(
    '/api/portal/disclosure',
    {
      config,
      schema: {
        operationId: 'getMyDisclosure',
        tags: ['portal'],
        summary: 'The risk disclosure pack of each of my projects, and whether I acknowledged its current version',
        response: { 200: myDisclosure, ...errors },
      },
    },
    async (request) => portal.disclosure.mine(ownerOf(request), traceOf(request)),
  );

  app.post(
    '/api/portal/disclosure/acknowledgements',
    {
      config,
      schema: {
        operationId: 'acknowledgeMyDisclosure',
        tags: ['portal'],
        summary: 'I read the current version of my project’s risk disclosure (idempotent)',
        body: acknowledgeMyDisclosureBody,
        response: { 201: disclosureAcknowledgement, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await portal.disclosure.acknowledge(ownerOf(request), traceOf(request), request.body)),
  );
};
