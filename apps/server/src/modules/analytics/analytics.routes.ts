import { errorBody } from '@anju/contracts';
import {
  dashboardQuery,
  dashboardResponse,
  kpiDrilldownQuery,
  kpiDrilldownResponse,
  kpiRunSummary,
  kpiTarget,
  kpiTargetsResponse,
  kpiValuesQuery,
  kpiValuesResponse,
  listKpisResponse,
  listKpiTargetsQuery,
  recomputeKpisBody,
  upsertKpiTargetBody,
  upsertKpiTargetParams,
} from '@anju/contracts/analytics';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Db } from '../../platform/db/database.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { pickLanguage } from '../../platform/i18n.js';
import type { DashboardService } from './dashboard.service.js';
import type { KpiService } from './kpi.service.js';
import { exportKpiValues } from './kpi-export.js';
import { XLSX } from './report.routes.js';

const errors = { '4xx': errorBody };
const tags = ['analytics'];

/** KPIs of KPIS.md: definitions, figures per scope and period, drill-downs, targets, recomputes. */
export const analyticsRoutes: FastifyPluginAsyncZod<{
  kpis: KpiService;
  dashboards: DashboardService;
  db: Db;
  audit: AuditService;
}> = async (app, { kpis, dashboards, db, audit }) => {
  app.get(
    '/api/dashboards',
    {
      schema: {
        operationId: 'getDashboard',
        tags,
        summary:
          'The executive (KPIs against targets, 12-month trends, projects ranked), CR manager (today) or department dashboard of a scope',
        querystring: dashboardQuery,
        response: { 200: dashboardResponse, ...errors },
      },
    },
    async (request) => dashboards.get(contextOf(request), request.query),
  );

  app.get(
    '/api/kpis',
    {
      schema: {
        operationId: 'listKpis',
        tags,
        summary: 'The KPI catalogue with each KPI’s grain, direction and this year’s target for the caller’s company',
        response: { 200: listKpisResponse, ...errors },
      },
    },
    async (request) => ({ items: await kpis.listKpis(contextOf(request)) }),
  );

  app.get(
    '/api/kpis/values',
    {
      schema: {
        operationId: 'getKpiValues',
        tags,
        summary:
          'Figures of a scope (default: the caller’s node) for a month, quarter or year — value, numerator, denominator, target, met — or of one batch',
        querystring: kpiValuesQuery,
        response: { 200: kpiValuesResponse, ...errors },
      },
    },
    async (request) => ({ items: await kpis.values(contextOf(request), request.query) }),
  );

  app.get(
    '/api/kpis/values/export',
    {
      schema: {
        operationId: 'exportKpiValues',
        tags,
        summary: 'The figures getKpiValues answers, as .xlsx (value, target, numerator, denominator, met; audited)',
        querystring: kpiValuesQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const file = await exportKpiValues({ db, kpis, audit }, contextOf(request), request.query, pickLanguage(request));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="kpis-${request.query.period}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/api/kpis/drilldown',
    {
      schema: {
        operationId: 'getKpiDrilldown',
        tags,
        summary: 'The records a figure counted (its denominator, or only its numerator), by pages',
        querystring: kpiDrilldownQuery,
        response: { 200: kpiDrilldownResponse, ...errors },
      },
    },
    async (request) => kpis.drilldown(contextOf(request), request.query),
  );

  app.get(
    '/api/kpis/targets',
    {
      schema: {
        operationId: 'listKpiTargets',
        tags,
        summary: 'The targets a city company (or the group) set for a year, with their versions',
        querystring: listKpiTargetsQuery,
        response: { 200: kpiTargetsResponse, ...errors },
      },
    },
    async (request) => ({ items: await kpis.listTargets(contextOf(request), request.query) }),
  );

  app.put(
    '/api/kpis/:kpi/targets',
    {
      schema: {
        operationId: 'upsertKpiTarget',
        tags,
        summary: 'Set a KPI’s target for a city company (or the group) and year; audited',
        params: upsertKpiTargetParams,
        body: upsertKpiTargetBody,
        response: { 200: kpiTarget, ...errors },
      },
    },
    async (request) => {
      const row = await kpis.upsertTarget(contextOf(request), request.params.kpi, request.body);
      return {
        kpi: request.params.kpi,
        companyId: row.companyId,
        year: row.year,
        target: row.target,
        version: row.version,
      };
    },
  );

  app.post(
    '/api/kpis/recompute',
    {
      schema: {
        operationId: 'recomputeKpis',
        tags,
        summary: 'Recompute a month: a closed month gains a new version beside the old one; an open one is refreshed',
        body: recomputeKpisBody,
        response: { 200: kpiRunSummary, ...errors },
      },
    },
    async (request) => {
      const { run, facts } = await kpis.recompute(contextOf(request), request.body);
      return {
        period: run.period,
        state: run.state as 'provisional' | 'closed',
        version: run.version,
        asOf: run.asOf.toISOString(),
        facts,
      };
    },
  );
};
