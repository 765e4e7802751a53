import {
  createRoleBody,
  createUserBody,
  errorBody,
  idParams,
  listUsersQuery,
  page,
  role,
  roleList,
  updateRoleBody,
  updateUserBody,
  user,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf } from '../../platform/http/cursor.js';
import type { OrgModule } from './org.module.js';
import { presentRole, presentUser } from './user.presenter.js';

const errors = { '4xx': errorBody };
const usernameCursor = z.object({ u: cursorParts.text });

export const userRoutes: FastifyPluginAsyncZod<{ org: OrgModule }> = async (app, { org }) => {
  app.get(
    '/api/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        querystring: listUsersQuery,
        response: { 200: page(user), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const after = decodeCursor(cursor, usernameCursor);
      const rows = await org.users.list(contextOf(request), { ...filter, afterUsername: after?.u, limit });
      const paged = pageOf(rows, limit, (r) => ({ u: r.user.username }));
      return { items: paged.items.map((r) => presentUser(r.user, r.roles)), nextCursor: paged.nextCursor };
    },
  );

  app.get(
    '/api/users/:id',
    { schema: { operationId: 'getUser', tags: ['users'], params: idParams, response: { 200: user, ...errors } } },
    async (request) => {
      const r = await org.users.get(contextOf(request), request.params.id);
      return presentUser(r.user, r.roles);
    },
  );

  app.post(
    '/api/users',
    {
      schema: { operationId: 'createUser', tags: ['users'], body: createUserBody, response: { 201: user, ...errors } },
    },
    async (request, reply) => {
      const r = await org.users.create(contextOf(request), request.body);
      return reply.status(201).send(presentUser(r.user, r.roles));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        params: idParams,
        body: updateUserBody,
        response: { 200: user, ...errors },
      },
    },
    async (request) => {
      const r = await org.users.update(contextOf(request), request.params.id, request.body);
      return presentUser(r.user, r.roles);
    },
  );

  app.get(
    '/api/roles',
    { schema: { operationId: 'listRoles', tags: ['roles'], response: { 200: roleList, ...errors } } },
    async (request) => ({ items: (await org.roles.list(contextOf(request))).map(presentRole) }),
  );

  app.post(
    '/api/roles',
    {
      schema: { operationId: 'createRole', tags: ['roles'], body: createRoleBody, response: { 201: role, ...errors } },
    },
    async (request, reply) =>
      reply.status(201).send(presentRole(await org.roles.create(contextOf(request), request.body))),
  );

  app.patch(
    '/api/roles/:id',
    {
      schema: {
        operationId: 'updateRole',
        tags: ['roles'],
        params: idParams,
        body: updateRoleBody,
        response: { 200: role, ...errors },
      },
    },
    async (request) => presentRole(await org.roles.update(contextOf(request), request.params.id, request.body)),
  );
};
