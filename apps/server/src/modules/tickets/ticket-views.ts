import { errorBody, listTicketsQuery, okBody } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { type TicketViewRow, TicketViewsRepository } from './ticket-views.repository.js';

const MAX_VIEWS = 30;
/**
 * A view stores queue filters as the query string has them (no cursor or page size); they must be valid filters
 * of `listTickets`.
 */
const filters = listTicketsQuery.omit({ cursor: true, limit: true });
const viewQuery = z
  .partialRecord(z.enum(Object.keys(filters.shape) as [string, ...string[]]), z.string().max(100))
  .refine((v) => filters.safeParse(v).success, { message: 'not valid queue filters' });
const ticketView = z.object({ id: z.uuid(), name: z.string(), query: viewQuery });
const errors = { '4xx': errorBody };

/** Saved queue views, per user: the filters an agent or CR manager opens every morning. */
export const ticketViewRoutes: FastifyPluginAsyncZod<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const present = (r: TicketViewRow) => ({
    id: r.id,
    name: r.name,
    query: r.query as Record<string, string>,
  });

  app.get(
    '/api/ticket-views',
    {
      schema: {
        operationId: 'listTicketViews',
        tags: ['tickets'],
        response: { 200: z.object({ items: z.array(ticketView) }), ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPermission(ctx.principal, 'tickets.read');
      const rows = await new TicketViewsRepository(db).mine(ctx.principal.userId, MAX_VIEWS);
      return { items: rows.map(present) };
    },
  );

  app.put(
    '/api/ticket-views',
    {
      schema: {
        operationId: 'saveTicketView',
        tags: ['tickets'],
        summary: 'Save the current queue filters under a name (the same name replaces them)',
        body: z.object({ name: z.string().trim().min(1).max(40), query: viewQuery }),
        response: { 200: ticketView, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPermission(ctx.principal, 'tickets.read');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const views = new TicketViewsRepository(tx);
        const mine = await views.names(ctx.principal.userId);
        if (mine.length >= MAX_VIEWS && !mine.some((v) => v.name === request.body.name)) {
          throw new AppError('VALIDATION_FAILED', { field: 'name', reason: `at most ${MAX_VIEWS} views` });
        }
        return present(await views.save(ctx.principal.userId, request.body, now));
      });
    },
  );

  app.delete(
    '/api/ticket-views/:id',
    {
      schema: {
        operationId: 'deleteTicketView',
        tags: ['tickets'],
        params: z.object({ id: z.uuid() }),
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const gone = await new TicketViewsRepository(db).delete(ctx.principal.userId, request.params.id);
      if (!gone) throw new AppError('NOT_FOUND');
      return { ok: true as const };
    },
  );
};
