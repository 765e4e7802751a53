import { errorBody } from '@anju/contracts';
import { complaintReport, complaintReportQuery } from '@anju/contracts/analytics';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { pickLanguage } from '../../platform/i18n.js';
import type { ComplaintReportService } from './complaint-report.service.js';

const errors = { '4xx': errorBody };
const tags = ['analytics'];
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The monthly complaint report (投诉月报) on screen and as .xlsx. */
export const reportRoutes: FastifyPluginAsyncZod<{ reports: ComplaintReportService }> = async (app, { reports }) => {
  app.get(
    '/api/reports/complaints',
    {
      schema: {
        operationId: 'getComplaintReport',
        tags,
        summary:
          'The month’s complaint report of a scope (and optionally one department): volumes by type, channel, category, cause and project; K1 per department; reopened and escalated; top problems',
        querystring: complaintReportQuery,
        response: { 200: complaintReport, ...errors },
      },
    },
    async (request) => reports.get(contextOf(request), request.query),
  );

  app.get(
    '/api/reports/complaints/export',
    {
      schema: {
        operationId: 'exportComplaintReport',
        tags,
        summary: 'The complaint report as .xlsx in the reader’s language (audited)',
        querystring: complaintReportQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const file = await reports.export(contextOf(request), request.query, pickLanguage(request));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="complaint-report-${request.query.period}.xlsx"`)
        .send(file);
    },
  );
};
