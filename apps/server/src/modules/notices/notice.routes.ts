import { createNoticeBody, errorBody, fileInfo, listNoticesQuery, notice, page } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentFile } from '../../platform/files/files.presenter.js';
import { FilesService } from '../../platform/files/files.service.js';
import { readUpload } from '../../platform/files/upload.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import { presentNotice } from './notice.presenter.js';
import type { NoticeService } from './notice.service.js';

const errors = { '4xx': errorBody };
const MAX_IMAGE_BYTES = FilesService.maxBytes(['image']);

/** Console side of project notices: publish (with images uploaded first) and list with read counts. */
export const noticeRoutes: FastifyPluginAsyncZod<{ notices: NoticeService }> = async (app, { notices }) => {
  app.post(
    '/api/notices/images',
    {
      schema: {
        operationId: 'uploadNoticeImage',
        tags: ['notices'],
        summary: 'Upload an image (multipart field "file") to attach to a notice being written',
        consumes: ['multipart/form-data'],
        response: { 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const file = await notices.uploadImage(contextOf(request), () => readUpload(request, MAX_IMAGE_BYTES));
      return reply.code(201).send(presentFile(file));
    },
  );

  app.post(
    '/api/notices',
    {
      schema: {
        operationId: 'createNotice',
        tags: ['notices'],
        summary: 'Publish an announcement to the owners of one project (construction, design change, open day…)',
        body: createNoticeBody,
        response: { 201: notice, ...errors },
      },
    },
    async (request, reply) => {
      const [created] = await notices.create(contextOf(request), request.body);
      return reply.code(201).send(presentNotice(created as NonNullable<typeof created>, 'console'));
    },
  );

  app.get(
    '/api/notices',
    {
      schema: {
        operationId: 'listNotices',
        tags: ['notices'],
        querystring: listNoticesQuery,
        response: { 200: page(notice), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, projectId } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const rows = await notices.list(
        contextOf(request),
        { projectId, limit: limit + 1 },
        after ? { at: new Date(after.t), id: after.id } : null,
      );
      const pg = pageOf(rows, limit, (r) => ({ t: r.publishedAt.toISOString(), id: r.id }));
      return { items: pg.items.map((r) => presentNotice(r, 'console')), nextCursor: pg.nextCursor };
    },
  );
};
