import { errorBody, IMPORT_KINDS, type ImportJob, idParams, importJob, pageQuery } from '@anju/contracts';
import { historyJobKind, historyKindQuery } from '@anju/contracts/history';
import type {} from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { contextOf } from '../http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf } from '../http/cursor.js';
import { pickLanguage } from '../i18n.js';
import type { ImportService } from './import.service.js';
import type { ImportJobRow } from './import-job.repository.js';
import type { ImportKind } from './importer.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const presentImportJob = (j: ImportJobRow): ImportJob => ({
  id: j.id,
  kind: j.kind as ImportJob['kind'],
  status: j.status as ImportJob['status'],
  fileName: j.fileName,
  total: j.total,
  processed: j.processed,
  imported: j.imported,
  updated: j.updated,
  failed: j.failed,
  errorFileUrl: j.errorFilePath ? `/api/imports/${j.id}/errors.xlsx` : null,
  error: j.error,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

const timeCursor = z.object({ t: cursorParts.time });
const kindParams = z.object({ kind: z.enum(['units', 'customers', 'club_members']) });

export const importRoutes: FastifyPluginAsyncZod<{ imports: ImportService }> = async (app, { imports }) => {
  /** Reads the multipart field `file` and starts the import (inline when small: 200, else queued: 202). */
  const receive = async (request: FastifyRequest, reply: FastifyReply, kind: ImportKind) => {
    const ctx = contextOf(request);
    if (!request.isMultipart())
      throw new AppError('IMPORT_FILE_INVALID', { reason: 'send multipart/form-data with field "file"' });
    const part = await request.file();
    if (part?.fieldname !== 'file') throw new AppError('IMPORT_FILE_INVALID', { reason: 'field "file" missing' });
    const buffer = await part.toBuffer().catch(() => {
      throw new AppError('IMPORT_TOO_LARGE');
    });
    const job = await imports.start(ctx, kind, { buffer, fileName: part.filename }, pickLanguage(request));
    return reply.status(job.status === 'queued' ? 202 : 200).send(presentImportJob(job));
  };
  const responses = { 200: importJob, 202: importJob, '4xx': errorBody };
  const upload = (kind: 'units' | 'customers' | 'club_members', operationId: string, summary: string) =>
    app.post(
      `/api/imports/${kind}`,
      { schema: { operationId, tags: ['imports'], summary, consumes: ['multipart/form-data'], response: responses } },
      (request, reply) => receive(request, reply, kind),
    );
  upload('units', 'importUnits', 'Import units (project/building/unit rows) from .xlsx or .csv');
  upload('customers', 'importCustomers', 'Import an owner roster from .xlsx or .csv');
  upload(
    'club_members',
    'importClubMembers',
    'Enrol customers in the owners’ club from .xlsx or .csv (by mobile or ID)',
  );

  app.post(
    '/api/imports/history',
    {
      schema: {
        operationId: 'importHistory',
        tags: ['imports'],
        summary:
          'Import history of one kind from the previous system (.xlsx template): marked as imported, it never sends, starts clocks or escalates; the KPI months it touches are refreshed before the job is done',
        querystring: historyKindQuery,
        consumes: ['multipart/form-data'],
        response: responses,
      },
    },
    (request, reply) => receive(request, reply, historyJobKind(request.query.kind)),
  );

  app.get(
    '/api/imports/history/template',
    {
      schema: {
        operationId: 'downloadHistoryTemplate',
        tags: ['imports'],
        querystring: historyKindQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const file = await imports.template(contextOf(request), historyJobKind(request.query.kind));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="history-${request.query.kind}-template.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/api/imports',
    {
      schema: {
        operationId: 'listImportJobs',
        tags: ['imports'],
        querystring: pageQuery.extend({ kind: z.enum(IMPORT_KINDS).optional() }),
        response: { 200: z.object({ items: z.array(importJob), nextCursor: z.string().nullable() }), '4xx': errorBody },
      },
    },
    async (request) => {
      const { cursor, limit, kind } = request.query;
      const after = decodeCursor(cursor, timeCursor);
      const rows = await imports.list(contextOf(request), kind, after ? new Date(after.t) : undefined, limit);
      const paged = pageOf(rows, limit, (r) => ({ t: r.createdAt.toISOString() }));
      return { items: paged.items.map(presentImportJob), nextCursor: paged.nextCursor };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        operationId: 'getImportJob',
        tags: ['imports'],
        params: idParams,
        response: { 200: importJob, '4xx': errorBody },
      },
    },
    async (request) => presentImportJob(await imports.get(contextOf(request), request.params.id)),
  );

  app.get(
    '/api/imports/:id/errors.xlsx',
    { schema: { operationId: 'downloadImportErrors', tags: ['imports'], params: idParams, produces: [XLSX] } },
    async (request, reply) => {
      const file = await imports.errorFile(contextOf(request), request.params.id);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="import-errors-${request.params.id}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/api/imports/templates/:kind',
    { schema: { operationId: 'downloadImportTemplate', tags: ['imports'], params: kindParams, produces: [XLSX] } },
    async (request, reply) => {
      const file = await imports.template(contextOf(request), request.params.kind);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${request.params.kind}-template.xlsx"`)
        .send(file);
    },
  );
};
