import {
  errorBody,
  exportPropertyVisitsQuery,
  listPropertyVisitsQuery,
  page,
  propertyVisit,
  recordPropertyVisitBody,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf } from '../../platform/http/cursor.js';
import type { PropertyVisitService } from './property-visit.service.js';

const errors = { '4xx': errorBody };
const visitCursor = z.object({ d: z.iso.date(), id: cursorParts.uuid });

export const propertyVisitRoutes: FastifyPluginAsyncZod<{ visits: PropertyVisitService }> = async (app, { visits }) => {
  app.get(
    '/api/property-visits',
    {
      schema: {
        operationId: 'listPropertyVisits',
        tags: ['property'],
        summary: 'Property-company visits to households in scope, newest first; filters: project, month (YYYY-MM)',
        querystring: listPropertyVisitsQuery,
        response: { 200: page(propertyVisit), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, projectId, month } = request.query;
      const after = decodeCursor(cursor, visitCursor);
      const rows = await visits.list(contextOf(request), { projectId, month, after, limit });
      return pageOf(rows, limit, (v) => ({ d: v.visitedOn, id: v.id }));
    },
  );

  app.post(
    '/api/property-visits',
    {
      schema: {
        operationId: 'recordPropertyVisit',
        tags: ['property'],
        summary:
          'Record a visit to a household of a project in scope (property.manage or journeys.work); the visitor is the signed-in user unless named',
        body: recordPropertyVisitBody,
        response: { 201: propertyVisit, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await visits.record(contextOf(request), request.body)),
  );

  // exports are POSTs: a cross-site page cannot start one (the CSRF header is required on writes)
  app.post(
    '/api/property-visits/export',
    {
      schema: {
        operationId: 'exportPropertyVisits',
        tags: ['property'],
        summary: 'The filtered visits as .xlsx',
        querystring: exportPropertyVisitsQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const stream = await visits.export(contextOf(request), request.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="property-visits.xlsx"')
        .send(stream);
    },
  );
};
