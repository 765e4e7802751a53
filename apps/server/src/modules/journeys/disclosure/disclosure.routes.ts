import { errorBody, fileInfo, idParams } from '@anju/contracts';
import {
  acknowledgeDisclosureBody,
  disclosureAcknowledgement,
  disclosurePack,
  listDisclosurePacksQuery,
  upsertDisclosurePackBody,
} from '@anju/contracts/disclosure';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentFile } from '../../../platform/files/files.presenter.js';
import { FilesService } from '../../../platform/files/files.service.js';
import { readUpload } from '../../../platform/files/upload.js';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import type { DisclosureService } from './disclosure.service.js';

const errors = { '4xx': errorBody };
const tags = ['journeys'];
const MAX_MAP_BYTES = FilesService.maxBytes(['image', 'document']);

/** Console side of risk disclosure: each project's pack, its city map, and acknowledgements at the sales office. */
export const disclosureRoutes: FastifyPluginAsyncZod<{ disclosure: DisclosureService }> = async (
  app,
  { disclosure },
) => {
  app.get(
    '/api/disclosure-packs',
    {
      schema: {
        operationId: 'listDisclosurePacks',
        tags,
        summary: 'The risk disclosure packs of the projects in the caller’s subtree, with how many buyers acknowledged',
        querystring: listDisclosurePacksQuery,
        response: { 200: z.object({ items: z.array(disclosurePack) }), ...errors },
      },
    },
    async (request) => ({ items: await disclosure.list(contextOf(request), request.query) }),
  );

  app.put(
    '/api/projects/:id/disclosure-pack',
    {
      schema: {
        operationId: 'upsertDisclosurePack',
        tags,
        summary: 'Publish a project’s pack (risks within 1 km, city map, amenities): the first version or the next',
        params: idParams,
        body: upsertDisclosurePackBody,
        response: { 200: disclosurePack, ...errors },
      },
    },
    async (request) => disclosure.upsert(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/projects/:id/disclosure-pack/map',
    {
      schema: {
        operationId: 'uploadDisclosureMap',
        tags,
        summary: 'Stage the city map (multipart field "file": an image or PDF) for the project’s next publish',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const file = await disclosure.uploadMap(contextOf(request), request.params.id, () =>
        readUpload(request, MAX_MAP_BYTES),
      );
      return reply.code(201).send(presentFile(file));
    },
  );

  app.post(
    '/api/projects/:id/disclosure-pack/acknowledgements',
    {
      schema: {
        operationId: 'acknowledgeDisclosure',
        tags,
        summary: 'Record at the sales office that a buyer read and acknowledged the current version (idempotent)',
        params: idParams,
        body: acknowledgeDisclosureBody,
        response: { 201: disclosureAcknowledgement, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await disclosure.acknowledge(contextOf(request), request.params.id, request.body)),
  );
};
