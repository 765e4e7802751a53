import { businessCalendar, errorBody, updateBusinessCalendarBody } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import type { SlaModule } from './sla.module.js';

const errors = { '4xx': errorBody };
const companyParams = z.object({ companyId: z.uuid() });

export const calendarRoutes: FastifyPluginAsyncZod<{ sla: SlaModule }> = async (app, { sla }) => {
  app.get(
    '/api/sla/calendars/:companyId',
    {
      schema: {
        operationId: 'getBusinessCalendar',
        tags: ['sla'],
        params: companyParams,
        response: { 200: businessCalendar, ...errors },
      },
    },
    async (request) => sla.calendars.get(contextOf(request), request.params.companyId),
  );

  app.put(
    '/api/sla/calendars/:companyId',
    {
      schema: {
        operationId: 'updateBusinessCalendar',
        tags: ['sla'],
        summary: 'Working hours, working weekdays, public holidays and make-up working days (version 0 creates)',
        params: companyParams,
        body: updateBusinessCalendarBody,
        response: { 200: businessCalendar, ...errors },
      },
    },
    async (request) => sla.calendars.update(contextOf(request), request.params.companyId, request.body),
  );
};
