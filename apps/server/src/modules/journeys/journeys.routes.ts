import { errorBody, idParams } from '@anju/contracts';
import {
  journeyPreview,
  journeyTemplate,
  listJourneyTemplatesQuery,
  previewJourneyBody,
  upsertJourneyTemplateBody,
} from '@anju/contracts/journeys';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import type { JourneysModule } from './journeys.module.js';

const errors = { '4xx': errorBody };

export const journeyTemplateRoutes: FastifyPluginAsyncZod<{ journeys: JourneysModule }> = async (app, { journeys }) => {
  const { templates } = journeys;
  app.get(
    '/api/journey-templates',
    {
      schema: {
        operationId: 'listJourneyTemplates',
        tags: ['journeys'],
        summary:
          "A city company's journey templates (the 6+2 steps and Pulte's 7 by default, as the company edited them)",
        querystring: listJourneyTemplatesQuery,
        response: { 200: z.object({ items: z.array(journeyTemplate) }), ...errors },
      },
    },
    async (request) => ({ items: await templates.list(contextOf(request), request.query.companyId) }),
  );

  app.get(
    '/api/journey-templates/:id',
    {
      schema: {
        operationId: 'getJourneyTemplate',
        tags: ['journeys'],
        params: idParams,
        response: { 200: journeyTemplate, ...errors },
      },
    },
    async (request) => templates.get(contextOf(request), request.params.id),
  );

  app.put(
    '/api/journey-templates/:id',
    {
      schema: {
        operationId: 'upsertJourneyTemplate',
        tags: ['journeys'],
        summary: 'The next version of a template: tasks generated from now on use it; generated tasks keep theirs',
        params: idParams,
        body: upsertJourneyTemplateBody,
        response: { 200: journeyTemplate, ...errors },
      },
    },
    async (request) => templates.upsert(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/journey-templates/preview',
    {
      schema: {
        operationId: 'previewJourney',
        tags: ['journeys'],
        summary: "Every step's due date for a household with these anchor dates, or why the step gets no task",
        body: previewJourneyBody,
        response: { 200: journeyPreview, ...errors },
      },
    },
    async (request) => ({ items: await templates.preview(contextOf(request), request.body) }),
  );
};
