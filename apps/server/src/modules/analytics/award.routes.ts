import { errorBody } from '@anju/contracts';
import { awardRanking, awardRankingQuery, awardsResponse, recordAwardEntryBody } from '@anju/contracts/analytics';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { pickLanguage } from '../../platform/i18n.js';
import type { AwardService } from './award.service.js';
import { XLSX } from './report.routes.js';

const errors = { '4xx': errorBody };
const tags = ['analytics'];

/** KPIS.md's quality awards: the list, each award's ranking per year (and .xlsx), awards entered by hand. */
export const awardRoutes: FastifyPluginAsyncZod<{ awards: AwardService }> = async (app, { awards }) => {
  app.get(
    '/api/awards',
    { schema: { operationId: 'listAwards', tags, response: { 200: awardsResponse, ...errors } } },
    async (request) => ({ items: awards.list(contextOf(request)) }),
  );

  app.get(
    '/api/awards/ranking',
    {
      schema: {
        operationId: 'getAwardRanking',
        tags,
        summary: 'An award’s ranking of the scope’s projects for a year, with eligibility and the winner',
        querystring: awardRankingQuery,
        response: { 200: awardRanking, ...errors },
      },
    },
    async (request) => awards.ranking(contextOf(request), request.query),
  );

  app.get(
    '/api/awards/ranking/export',
    {
      schema: {
        operationId: 'exportAwardRanking',
        tags,
        summary: 'An award ranking as .xlsx (audited)',
        querystring: awardRankingQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const file = await awards.export(contextOf(request), request.query, pickLanguage(request));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="award-${request.query.award}-${request.query.year}.xlsx"`)
        .send(file);
    },
  );

  app.post(
    '/api/awards/entries',
    {
      schema: {
        operationId: 'recordAwardEntry',
        tags,
        summary: 'Record a project’s first city-level (or higher) professional award of the year (audited)',
        body: recordAwardEntryBody,
        response: { 200: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (request) => {
      const row = await awards.recordEntry(contextOf(request), request.body);
      return { id: row?.id as string };
    },
  );
};
