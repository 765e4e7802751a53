import {
  createOrgUnitBody,
  errorBody,
  idParams,
  listOrgUnitsQuery,
  orgUnit,
  orgUnitList,
  updateOrgUnitBody,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import type { OrgModule } from './org.module.js';
import { presentOrgUnit } from './org-unit.presenter.js';

const errors = { '4xx': errorBody };

export const orgRoutes: FastifyPluginAsyncZod<{ org: OrgModule }> = async (app, { org }) => {
  app.get(
    '/api/org-units',
    {
      schema: {
        operationId: 'listOrgUnits',
        tags: ['org'],
        summary: 'The org units visible to the caller (its subtree)',
        querystring: listOrgUnitsQuery,
        response: { 200: orgUnitList, ...errors },
      },
    },
    async (request) => {
      const rows = await org.orgUnits.list(contextOf(request), request.query);
      return { items: rows.map(presentOrgUnit) };
    },
  );

  app.get(
    '/api/org-units/:id',
    {
      schema: {
        operationId: 'getOrgUnit',
        tags: ['org'],
        params: idParams,
        response: { 200: orgUnit, ...errors },
      },
    },
    async (request) => presentOrgUnit(await org.orgUnits.get(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/org-units',
    {
      schema: {
        operationId: 'createOrgUnit',
        tags: ['org'],
        body: createOrgUnitBody,
        response: { 201: orgUnit, ...errors },
      },
    },
    async (request, reply) => {
      const row = await org.orgUnits.create(contextOf(request), request.body);
      return reply.status(201).send(presentOrgUnit(row));
    },
  );

  app.patch(
    '/api/org-units/:id',
    {
      schema: {
        operationId: 'updateOrgUnit',
        tags: ['org'],
        params: idParams,
        body: updateOrgUnitBody,
        response: { 200: orgUnit, ...errors },
      },
    },
    async (request) => presentOrgUnit(await org.orgUnits.update(contextOf(request), request.params.id, request.body)),
  );
};
