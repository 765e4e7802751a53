import { errorBody, PROJECT_MILESTONES, projectMilestone, setProjectMilestoneBody } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import type { ProjectMilestoneService } from './project-milestone.service.js';

const errors = { '4xx': errorBody };
const items = z.object({ items: z.array(projectMilestone) });

export const milestoneRoutes: FastifyPluginAsyncZod<{ milestones: ProjectMilestoneService }> = async (
  app,
  { milestones },
) => {
  app.get(
    '/api/projects/:id/milestones',
    {
      schema: {
        operationId: 'listProjectMilestones',
        tags: ['property'],
        params: z.object({ id: z.uuid() }),
        response: { 200: items, ...errors },
      },
    },
    async (request) => ({ items: await milestones.list(contextOf(request), request.params.id) }),
  );

  app.put(
    '/api/projects/:id/milestones/:kind',
    {
      schema: {
        operationId: 'setProjectMilestone',
        tags: ['property'],
        summary: 'The date the project reached a milestone (null clears it); journey steps may hang on it',
        params: z.object({ id: z.uuid(), kind: z.enum(PROJECT_MILESTONES) }),
        body: setProjectMilestoneBody,
        response: { 200: items, ...errors },
      },
    },
    async (request) => ({
      items: await milestones.set(contextOf(request), request.params.id, request.params.kind, request.body.date),
    }),
  );
};
