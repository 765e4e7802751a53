import { errorBody, idParams, page } from '@anju/contracts';
import {
  advanceServiceRequestBody,
  cancelServiceRequestBody,
  createServiceRequestBody,
  listServiceRequestsQuery,
  listServicesQuery,
  serviceCodeParams,
  serviceList,
  serviceRequestDetail,
  service as serviceSchema,
  upsertServiceBody,
} from '@anju/contracts/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import type { ServicesModule } from './services.module.js';
import { presentRequest, presentService } from './services.presenter.js';
import type { ServiceRequestRow } from './services.tables.js';

const errors = { '4xx': errorBody };
const tags = ['services'];
/** The catalogue's sort key: sort order and code of the last service of the page. */
const serviceCursor = z.object({ o: z.number().int().min(-2_147_483_648).max(2_147_483_647), c: cursorParts.text });

/** validate (contracts) → authorise and act (services) → present. */
export const servicesRoutes: FastifyPluginAsyncZod<{ services: ServicesModule }> = async (app, { services }) => {
  const { catalogue, requests } = services;
  const detail = async (row: ServiceRequestRow) => {
    const [view] = await requests.views([row]);
    return presentRequest(view as NonNullable<typeof view>);
  };

  app.get(
    '/api/services',
    {
      schema: {
        operationId: 'listServices',
        tags,
        summary: 'The group’s value-added service catalogue, in its order, with each service’s steps',
        querystring: listServicesQuery,
        response: { 200: serviceList, ...errors },
      },
    },
    async (request) => {
      const { active, cursor, limit } = request.query;
      const after = decodeCursor(cursor, serviceCursor);
      const rows = await catalogue.list(
        contextOf(request),
        active === 'true',
        after ? { sortOrder: after.o, code: after.c } : null,
        limit + 1,
      );
      const paged = pageOf(rows, limit, (r) => ({ o: r.sortOrder, c: r.code }));
      return { items: paged.items.map(presentService), nextCursor: paged.nextCursor };
    },
  );

  app.put(
    '/api/services/:code',
    {
      schema: {
        operationId: 'upsertService',
        tags,
        summary:
          'Create a service (no version) or edit it (the version read; stale: 409) — group staff with services.manage',
        params: serviceCodeParams,
        body: upsertServiceBody,
        response: { 200: serviceSchema, 201: serviceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { row, created } = await catalogue.upsert(contextOf(request), request.params.code, request.body);
      return reply.code(created ? 201 : 200).send(presentService(row));
    },
  );

  app.get(
    '/api/service-requests',
    {
      schema: {
        operationId: 'listServiceRequests',
        tags,
        summary: 'Service requests in the caller’s subtree, newest first, by status, service, project or customer',
        querystring: listServiceRequestsQuery,
        response: { 200: page(serviceRequestDetail), ...errors },
      },
    },
    async (request) => {
      const c = decodeCursor(request.query.cursor, timeIdCursor);
      const rows = await requests.list(contextOf(request), {
        status: request.query.status,
        serviceId: request.query.serviceId,
        projectId: request.query.projectId,
        customerId: request.query.customerId,
        before: c ? { createdAt: new Date(c.t), id: c.id } : undefined,
        limit: request.query.limit,
      });
      const { items, nextCursor } = pageOf(rows, request.query.limit, (r) => ({
        t: r.createdAt.toISOString(),
        id: r.id,
      }));
      return { items: (await requests.views(items)).map(presentRequest), nextCursor };
    },
  );

  app.post(
    '/api/service-requests',
    {
      schema: {
        operationId: 'createServiceRequest',
        tags,
        summary: 'Staff book a service for a customer’s home (offered there; members-only needs a club member)',
        body: createServiceRequestBody,
        response: { 201: serviceRequestDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await detail(await requests.create(contextOf(request), request.body))),
  );

  app.get(
    '/api/service-requests/:id',
    {
      schema: {
        operationId: 'getServiceRequest',
        tags,
        summary: 'One request with its steps (who did each, when, notes) and where its callback stands',
        params: idParams,
        response: { 200: serviceRequestDetail, ...errors },
      },
    },
    async (request) => detail(await requests.get(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/service-requests/:id/advance',
    {
      schema: {
        operationId: 'advanceServiceRequest',
        tags,
        summary:
          'Complete the current step (its seq; another or one already done: 409) with an optional note; the next starts, or the request is done and its callback opens',
        params: idParams,
        body: advanceServiceRequestBody,
        response: { 200: serviceRequestDetail, ...errors },
      },
    },
    async (request) => detail(await requests.advance(contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/service-requests/:id/cancel',
    {
      schema: {
        operationId: 'cancelServiceRequest',
        tags,
        summary: 'Cancel an open request with a reason; its remaining steps and clocks end',
        params: idParams,
        body: cancelServiceRequestBody,
        response: { 200: serviceRequestDetail, ...errors },
      },
    },
    async (request) => detail(await requests.cancel(contextOf(request), request.params.id, request.body.reason)),
  );
};
