import { errorBody, fileInfo, idParams, page } from '@anju/contracts';
import {
  answerOpenDaySuggestionBody,
  cancelOpenDayBody,
  checkInOpenDayBody,
  createOpenDayBody,
  listOpenDaysQuery,
  openDay,
  openDayDetail,
  openDayItem,
  openDayItemParams,
  openDayKpis,
  recordOpenDaySuggestionBody,
  rectifyOpenDayIssueBody,
  registerOpenDayBody,
} from '@anju/contracts/open-days';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentFile } from '../../../platform/files/files.presenter.js';
import { FilesService } from '../../../platform/files/files.service.js';
import { readUpload } from '../../../platform/files/upload.js';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import type { OpenDaysModule } from './open-days.module.js';

const errors = { '4xx': errorBody };
const tags = ['journeys'];
const MAX_PHOTO_BYTES = FilesService.maxBytes(['image']);

/** Site open days in the console: the board, creating one, registration and check-in, suggestions and issues. */
export const openDayRoutes: FastifyPluginAsyncZod<{ openDays: OpenDaysModule }> = async (app, { openDays }) => {
  const { days, items } = openDays;

  app.get(
    '/api/open-days',
    {
      schema: {
        operationId: 'listOpenDays',
        tags,
        summary:
          'Open days in the caller’s subtree, newest first, with registrations, check-ins and both rates; `kpis` over every open day the filter matches',
        querystring: listOpenDaysQuery,
        response: { 200: page(openDay).extend({ kpis: openDayKpis }), ...errors },
      },
    },
    async (request) => days.list(contextOf(request), request.query),
  );

  app.post(
    '/api/open-days',
    {
      schema: {
        operationId: 'createOpenDay',
        tags,
        summary:
          'A site open day of a project (optionally a delivery batch); optionally an SMS invitation to the buyers who consented',
        body: createOpenDayBody,
        response: { 201: openDayDetail, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await days.create(contextOf(request), request.body)),
  );

  app.post(
    '/api/open-days/:id/cancel',
    {
      schema: {
        operationId: 'cancelOpenDay',
        tags,
        summary: 'Call off a planned open day; the registered buyers who consented are told by SMS',
        params: idParams,
        body: cancelOpenDayBody,
        response: { 200: openDayDetail, ...errors },
      },
    },
    async (request) => days.cancel(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/open-days/photos',
    {
      schema: {
        operationId: 'uploadOpenDayPhoto',
        tags,
        summary: 'Upload a photo (multipart field "file") to attach to a suggestion or issue being recorded',
        consumes: ['multipart/form-data'],
        response: { 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const file = await items.uploadPhoto(contextOf(request), () => readUpload(request, MAX_PHOTO_BYTES));
      return reply.code(201).send(presentFile(file));
    },
  );

  app.get(
    '/api/open-days/:id',
    {
      schema: {
        operationId: 'getOpenDay',
        tags,
        summary: 'The open-day board: registrations, suggestions and issues with their status, and both rates',
        params: idParams,
        response: { 200: openDayDetail, ...errors },
      },
    },
    async (request) => days.get(contextOf(request), request.params.id),
  );

  app.post(
    '/api/open-days/:id/registrations',
    {
      schema: {
        operationId: 'registerOpenDay',
        tags,
        summary: 'Register a buyer of the project (capacity enforced; once per person)',
        params: idParams,
        body: registerOpenDayBody,
        response: { 201: openDayDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await days.register(contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/open-days/:id/check-in',
    {
      schema: {
        operationId: 'checkInOpenDay',
        tags,
        summary: 'Check a registered buyer in, on the open day itself',
        params: idParams,
        body: checkInOpenDayBody,
        response: { 200: openDayDetail, ...errors },
      },
    },
    async (request) => days.checkIn(contextOf(request), request.params.id, request.body.customerId),
  );

  app.post(
    '/api/open-days/:id/items',
    {
      schema: {
        operationId: 'recordOpenDaySuggestion',
        tags,
        summary:
          'Record an owner’s suggestion or an engineering issue raised at the open day (category, content, photos)',
        params: idParams,
        body: recordOpenDaySuggestionBody,
        response: { 201: openDayItem, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await items.record(contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/open-days/:id/items/:itemId/answer',
    {
      schema: {
        operationId: 'answerOpenDaySuggestion',
        tags,
        summary: 'Answer a suggestion: shown to the owner in the portal and sent by SMS with their consent',
        params: openDayItemParams,
        body: answerOpenDaySuggestionBody,
        response: { 200: openDayItem, ...errors },
      },
    },
    async (request) => items.answer(contextOf(request), request.params.id, request.params.itemId, request.body),
  );

  app.post(
    '/api/open-days/:id/items/:itemId/rectify',
    {
      schema: {
        operationId: 'rectifyOpenDayIssue',
        tags,
        summary:
          'An engineering issue: rectified with a note, then verified, or sent back (verify and send back: managers)',
        params: openDayItemParams,
        body: rectifyOpenDayIssueBody,
        response: { 200: openDayItem, ...errors },
      },
    },
    async (request) => items.rectify(contextOf(request), request.params.id, request.params.itemId, request.body),
  );
};
