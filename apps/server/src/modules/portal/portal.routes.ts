import {
  addMyFamilyMemberBody,
  confirmMyRequestBody,
  createdMyRequests,
  createMyRequestBody,
  errorBody,
  fileInfo,
  idParams,
  listMyRequestsQuery,
  myDataExportRequest,
  myDefectCategoryList,
  myHome,
  myProfile,
  myRequest,
  myRequestSummary,
  page,
  rateMyRequestBody,
  updateMyConsentBody,
} from '@anju/contracts';
import { myJourney } from '@anju/contracts/journeys';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/files/files.routes.js';
import { FilesService } from '../../platform/files/files.service.js';
import { readUpload } from '../../platform/files/upload.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import { warrantyPartOf } from '../tickets/ticket.labels.js';
import type { PortalModule } from './portal.module.js';
import { portalFile, presentMyRequest, presentMyRequestSummary } from './portal.presenter.js';
import { ownerOf, traceOf } from './portal-auth.routes.js';

const errors = { '4xx': errorBody };
const MAX_PHOTO_BYTES = FilesService.maxBytes(['image']);
const tags = ['portal'];

/** The owner portal's API (mobile H5 at /m/). Every route acts for the signed-in owner on their own data only. */
export const portalRoutes: FastifyPluginAsyncZod<{ portal: PortalModule }> = async (app, { portal }) => {
  const { account, requests, files } = portal;
  const config = { public: true };

  app.get(
    '/api/portal/me',
    { config, schema: { operationId: 'getMyProfile', tags, response: { 200: myProfile, ...errors } } },
    (request) => account.profile(ownerOf(request)),
  );

  app.put(
    '/api/portal/me/consents',
    {
      config,
      schema: {
        operationId: 'updateMyConsent',
        tags,
        summary: 'Marketing consent per channel; each change is recorded with time and source (PIPL)',
        body: updateMyConsentBody,
        response: { 200: myProfile, ...errors },
      },
    },
    (request) => account.updateConsent(ownerOf(request), traceOf(request), request.body),
  );

  app.post(
    '/api/portal/me/data-export',
    {
      config,
      schema: {
        operationId: 'requestMyDataExport',
        tags,
        summary: 'Ask for a copy of my data: a task (ticket) for the CR centre; one open request at a time',
        response: { 200: myDataExportRequest, ...errors },
      },
    },
    (request) => account.requestDataExport(ownerOf(request), traceOf(request)),
  );

  app.get(
    '/api/portal/journey',
    {
      config,
      schema: {
        operationId: 'getMyJourney',
        tags,
        summary: 'The steps of each of my homes’ service journey: done, due now and coming, in date order',
        response: { 200: myJourney, ...errors },
      },
    },
    async (request) => portal.journey(ownerOf(request), traceOf(request)),
  );

  app.get(
    '/api/portal/homes',
    {
      config,
      schema: { operationId: 'listMyHomes', tags, response: { 200: z.object({ items: z.array(myHome) }), ...errors } },
    },
    async (request) => ({ items: await account.homes(ownerOf(request), traceOf(request)) }),
  );

  app.post(
    '/api/portal/homes/:unitId/family',
    {
      config,
      schema: {
        operationId: 'addMyFamilyMember',
        tags,
        summary: 'An owner registers a family member for a home, with the member’s consent',
        params: z.object({ unitId: z.uuid() }),
        body: addMyFamilyMemberBody,
        response: { 201: myHome, ...errors },
      },
    },
    async (request, reply) => {
      const home = await account.addFamilyMember(
        ownerOf(request),
        traceOf(request),
        request.params.unitId,
        request.body,
      );
      return reply.code(201).send(home);
    },
  );

  app.get(
    '/api/portal/defect-categories',
    {
      config,
      schema: { operationId: 'listMyDefectCategories', tags, response: { 200: myDefectCategoryList, ...errors } },
    },
    async (request) => {
      ownerOf(request);
      const rows = await portal.tickets.slaAdmin.listDefectCategories();
      return {
        items: rows.map((c) => ({
          code: c.code,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          urgent: c.urgent,
          partCategory: warrantyPartOf(c.code),
        })),
      };
    },
  );

  app.post(
    '/api/portal/photos',
    {
      config,
      schema: {
        operationId: 'uploadMyPhoto',
        tags,
        summary: 'Stage a photo (multipart field "file", JPEG/PNG/WebP/HEIC ≤ 10 MB) to attach to a request',
        consumes: ['multipart/form-data'],
        response: { 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const owner = ownerOf(request);
      const file = await portal.uploadPhoto(owner, traceOf(request), () => readUpload(request, MAX_PHOTO_BYTES));
      return reply.code(201).send(portalFile(file));
    },
  );

  const sendFile = async (request: FastifyRequest, reply: FastifyReply, variant: 'original' | 'thumbnail') => {
    const row = await portal.visibleFile(ownerOf(request), (request.params as { id: string }).id);
    if (variant === 'thumbnail' && !row.thumbnailKey) throw new AppError('FILE_NOT_FOUND');
    const { stream, contentType } = await files.read(row, variant);
    reply.header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff');
    if (variant === 'original') reply.header('content-disposition', contentDisposition(row.originalName));
    return reply.type(contentType).send(stream);
  };
  const fileSchema = (operationId: string) => ({
    config,
    schema: { operationId, tags, params: idParams, produces: ['image/jpeg', 'image/png'], response: errors },
  });
  app.get('/api/portal/files/:id', fileSchema('getMyFile'), (request, reply) => sendFile(request, reply, 'original'));
  app.get('/api/portal/files/:id/thumbnail', fileSchema('getMyFileThumbnail'), (request, reply) =>
    sendFile(request, reply, 'thumbnail'),
  );

  app.post(
    '/api/portal/requests',
    {
      config,
      schema: {
        operationId: 'createMyRequest',
        tags,
        summary:
          'Report a repair (several items: one ticket each) or send a complaint, consultation, suggestion or praise. Idempotency-Key header required: a retry answers the same',
        headers: z.object({ 'idempotency-key': z.string().max(100).optional() }),
        body: createMyRequestBody,
        response: { 201: createdMyRequests, ...errors },
      },
    },
    async (request, reply) => {
      const owner = ownerOf(request);
      const rows = await requests.create(owner, traceOf(request), request.headers['idempotency-key'], request.body);
      const projectNames = await portal.projectNames(rows.map((r) => r.projectId));
      return reply.code(201).send({
        items: rows.map((r) =>
          presentMyRequestSummary(r, { unread: false, projectName: projectNames.get(r.projectId ?? '') ?? null }),
        ),
      });
    },
  );

  app.get(
    '/api/portal/requests',
    {
      config,
      schema: {
        operationId: 'listMyRequests',
        tags,
        querystring: listMyRequestsQuery,
        response: { 200: page(myRequestSummary), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, open } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const rows = await requests.list(
        ownerOf(request),
        { open, limit: limit + 1 },
        after ? { at: new Date(after.t), id: after.id } : null,
      );
      const pg = pageOf(rows, limit, (r) => ({ t: r.ticket.createdAt.toISOString(), id: r.ticket.id }));
      return { items: pg.items.map((r) => presentMyRequestSummary(r.ticket, r)), nextCursor: pg.nextCursor };
    },
  );

  app.get(
    '/api/portal/requests/:id',
    {
      config,
      schema: { operationId: 'getMyRequest', tags, params: idParams, response: { 200: myRequest, ...errors } },
    },
    async (request) => presentMyRequest(await requests.detail(ownerOf(request), request.params.id)),
  );

  app.post(
    '/api/portal/requests/:id/confirm',
    {
      config,
      schema: {
        operationId: 'confirmMyRequest',
        tags,
        summary: 'After close: fixed (then rate it) or not fixed (reopens it with the owner’s words)',
        params: idParams,
        body: confirmMyRequestBody,
        response: { 200: myRequest, ...errors },
      },
    },
    async (request) => {
      const owner = ownerOf(request);
      await requests.confirm(owner, traceOf(request), request.params.id, request.body);
      return presentMyRequest(await requests.detail(owner, request.params.id));
    },
  );

  app.post(
    '/api/portal/requests/:id/rating',
    {
      config,
      schema: {
        operationId: 'rateMyRequest',
        tags,
        summary: 'The callback by the owner: 1–5 and a comment; 1–2 reopens the request (or opens a follow-up)',
        params: idParams,
        body: rateMyRequestBody,
        response: { 200: myRequest, ...errors },
      },
    },
    async (request) => {
      const owner = ownerOf(request);
      await requests.rate(owner, request.params.id, request.body);
      return presentMyRequest(await requests.detail(owner, request.params.id));
    },
  );
};
