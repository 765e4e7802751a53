import {
  addFamilyMemberBody,
  addOwnershipBody,
  addReferralBody,
  addTimelineEntryBody,
  createCustomerBody,
  createdCustomer,
  customer,
  customerSummary,
  endOwnershipBody,
  errorBody,
  exportCustomersQuery,
  idParams,
  listCustomersQuery,
  mergeCustomersBody,
  okBody,
  ownershipParams,
  page,
  revealCustomerFieldBody,
  revealedField,
  searchCustomersQuery,
  setOwnershipPaymentBody,
  type TimelineEntry,
  timelineEntry,
  timelineQuery,
  updateCustomerBody,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf, timeIdCursor } from '../../platform/http/cursor.js';
import type { IdempotencyService } from '../../platform/idempotency/idempotency.js';
import { presentCustomer } from './customer.presenter.js';
import type { TimelineRow } from './customer.tables.js';
import type { CustomersModule } from './customers.module.js';
import { timelineCodeOf } from './timeline.service.js';

const errors = { '4xx': errorBody };
const timelineCursor = z.object({ t: cursorParts.time, id: cursorParts.serial });

const presentEntry = (r: TimelineRow): TimelineEntry => ({
  id: String(r.id),
  at: r.at.toISOString(),
  kind: r.kind as TimelineEntry['kind'],
  title: r.title,
  ...timelineCodeOf(r.data),
  body: r.body,
  actorName: r.actorName,
  refType: r.refType,
  refId: r.refId,
});

export const customerRoutes: FastifyPluginAsyncZod<{
  customers: CustomersModule;
  idempotency: IdempotencyService;
}> = async (app, { customers: m, idempotency }) => {
  app.get(
    '/api/customers',
    {
      schema: {
        operationId: 'listCustomers',
        tags: ['customers'],
        querystring: listCustomersQuery,
        response: { 200: page(customerSummary), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const after = decodeCursor(cursor, timeIdCursor);
      const rows = await m.customers.list(contextOf(request), {
        ...filter,
        before: after ? { createdAt: new Date(after.t), id: after.id } : undefined,
        limit,
      });
      const paged = pageOf(rows, limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
      return { items: await m.read.summaries(paged.items), nextCursor: paged.nextCursor };
    },
  );

  app.get(
    '/api/customers/search',
    {
      schema: {
        operationId: 'searchCustomers',
        tags: ['customers'],
        summary: 'Find customers by mobile, last four digits, name, pinyin initials, unit code or exact ID number',
        querystring: searchCustomersQuery,
        response: { 200: z.object({ items: z.array(customerSummary) }), ...errors },
      },
    },
    async (request) => {
      const rows = await m.customers.search(contextOf(request), request.query.q, request.query.limit);
      return { items: await m.read.summaries(rows) };
    },
  );

  // exports are POSTs: a cross-site page cannot start one (the CSRF header is required on writes)
  app.post(
    '/api/customers/export',
    {
      schema: {
        operationId: 'exportCustomers',
        tags: ['customers'],
        summary: 'The filtered customer list as .xlsx (masked)',
        querystring: exportCustomersQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const stream = await m.exportList(contextOf(request), request.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="customers.xlsx"')
        .send(stream);
    },
  );

  app.get(
    '/api/customers/:id',
    {
      schema: {
        operationId: 'getCustomer',
        tags: ['customers'],
        params: idParams,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => presentCustomer(await m.read.load360(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/customers',
    {
      schema: {
        operationId: 'createCustomer',
        tags: ['customers'],
        summary:
          'Register a customer. With an Idempotency-Key a retry answers the customer the first attempt made (without its duplicate warnings)',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: createCustomerBody,
        response: { 201: createdCustomer, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const k = idempotency.of(ctx.principal, 'customer', request.headers['idempotency-key'], request.body);
      const made = await idempotency.run(
        k,
        async () => {
          const { row, duplicates } = await m.customers.create(
            ctx,
            request.body,
            k ? (tx, id) => idempotency.record(tx, k, id) : undefined,
          );
          return { id: row.id, duplicates: duplicates.length > 0 };
        },
        async (id) => ({ id, duplicates: false }),
      );
      const full = presentCustomer(await m.read.load360(ctx, made.id));
      return reply.status(201).send({ customer: full, duplicates: made.duplicates ? full.duplicates : [] });
    },
  );

  app.patch(
    '/api/customers/:id',
    {
      schema: {
        operationId: 'updateCustomer',
        tags: ['customers'],
        params: idParams,
        body: updateCustomerBody,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await m.customers.update(ctx, request.params.id, request.body);
      return presentCustomer(await m.read.load360(ctx, request.params.id));
    },
  );

  app.post(
    '/api/customers/merge',
    {
      schema: {
        operationId: 'mergeCustomers',
        tags: ['customers'],
        summary: 'Fold a duplicate into the record that stays; every relation and timeline entry moves',
        body: mergeCustomersBody,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const id = await m.merge.merge(ctx, request.body.targetId, request.body.sourceId, request.body.reason);
      return presentCustomer(await m.read.load360(ctx, id));
    },
  );

  app.post(
    '/api/customers/:id/anonymise',
    {
      schema: {
        operationId: 'anonymiseCustomer',
        tags: ['customers'],
        summary: 'Remove the identity for good (PIPL); homes, tickets and statistics stay',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(2).max(200) }),
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      await m.privacy.anonymise(contextOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/customers/:id/data-export',
    {
      schema: {
        operationId: 'exportCustomerData',
        tags: ['customers'],
        summary: 'Everything held about one person (PIPL), as JSON or .xlsx',
        params: idParams,
        querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const name = `customer-${request.params.id}`;
      if (request.query.format === 'xlsx') {
        const file = await m.privacy.exportDataWorkbook(ctx, request.params.id);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(file);
      }
      const data = await m.privacy.exportData(ctx, request.params.id);
      return reply
        .type('application/json')
        .header('content-disposition', `attachment; filename="${name}.json"`)
        .send(data);
    },
  );

  app.post(
    '/api/customers/:id/reveal',
    {
      schema: {
        operationId: 'revealCustomerField',
        tags: ['customers'],
        summary: 'Show a masked phone or ID number in full; audited with the reason',
        params: idParams,
        body: revealCustomerFieldBody,
        response: { 200: revealedField, ...errors },
      },
    },
    async (request) => {
      const { field, reason, phoneId } = request.body;
      const value = await m.customers.reveal(contextOf(request), request.params.id, field, reason, phoneId);
      return { field, value };
    },
  );

  app.post(
    '/api/customers/:id/ownerships',
    {
      schema: {
        operationId: 'addOwnership',
        tags: ['customers'],
        params: idParams,
        body: addOwnershipBody,
        response: { 201: customer, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      await m.relations.addOwnership(ctx, request.params.id, request.body);
      return reply.status(201).send(presentCustomer(await m.read.load360(ctx, request.params.id)));
    },
  );

  app.put(
    '/api/customers/:id/ownerships/:ownershipId/payment',
    {
      schema: {
        operationId: 'setOwnershipPayment',
        tags: ['customers'],
        summary: "How much of the home's price is paid: unpaid, partial or paid",
        params: ownershipParams,
        body: setOwnershipPaymentBody,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { id, ownershipId } = request.params;
      await m.relations.setPaymentStatus(ctx, id, ownershipId, request.body.paymentStatus);
      return presentCustomer(await m.read.load360(ctx, id));
    },
  );

  app.post(
    '/api/customers/:id/ownerships/:ownershipId/end',
    {
      schema: {
        operationId: 'endOwnership',
        tags: ['customers'],
        summary: 'The person no longer holds this home (resold, transferred, contract cancelled, entered by mistake)',
        params: ownershipParams,
        body: endOwnershipBody,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { id, ownershipId } = request.params;
      await m.relations.endOwnership(ctx, id, ownershipId, request.body);
      return presentCustomer(await m.read.load360(ctx, id));
    },
  );

  app.post(
    '/api/customers/:id/family',
    {
      schema: {
        operationId: 'addFamilyMember',
        tags: ['customers'],
        params: idParams,
        body: addFamilyMemberBody,
        response: { 201: customer, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      await m.relations.addFamilyMember(ctx, request.params.id, request.body);
      return reply.status(201).send(presentCustomer(await m.read.load360(ctx, request.params.id)));
    },
  );

  app.post(
    '/api/customers/:id/referrals',
    {
      schema: {
        operationId: 'addReferral',
        tags: ['customers'],
        params: idParams,
        body: addReferralBody,
        response: { 201: customer, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      await m.relations.addReferral(ctx, request.params.id, request.body);
      return reply.status(201).send(presentCustomer(await m.read.load360(ctx, request.params.id)));
    },
  );

  app.patch(
    '/api/referrals/:id',
    {
      schema: {
        operationId: 'updateReferralOutcome',
        tags: ['customers'],
        params: idParams,
        body: z.object({ outcome: z.enum(['referred', 'visited', 'bought']) }),
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      await m.relations.updateReferralOutcome(contextOf(request), request.params.id, request.body.outcome);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/customers/:id/timeline',
    {
      schema: {
        operationId: 'getCustomerTimeline',
        tags: ['customers'],
        params: idParams,
        querystring: timelineQuery,
        response: { 200: page(timelineEntry), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, kind } = request.query;
      const after = decodeCursor(cursor, timelineCursor);
      const rows = await m.read.timelinePage(contextOf(request), request.params.id, {
        kind,
        before: after ? { at: new Date(after.t), id: after.id } : undefined,
        limit,
      });
      const paged = pageOf(rows, limit, (r) => ({ t: r.at.toISOString(), id: r.id }));
      return { items: paged.items.map(presentEntry), nextCursor: paged.nextCursor };
    },
  );

  app.post(
    '/api/customers/:id/timeline',
    {
      schema: {
        operationId: 'addCustomerTimelineEntry',
        tags: ['customers'],
        params: idParams,
        body: addTimelineEntryBody,
        response: { 201: timelineEntry, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentEntry(await m.read.addManualEntry(contextOf(request), request.params.id, request.body))),
  );
};
