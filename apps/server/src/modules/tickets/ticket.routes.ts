import {
  addTicketNoteBody,
  createTicketBody,
  createWorkOrderBody,
  errorBody,
  idParams,
  listMyWorkOrdersQuery,
  listTicketsQuery,
  myWorkOrder,
  page,
  recordCallbackBody,
  revealedWorkOrderPhone,
  revealWorkOrderPhoneBody,
  TICKET_COUNT_CAP,
  ticket,
  ticketQueuePage,
  titleParts,
  transitionTicketBody,
  updateTicketBody,
  updateWorkOrderBody,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import { pickLanguage } from '../../platform/i18n.js';
import type { IdempotencyService } from '../../platform/idempotency/idempotency.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { presentMyWorkOrder, presentTicket, presentTicketSummary } from './ticket.presenter.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketRow } from './ticket.tables.js';
import type { TicketsModule } from './tickets.module.js';

const errors = { '4xx': errorBody };

export const ticketRoutes: FastifyPluginAsyncZod<{ tickets: TicketsModule; idempotency: IdempotencyService }> = async (
  app,
  { tickets: m, idempotency },
) => {
  /** TicketService.get's rule (tickets.read, within scope), in the same statement as the page's parts. */
  const ticketPage = async (ctx: RequestContext, id: string) => {
    assertPermission(ctx.principal, 'tickets.read');
    const found = await new TicketRepository(m.tickets.db).detail(id, ctx.principal.orgPath);
    if (!found) throw new AppError('TICKET_NOT_FOUND');
    return found;
  };

  /** The page of a ticket a service call just returned (in the caller's scope already). */
  const detail = async (row: TicketRow) => {
    const found = await new TicketRepository(m.tickets.db).detail(row.id, '');
    if (!found) throw new AppError('TICKET_NOT_FOUND');
    return presentTicket(row, found);
  };

  app.post(
    '/api/tickets',
    {
      schema: {
        operationId: 'createTicket',
        tags: ['tickets'],
        summary:
          'Record a complaint, repair, consultation, suggestion or praise; its clocks start. With an Idempotency-Key a retry answers the ticket the first attempt made',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: createTicketBody,
        response: { 201: ticket, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const k = idempotency.of(ctx.principal, 'ticket', request.headers['idempotency-key'], request.body);
      const page = await idempotency.run(
        k,
        () => m.tickets.create(ctx, request.body, undefined, k ? (tx, id) => idempotency.record(tx, k, id) : undefined),
        (id) => ticketPage(ctx, id),
      );
      return reply.code(201).send(presentTicket(page.ticket, page));
    },
  );

  app.get(
    '/api/tickets/export',
    {
      schema: {
        operationId: 'exportTickets',
        tags: ['tickets'],
        summary: 'The queue under the same filters as .xlsx (phones masked, the reader’s language; audited)',
        querystring: listTicketsQuery.omit({ cursor: true, limit: true }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const stream = await m.exportList(ctx, request.query, pickLanguage(request));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="tickets.xlsx"')
        .send(stream);
    },
  );

  app.get(
    '/api/tickets',
    {
      schema: {
        operationId: 'listTickets',
        tags: ['tickets'],
        summary:
          'The queue: filters on status, type, project, category, warning, overdue, assignee; by due time or newest',
        querystring: listTicketsQuery,
        response: { 200: ticketQueuePage, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const cursor = decodeCursor(request.query.cursor, timeIdCursor);
      const rows = await m.tickets.list(ctx, request.query, cursor);
      // The count goes with the first page; later pages of the same filters need not count again.
      const counted = cursor ? null : await m.tickets.count(ctx, request.query);
      const byDue = request.query.sort === 'due';
      const paged = pageOf(rows, request.query.limit, (r) => ({
        t: ((byDue ? r.nextDueAt : r.createdAt) as Date).toISOString(),
        id: r.id,
      }));
      return {
        items: paged.items.map((r) => presentTicketSummary(r, r.projectName)),
        nextCursor: paged.nextCursor,
        total: counted === null ? null : Math.min(counted, TICKET_COUNT_CAP),
        totalCapped: counted !== null && counted > TICKET_COUNT_CAP,
      };
    },
  );

  app.get(
    '/api/tickets/:id',
    {
      schema: {
        operationId: 'getTicket',
        tags: ['tickets'],
        params: idParams,
        response: { 200: ticket, ...errors },
      },
    },
    async (request) => {
      const found = await ticketPage(contextOf(request), request.params.id);
      return presentTicket(found.ticket, found);
    },
  );

  app.post(
    '/api/tickets/:id/transitions',
    {
      schema: {
        operationId: 'transitionTicket',
        tags: ['tickets'],
        summary:
          'Move a ticket: inspect, dispatch, startProcessing, hold, resume, close, reopen, cancel (409 when stale)',
        params: idParams,
        body: transitionTicketBody,
        response: { 200: ticket, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const page = await m.tickets.transition(ctx, request.params.id, request.body);
      return presentTicket(page.ticket, page);
    },
  );

  app.post(
    '/api/tickets/:id/merge',
    {
      schema: {
        operationId: 'mergeTickets',
        tags: ['tickets'],
        summary: 'Merge a duplicate into the ticket that carries on (the duplicate is cancelled, both record it)',
        params: idParams,
        body: z.object({
          intoTicketId: z.uuid(),
          version: z.number().int(),
          reason: z.string().trim().min(1).max(500),
        }),
        response: { 200: ticket, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return detail(await m.merge.merge(ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/tickets/bulk-dispatch',
    {
      schema: {
        operationId: 'bulkDispatchTickets',
        tags: ['tickets'],
        summary: 'Dispatch up to 100 tickets to one department or contractor; each succeeds or fails on its own',
        body: z.object({
          ids: z.array(z.uuid()).min(1).max(100),
          assigneeOrgId: z.uuid(),
          assigneeUserId: z.uuid().optional(),
        }),
        response: {
          200: z.object({ results: z.array(z.object({ id: z.uuid(), ok: z.boolean(), code: z.string().nullable() })) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { ids, ...to } = request.body;
      const results = [];
      for (const id of new Set(ids)) {
        try {
          const current = await m.tickets.get(ctx, id);
          await m.tickets.transition(ctx, id, { action: 'dispatch', version: current.version, ...to });
          results.push({ id, ok: true, code: null });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ id, ok: false, code: err.code });
        }
      }
      return { results };
    },
  );

  app.patch(
    '/api/tickets/:id',
    {
      schema: {
        operationId: 'updateTicket',
        tags: ['tickets'],
        summary:
          "Edit a ticket's KPI fields: leak, drawing mismatch and responsible contractor (repairs), cause (complaints); 409 when stale",
        params: idParams,
        body: updateTicketBody,
        response: { 200: ticket, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return detail(await m.tickets.update(ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/tickets/:id/notes',
    {
      schema: {
        operationId: 'addTicketNote',
        tags: ['tickets'],
        summary: 'An internal note, or a customer-visible update (which counts as our response)',
        params: idParams,
        body: addTicketNoteBody,
        response: { 200: ticket, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return detail(await m.tickets.addNote(ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/tickets/:id/work-orders',
    {
      schema: {
        operationId: 'createWorkOrder',
        tags: ['tickets'],
        params: idParams,
        body: createWorkOrderBody,
        response: { 201: ticket, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      await m.workOrders.create(ctx, request.params.id, request.body);
      return reply.code(201).send(await detail(await m.tickets.get(ctx, request.params.id)));
    },
  );

  app.patch(
    '/api/work-orders/:id',
    {
      schema: {
        operationId: 'updateWorkOrder',
        tags: ['tickets'],
        summary: 'Assignee: accept, progress, done. CR side: confirm, reject, cancel',
        params: idParams,
        body: updateWorkOrderBody,
        response: { 200: z.object({ id: z.uuid(), status: z.string(), version: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const row = await m.workOrders.update(contextOf(request), request.params.id, request.body);
      return { id: row.id, status: row.status, version: row.version };
    },
  );

  app.get(
    '/api/work-orders/mine',
    {
      schema: {
        operationId: 'listMyWorkOrders',
        tags: ['tickets'],
        summary: 'Work orders for me, my org unit or my department (a contractor sees only its own)',
        querystring: listMyWorkOrdersQuery,
        response: { 200: page(myWorkOrder), ...errors },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, timeIdCursor);
      const rows = await m.workOrders.listMine(contextOf(request), {
        status: request.query.status,
        before: after ? { at: new Date(after.t), id: after.id } : undefined,
        limit: request.query.limit,
      });
      const paged = pageOf(rows, request.query.limit, (r) => ({ t: r.w.createdAt.toISOString(), id: r.w.id }));
      return { items: paged.items.map(presentMyWorkOrder), nextCursor: paged.nextCursor };
    },
  );

  app.post(
    '/api/work-orders/:id/reveal-phone',
    {
      schema: {
        operationId: 'revealWorkOrderPhone',
        tags: ['tickets'],
        summary:
          "The owner's full phone for the assignee of a running work order, to call from site (audited, with a reason)",
        params: idParams,
        body: revealWorkOrderPhoneBody,
        response: { 200: revealedWorkOrderPhone, ...errors },
      },
    },
    async (request) => {
      const phone = await m.workOrders.revealPhone(contextOf(request), request.params.id, request.body.reason);
      return { phone };
    },
  );

  app.post(
    '/api/tickets/:id/callbacks',
    {
      schema: {
        operationId: 'recordCallback',
        tags: ['tickets'],
        summary: 'Record the callback: a score 1–5 (1–2 reopens the ticket) or an unanswered attempt',
        params: idParams,
        body: recordCallbackBody,
        response: { 200: ticket, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await m.callbacks.record(ctx, request.params.id, request.body);
      return detail(await m.tickets.get(ctx, request.params.id));
    },
  );

  const tokenParams = z.object({ token: z.string().min(20).max(80) });
  app.get(
    '/api/public/feedback/:token',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getCallbackLink',
        tags: ['public'],
        summary: 'What the owner’s SMS callback link shows (no sign-in; one use, expires)',
        params: tokenParams,
        response: {
          200: z.object({
            number: z.string(),
            title: z.string(),
            titleParts: titleParts.nullable(),
            /** The defect category's names, for a title shown from its parts. */
            category: z.object({ nameZh: z.string(), nameEn: z.string() }).nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const found = await m.callbacks.byToken(request.params.token);
      return { number: found.number, title: found.title, titleParts: found.titleParts, category: found.category };
    },
  );

  app.post(
    '/api/public/feedback/:token',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        operationId: 'answerCallbackLink',
        tags: ['public'],
        params: tokenParams,
        body: z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      await m.callbacks.recordByToken(request.params.token, request.body);
      return { ok: true as const };
    },
  );
};
