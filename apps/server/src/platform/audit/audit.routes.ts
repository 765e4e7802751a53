import { type AuditEvent, auditEvent, errorBody, listAuditEventsQuery, page } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { contextOf } from '../http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf } from '../http/cursor.js';
import { assertPermission } from '../rbac/scope.js';
import { AuditRepository, type AuditRow } from './audit.repository.js';

const presentAuditEvent = (r: AuditRow): AuditEvent => ({
  id: r.id.toString(),
  at: r.at.toISOString(),
  actorKind: r.actorKind as AuditEvent['actorKind'],
  actorId: r.actorId,
  actorRef: r.actorRef,
  actorName: r.actorName,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  before: r.before ?? null,
  after: r.after ?? null,
  reason: r.reason,
  ip: r.ip,
  requestId: r.requestId,
});

const idCursor = z.object({ id: cursorParts.bigserialText });

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/audit-events',
    {
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'Audit events about records in the caller’s subtree, newest first',
        querystring: listAuditEventsQuery,
        response: { 200: page(auditEvent), '4xx': errorBody },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPermission(ctx.principal, 'audit.read');
      const { cursor, limit, from, to, ...filter } = request.query;
      const after = decodeCursor(cursor, idCursor);
      const rows = await new AuditRepository(db).list({
        ...filter,
        scopePath: ctx.principal.orgPath,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        beforeId: after ? BigInt(after.id) : undefined,
        limit,
      });
      const paged = pageOf(rows, limit, (r) => ({ id: r.id.toString() }));
      return { items: paged.items.map(presentAuditEvent), nextCursor: paged.nextCursor };
    },
  );
};
