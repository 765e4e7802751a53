import { errorBody } from '@anju/contracts';
import {
  designFeedback,
  designFeedbackQuery,
  scorecardQuery,
  setSupplierWatchBody,
  supplierParams,
  supplierScorecard,
  supplierScorecardList,
  watchedSupplierList,
} from '@anju/contracts/scorecards';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import { pickLanguage } from '../../../platform/i18n.js';
import type { ScorecardService } from './scorecard.service.js';

const errors = { '4xx': errorBody };
const tags = ['quality'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Supplier and contractor scorecards, the watch list, and design feedback (docs/quality.md, "Scorecards"). */
export const scorecardRoutes: FastifyPluginAsyncZod<{ scorecards: ScorecardService }> = async (app, { scorecards }) => {
  app.get(
    '/api/quality/scorecards',
    {
      schema: {
        operationId: 'listSupplierScorecards',
        tags,
        summary:
          'Suppliers ranked by repairs per 100 delivered units in a period, with their figures and the trend against the previous period (a contractor: its own row only)',
        querystring: scorecardQuery,
        response: { 200: supplierScorecardList, ...errors },
      },
    },
    async (request) => scorecards.list(contextOf(request), request.query),
  );

  app.get(
    '/api/quality/scorecards/export',
    {
      schema: {
        operationId: 'exportSupplierScorecards',
        tags,
        summary: 'The scorecard ranking as .xlsx in the reader’s language (audited)',
        querystring: scorecardQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const file = await scorecards.export(contextOf(request), request.query, pickLanguage(request));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="supplier-scorecards-${request.query.period}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/api/quality/scorecards/:supplierId',
    {
      schema: {
        operationId: 'getSupplierScorecard',
        tags,
        summary:
          'One supplier’s scorecard: its row, its cells per defect category × project × batch, twelve months, its watch-list entry',
        params: supplierParams,
        querystring: scorecardQuery,
        response: { 200: supplierScorecard, ...errors },
      },
    },
    async (request) => scorecards.get(contextOf(request), request.params.supplierId, request.query),
  );

  app.put(
    '/api/quality/suppliers/:supplierId/watch',
    {
      schema: {
        operationId: 'setSupplierWatch',
        tags,
        summary: 'Put a supplier on the watch list with a reason, or take it off (audited)',
        params: supplierParams,
        body: setSupplierWatchBody,
        response: { 200: z.object({ watched: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      await scorecards.setWatch(contextOf(request), request.params.supplierId, request.body);
      return { watched: request.body.watched };
    },
  );

  app.get(
    '/api/quality/suppliers/watched',
    {
      schema: {
        operationId: 'listWatchedSuppliers',
        tags,
        summary: 'The watched suppliers that may serve the caller’s subtree (flagged when chosen for a work order)',
        response: { 200: watchedSupplierList, ...errors },
      },
    },
    async (request) => ({ items: await scorecards.watchList(contextOf(request)) }),
  );

  app.get(
    '/api/quality/design-feedback',
    {
      schema: {
        operationId: 'getDesignFeedback',
        tags,
        summary:
          'Design-caused repairs (and 图纸不符 flags) per project × product type × layout × part, and summed across projects',
        querystring: designFeedbackQuery,
        response: { 200: designFeedback, ...errors },
      },
    },
    async (request) => scorecards.designFeedback(contextOf(request), request.query),
  );
};
