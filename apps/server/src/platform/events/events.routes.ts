import {
  type EventDelivery,
  type EventDeliveryStatus,
  errorBody,
  eventDelivery,
  eventDeliveryParams,
  listEventDeliveriesQuery,
  okBody,
  page,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { contextOf } from '../http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf } from '../http/cursor.js';
import { assertPermission } from '../rbac/scope.js';
import { type DeliveryView, EventRepository } from './event.repository.js';
import type { EventBus } from './event-bus.js';

const errors = { '4xx': errorBody };
/** The job id of the last delivery of the previous page (decimal text: jobs ids are bigserial). */
const deliveryCursor = z.object({ id: cursorParts.bigserialText });

// raw rows: bigint columns may arrive as text and times as text, depending on the driver
const iso = (d: Date | string) => new Date(d).toISOString();
const presentDelivery = (d: DeliveryView): EventDelivery => ({
  jobId: Number(d.jobId),
  eventId: Number(d.eventId),
  listener: d.listener,
  status: d.status as EventDeliveryStatus,
  attempts: Number(d.attempts),
  lastError: d.lastError,
  runAt: iso(d.runAt),
  finishedAt: d.finishedAt ? iso(d.finishedAt) : null,
  occurredAt: iso(d.occurredAt),
  name: d.name,
  subjectType: d.subjectType,
  subjectId: d.subjectId,
});

/** The admin's view of domain-event deliveries: list them by status, replay a failed one (docs/decisions.md §23). */
export const eventRoutes: FastifyPluginAsyncZod<{
  db: Db;
  events: EventBus;
  audit: AuditService;
  clock: Clock;
}> = async (app, { db, events, audit, clock }) => {
  app.get(
    '/api/admin/event-deliveries',
    {
      schema: {
        operationId: 'listEventDeliveries',
        tags: ['events'],
        summary:
          'Deliveries of domain events to listeners in one status (failed by default), within the caller’s scope',
        querystring: listEventDeliveriesQuery,
        response: { 200: page(eventDelivery), ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPermission(ctx.principal, 'events.manage');
      const { status, cursor, limit } = request.query;
      const after = decodeCursor(cursor, deliveryCursor);
      const rows = await new EventRepository(db).deliveries({
        status,
        scopePath: ctx.principal.orgPath,
        before: after ? Number(after.id) : null,
        limit,
      });
      const paged = pageOf(rows, limit, (r) => ({ id: String(r.jobId) }));
      return { items: paged.items.map(presentDelivery), nextCursor: paged.nextCursor };
    },
  );

  app.post(
    '/api/admin/event-deliveries/:id/replay',
    {
      schema: {
        operationId: 'replayEventDelivery',
        tags: ['events'],
        summary: 'Queues a failed delivery again from its first attempt (audited)',
        params: eventDeliveryParams,
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPermission(ctx.principal, 'events.manage');
      const jobId = request.params.id;
      await db.transaction(async (tx) => {
        const repo = new EventRepository(tx);
        // one targeted update that checks the scope and the status: a delivery outside the caller's scope, unknown
        // or not failed (any more) is "not found" alike
        if (!(await repo.replay(jobId, ctx.principal.orgPath, clock.now())))
          throw new AppError('EVENT_DELIVERY_NOT_FOUND');
        // the delivery just queued is the newest queued one up to its id: what it carries, for the audit row
        const [row] = await repo.deliveries({
          status: 'queued',
          scopePath: ctx.principal.orgPath,
          before: jobId + 1,
          limit: 0,
        });
        const replayed = row && Number(row.jobId) === jobId ? row : null;
        await audit.record(tx, ctx, {
          action: 'event.replay',
          entityType: 'event_delivery',
          entityId: String(jobId),
          orgPath: ctx.principal.orgPath,
          before: { status: 'failed' },
          after: {
            status: 'queued',
            eventId: replayed ? Number(replayed.eventId) : null,
            name: replayed?.name ?? null,
            listener: replayed?.listener ?? null,
          },
        });
      });
      events.nudge();
      return { ok: true as const };
    },
  );
};
