import { defectCategory, errorBody, previewSlaBody, slaPolicy, slaPreview, upsertSlaPolicyBody } from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import type { TicketsModule } from '../tickets.module.js';

const errors = { '4xx': errorBody };
const companyParams = z.object({ companyId: z.uuid() });

export const slaRoutes: FastifyPluginAsyncZod<{ tickets: TicketsModule }> = async (app, { tickets: m }) => {
  app.get(
    '/api/sla/policies',
    {
      schema: {
        operationId: 'listSlaPolicies',
        tags: ['sla'],
        summary: "A company's SLA policies, with the built-in rule of every type × node it has not overridden",
        querystring: companyParams,
        response: { 200: z.object({ items: z.array(slaPolicy) }), ...errors },
      },
    },
    async (request) => ({ items: await m.slaAdmin.listPolicies(contextOf(request), request.query.companyId) }),
  );

  app.put(
    '/api/sla/policies',
    {
      schema: {
        operationId: 'upsertSlaPolicy',
        tags: ['sla'],
        body: upsertSlaPolicyBody,
        response: { 200: z.object({ id: z.uuid(), version: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const row = await m.slaAdmin.upsertPolicy(contextOf(request), request.body);
      return { id: row?.id as string, version: row?.version ?? 1 };
    },
  );

  app.post(
    '/api/sla/preview',
    {
      schema: {
        operationId: 'previewSlaDeadlines',
        tags: ['sla'],
        summary: 'Every node’s warning, deadline and escalation times for a ticket started at `start` (holds excluded)',
        body: previewSlaBody,
        response: { 200: slaPreview, ...errors },
      },
    },
    async (request) => m.slaAdmin.preview(contextOf(request), request.body),
  );

  app.put(
    '/api/defect-categories/:code',
    {
      schema: {
        operationId: 'upsertDefectCategory',
        tags: ['tickets'],
        summary:
          'Add or edit a defect category; urgent ones get the short processing limit; inactive ones leave the picker',
        params: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) }),
        body: z.object({
          nameZh: z.string().trim().min(1).max(20),
          nameEn: z.string().trim().min(1).max(40),
          urgent: z.boolean().default(false),
          sort: z.number().int().min(0).max(10_000).default(500),
          active: z.boolean().default(true),
        }),
        response: { 200: defectCategory, ...errors },
      },
    },
    async (request) => {
      const row = await m.slaAdmin.upsertDefectCategory(contextOf(request), request.params.code, request.body);
      return {
        code: row?.code ?? request.params.code,
        nameZh: row?.nameZh ?? '',
        nameEn: row?.nameEn ?? '',
        urgent: Boolean(row?.urgent),
      };
    },
  );

  app.get(
    '/api/defect-categories',
    {
      schema: {
        operationId: 'listDefectCategories',
        tags: ['tickets'],
        response: { 200: z.object({ items: z.array(defectCategory) }), ...errors },
      },
    },
    async () => {
      const rows = await m.slaAdmin.listDefectCategories();
      return { items: rows.map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, urgent: r.urgent })) };
    },
  );
};
