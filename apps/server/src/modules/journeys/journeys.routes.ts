import { errorBody, fileInfo, idParams, page } from '@anju/contracts';
import {
  completeJourneyTaskBody,
  journeyCompletion,
  journeyCompletionQuery,
  journeyPreview,
  journeyTask,
  journeyTaskDetail,
  journeyTemplate,
  listJourneyTasksQuery,
  listJourneyTemplatesQuery,
  previewJourneyBody,
  projectJourneyTemplate,
  setProjectJourneyTemplateBody,
  upsertJourneyTemplateBody,
} from '@anju/contracts/journeys';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentFile } from '../../platform/files/files.presenter.js';
import { FilesService } from '../../platform/files/files.service.js';
import { readUpload } from '../../platform/files/upload.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import type { JourneysModule } from './journeys.module.js';

const errors = { '4xx': errorBody };
const MAX_PHOTO_BYTES = FilesService.maxBytes(['image']);

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

  app.get(
    '/api/projects/:id/journey-templates',
    {
      schema: {
        operationId: 'listProjectJourneyTemplates',
        tags: ['journeys'],
        summary:
          'The company’s journey templates as this project runs them (switched on or off there, or as the company)',
        params: idParams,
        response: { 200: z.object({ items: z.array(projectJourneyTemplate) }), ...errors },
      },
    },
    async (request) => ({ items: await journeys.projectTemplates.list(contextOf(request), request.params.id) }),
  );

  app.put(
    '/api/projects/:id/journey-templates/:templateId',
    {
      schema: {
        operationId: 'setProjectJourneyTemplate',
        tags: ['journeys'],
        summary: 'Switch a template on or off for one project (null: follow the company); its households re-plan',
        params: idParams.extend({ templateId: z.uuid() }),
        body: setProjectJourneyTemplateBody,
        response: { 200: z.object({ items: z.array(projectJourneyTemplate) }), ...errors },
      },
    },
    async (request) => ({
      items: await journeys.projectTemplates.set(
        contextOf(request),
        request.params.id,
        request.params.templateId,
        request.body.enabled,
      ),
    }),
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

export const journeyTaskRoutes: FastifyPluginAsyncZod<{ journeys: JourneysModule }> = async (app, { journeys }) => {
  const { tasks } = journeys;
  app.get(
    '/api/journey-tasks',
    {
      schema: {
        operationId: 'listJourneyTasks',
        tags: ['journeys'],
        summary: 'Journey tasks in the caller’s subtree by due date (open ones first by default filter)',
        querystring: listJourneyTasksQuery,
        response: { 200: page(journeyTask), ...errors },
      },
    },
    async (request) => tasks.list(contextOf(request), request.query),
  );

  app.get(
    '/api/journey-tasks/completion',
    {
      schema: {
        operationId: 'summarizeJourneyTasks',
        tags: ['journeys'],
        summary:
          'Completion per project and step: tasks due in the period (default the last 90 days), done, on time, overdue',
        querystring: journeyCompletionQuery,
        response: { 200: journeyCompletion, ...errors },
      },
    },
    async (request) => journeys.completion.summary(contextOf(request), request.query),
  );

  app.get(
    '/api/journey-tasks/:id',
    {
      schema: {
        operationId: 'getJourneyTask',
        tags: ['journeys'],
        params: idParams,
        response: { 200: journeyTaskDetail, ...errors },
      },
    },
    async (request) => tasks.get(contextOf(request), request.params.id),
  );

  app.post(
    '/api/journey-tasks/:id/photos',
    {
      schema: {
        operationId: 'uploadJourneyTaskPhoto',
        tags: ['journeys'],
        summary: 'A photo for a checklist item of an open task (multipart field "file"); the record names it',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const file = await tasks.uploadPhoto(contextOf(request), request.params.id, () =>
        readUpload(request, MAX_PHOTO_BYTES),
      );
      return reply.code(201).send(presentFile(file));
    },
  );

  app.post(
    '/api/journey-tasks/:id/complete',
    {
      schema: {
        operationId: 'completeJourneyTask',
        tags: ['journeys'],
        summary: 'Record the outcome: reached or done closes the task with its checklist; not reached counts a try',
        params: idParams,
        body: completeJourneyTaskBody,
        response: { 200: journeyTaskDetail, ...errors },
      },
    },
    async (request) => tasks.complete(contextOf(request), request.params.id, request.body),
  );
};
