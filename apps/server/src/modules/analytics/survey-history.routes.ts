import { errorBody } from '@anju/contracts';
import { loadSurveyHistoryBody } from '@anju/contracts/analytics';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import type { SurveyDashboardService } from './survey-dashboard.service.js';

/** Loading seed 003's satisfaction figures as a company's history (the survey dashboard compares against them). */
export const surveyHistoryRoutes: FastifyPluginAsyncZod<{ surveys: SurveyDashboardService }> = async (
  app,
  { surveys },
) => {
  app.post(
    '/api/survey-benchmarks/seed',
    {
      schema: {
        operationId: 'loadSurveyHistory',
        tags: ['analytics'],
        summary:
          'Load KPIS.md’s 2004–2006 survey figures as the company’s history (2004/2005 results, 2006 target) and the group’s 2005 result; audited',
        body: loadSurveyHistoryBody,
        response: { 200: z.object({ loaded: z.number().int() }), '4xx': errorBody },
      },
    },
    async (request) => surveys.loadSeedHistory(contextOf(request), request.body.companyId),
  );
};
