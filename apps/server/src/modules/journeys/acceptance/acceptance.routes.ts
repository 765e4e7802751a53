import { errorBody, fileInfo, idParams, page } from '@anju/contracts';
import {
  acceptanceChecklist,
  acceptanceFinding,
  acceptanceFindingPage,
  listAcceptanceFindingsQuery,
  listMyAcceptanceFindingsQuery,
  recordAcceptanceFindingBody,
  updateAcceptanceFindingBody,
} from '@anju/contracts/acceptance';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentFile } from '../../../platform/files/files.presenter.js';
import { FilesService } from '../../../platform/files/files.service.js';
import { readUpload } from '../../../platform/files/upload.js';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import type { AcceptanceService } from './acceptance.service.js';

const errors = { '4xx': errorBody };
const tags = ['journeys'];
const MAX_PHOTO_BYTES = FilesService.maxBytes(['image']);

/** Simulated acceptance: findings per batch, the contractor's rectification list, rectify/verify/reopen. */
export const acceptanceRoutes: FastifyPluginAsyncZod<{ acceptance: AcceptanceService }> = async (
  app,
  { acceptance },
) => {
  app.get(
    '/api/delivery-batches/:id/acceptance-findings',
    {
      schema: {
        operationId: 'listAcceptanceFindings',
        tags,
        summary: 'A batch’s simulated-acceptance findings, newest first, with the counts the batch board shows',
        params: idParams,
        querystring: listAcceptanceFindingsQuery,
        response: { 200: acceptanceFindingPage, ...errors },
      },
    },
    async (request) => acceptance.list(contextOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/delivery-batches/:id/acceptance-checklist',
    {
      schema: {
        operationId: 'getAcceptanceChecklist',
        tags,
        summary:
          'What the batch’s simulated acceptance must check besides the handover checklist (accepted lessons learned)',
        params: idParams,
        response: { 200: acceptanceChecklist, ...errors },
      },
    },
    async (request) => acceptance.checklist(contextOf(request), request.params.id),
  );

  app.post(
    '/api/delivery-batches/:id/acceptance-findings',
    {
      schema: {
        operationId: 'recordAcceptanceFinding',
        tags,
        summary: 'Record a finding of the pre-delivery inspection: rectification work for the contractor, with a clock',
        params: idParams,
        body: recordAcceptanceFindingBody,
        response: { 201: acceptanceFinding, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await acceptance.record(contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/acceptance-findings/photos',
    {
      schema: {
        operationId: 'uploadAcceptancePhoto',
        tags,
        summary: 'Stage a photo (multipart field "file") for the next finding recorded',
        consumes: ['multipart/form-data'],
        response: { 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const file = await acceptance.uploadPhoto(contextOf(request), () => readUpload(request, MAX_PHOTO_BYTES));
      return reply.code(201).send(presentFile(file));
    },
  );

  app.get(
    '/api/acceptance-findings/mine',
    {
      schema: {
        operationId: 'listMyAcceptanceFindings',
        tags,
        summary: 'A contractor’s rectification work: the findings given to their organisation, most urgent first',
        querystring: listMyAcceptanceFindingsQuery,
        response: { 200: page(acceptanceFinding), ...errors },
      },
    },
    async (request) => acceptance.listMine(contextOf(request), request.query),
  );

  app.patch(
    '/api/acceptance-findings/:id',
    {
      schema: {
        operationId: 'updateAcceptanceFinding',
        tags,
        summary: 'Rectify (the contractor), verify or reopen (staff) a finding',
        params: idParams,
        body: updateAcceptanceFindingBody,
        response: { 200: acceptanceFinding, ...errors },
      },
    },
    async (request) => acceptance.update(contextOf(request), request.params.id, request.body),
  );
};
