import {
  errorBody,
  idParams,
  type TicketPhoto,
  ticketPhoto,
  ticketPhotoList,
  uploadTicketPhotoQuery,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentFile } from '../../platform/files/files.presenter.js';
import type { FileRow } from '../../platform/files/files.service.js';
import { FilesService } from '../../platform/files/files.service.js';
import { readUpload } from '../../platform/files/upload.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import type { TicketPhotoService } from './ticket-photos.service.js';

const presentPhoto = (f: FileRow) => presentFile(f) as TicketPhoto;
const MAX_PHOTO_BYTES = FilesService.maxBytes(['image']);

export const ticketPhotoRoutes: FastifyPluginAsyncZod<{ photos: TicketPhotoService }> = async (app, { photos }) => {
  app.post(
    '/api/tickets/:id/photos',
    {
      schema: {
        operationId: 'uploadTicketPhoto',
        tags: ['tickets'],
        summary:
          'Add a before/after photo (multipart field "file": JPEG, PNG, WebP or HEIC up to 10 MB); 200 when the same photo is already there',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: uploadTicketPhotoQuery,
        response: { 200: ticketPhoto, 201: ticketPhoto, '4xx': errorBody },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { file, created } = await photos.upload(ctx, request.params.id, request.query.role, () =>
        readUpload(request, MAX_PHOTO_BYTES),
      );
      return reply.code(created ? 201 : 200).send(presentPhoto(file));
    },
  );

  app.get(
    '/api/tickets/:id/photos',
    {
      schema: {
        operationId: 'listTicketPhotos',
        tags: ['tickets'],
        summary: 'The photos of a ticket in upload order (at most 200)',
        params: idParams,
        response: { 200: ticketPhotoList, '4xx': errorBody },
      },
    },
    async (request) => {
      const rows = await photos.list(contextOf(request), request.params.id);
      return { items: rows.map(presentPhoto) };
    },
  );
};
