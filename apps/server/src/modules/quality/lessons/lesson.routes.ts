import { errorBody, page } from '@anju/contracts';
import { lesson, listLessonsQuery, upsertLessonBody } from '@anju/contracts/lessons';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import { decodeCursor, pageOf, timeIdCursor } from '../../../platform/http/cursor.js';
import { presentLesson } from './lesson.presenter.js';
import type { LessonService } from './lesson.service.js';

const errors = { '4xx': errorBody };
const tags = ['quality'];

/** The lessons register: list (filters, cursor) and create/edit (from a closed group case, a cluster, or by hand). */
export const lessonRoutes: FastifyPluginAsyncZod<{ lessons: LessonService }> = async (app, { lessons }) => {
  app.get(
    '/api/quality/lessons',
    {
      schema: {
        operationId: 'listLessons',
        tags,
        summary: 'Lessons learned of the caller’s subtree and the company or group above it, newest first',
        querystring: listLessonsQuery,
        response: { 200: page(lesson), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const c = decodeCursor(q.cursor, timeIdCursor);
      const { rows, labels } = await lessons.list(
        contextOf(request),
        {
          status: q.status,
          department: q.department,
          source: q.source,
          caseId: q.caseId,
          before: c ? { at: new Date(c.t), id: c.id } : undefined,
        },
        q.limit,
      );
      const { items, nextCursor } = pageOf(rows, q.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
      return { items: items.map((r) => presentLesson(r, labels)), nextCursor };
    },
  );

  app.post(
    '/api/quality/lessons',
    {
      schema: {
        operationId: 'upsertLesson',
        tags,
        summary:
          'Record a lesson (no id; with caseId: prefilled from the closed case’s report) or edit one (id + version; stale: 409)',
        body: upsertLessonBody,
        response: { 200: lesson, 201: lesson, ...errors },
      },
    },
    async (request, reply) => {
      const { row, created, labels } = await lessons.upsert(contextOf(request), request.body);
      return reply.code(created ? 201 : 200).send(presentLesson(row, labels));
    },
  );
};
