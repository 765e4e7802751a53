import {
  building,
  buildingList,
  createProjectBody,
  deliveryBatch,
  errorBody,
  idParams,
  listProjectsQuery,
  listUnitsQuery,
  listWarrantyRulesQuery,
  okBody,
  type Project,
  page,
  partCategory,
  productType,
  productTypeList,
  productTypeParams,
  project,
  STATUTORY_WARRANTY,
  type Unit,
  unit,
  unitWarranty,
  unitWarrantyQuery,
  updateProjectBody,
  updateUnitBody,
  upsertProductTypeBody,
  upsertWarrantyRuleBody,
  warrantyRule,
  warrantyRuleList,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf } from '../../platform/http/cursor.js';
import type { DeliveryBatchService } from './delivery-batch.service.js';
import type { ProjectView, UnitView } from './property.repository.js';
import type { EffectiveRule, PropertyService } from './property.service.js';
import type { ProductTypeRow } from './property.tables.js';

const errors = { '4xx': errorBody };

const presentProject = (p: ProjectView): Project => ({
  id: p.orgUnitId,
  name: p.name,
  code: p.code,
  cityCompanyId: p.cityCompanyId,
  cityCompanyName: p.cityCompanyName,
  address: p.address,
  productTypes: p.productTypes,
  finishStandard: p.finishStandard as Project['finishStandard'],
  description: p.description,
  unitCount: p.unitCount,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const presentUnit = (u: UnitView): Unit => ({
  id: u.id,
  projectId: u.projectId,
  projectName: u.projectName,
  buildingId: u.buildingId,
  buildingCode: u.buildingCode,
  code: u.code,
  entrance: u.entrance,
  floor: u.floor,
  room: u.room,
  area: u.area,
  layout: u.layout,
  productType: u.productType,
  surveyedArea: u.surveyedArea,
  finish: u.finish as Unit['finish'],
  status: u.status as Unit['status'],
  deliveryBatchId: u.deliveryBatchId,
  deliveredOn: u.deliveredOn,
  version: u.version,
});

const presentProductType = (p: ProductTypeRow) => ({
  projectId: p.projectId,
  code: p.code,
  name: p.name,
  sort: p.sort,
  active: p.active,
});

const presentRule = (r: EffectiveRule) => ({
  id: r.id,
  projectId: r.projectId,
  partCategory: r.partCategory,
  periodKind: r.kind,
  periodValue: r.value,
  note: r.note,
  statutory: STATUTORY_WARRANTY[r.partCategory],
  version: r.version,
});

const codeCursor = z.object({ c: cursorParts.text });
const unitCursor = z.object({ c: cursorParts.text, id: cursorParts.uuid });

export const propertyRoutes: FastifyPluginAsyncZod<{ property: PropertyService }> = async (app, { property }) => {
  app.get(
    '/api/projects',
    {
      schema: {
        operationId: 'listProjects',
        tags: ['property'],
        querystring: listProjectsQuery,
        response: { 200: page(project), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const after = decodeCursor(cursor, codeCursor);
      const rows = await property.listProjects(contextOf(request), { ...filter, afterCode: after?.c, limit });
      const paged = pageOf(rows, limit, (r) => ({ c: r.code }));
      return { items: paged.items.map(presentProject), nextCursor: paged.nextCursor };
    },
  );

  app.post(
    '/api/projects',
    {
      schema: {
        operationId: 'createProject',
        tags: ['property'],
        body: createProjectBody,
        response: { 201: project, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentProject(await property.createProject(contextOf(request), request.body))),
  );

  app.get(
    '/api/projects/:id',
    {
      schema: {
        operationId: 'getProject',
        tags: ['property'],
        params: idParams,
        response: { 200: project, ...errors },
      },
    },
    async (request) => presentProject(await property.getProject(contextOf(request), request.params.id)),
  );

  app.patch(
    '/api/projects/:id',
    {
      schema: {
        operationId: 'updateProject',
        tags: ['property'],
        params: idParams,
        body: updateProjectBody,
        response: { 200: project, ...errors },
      },
    },
    async (request) =>
      presentProject(await property.updateProject(contextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/projects/:id/product-types',
    {
      schema: {
        operationId: 'listProductTypes',
        tags: ['property'],
        summary: "The project's product types (active and inactive), in their order: the list units take theirs from",
        params: idParams,
        response: { 200: productTypeList, ...errors },
      },
    },
    async (request) => ({
      items: (await property.listProductTypes(contextOf(request), request.params.id)).map(presentProductType),
    }),
  );

  app.put(
    '/api/projects/:id/product-types/:code',
    {
      schema: {
        operationId: 'upsertProductType',
        tags: ['property'],
        summary: 'Add a product type to the project or edit its name, order or active flag (units keep inactive ones)',
        params: productTypeParams,
        body: upsertProductTypeBody,
        response: { 200: productType, ...errors },
      },
    },
    async (request) =>
      presentProductType(
        await property.upsertProductType(contextOf(request), request.params.id, request.params.code, request.body),
      ),
  );

  app.get(
    '/api/projects/:id/buildings',
    {
      schema: {
        operationId: 'listBuildings',
        tags: ['property'],
        params: idParams,
        response: { 200: buildingList, ...errors },
      },
    },
    async (request) => ({ items: await property.listBuildings(contextOf(request), request.params.id) }),
  );

  app.post(
    '/api/projects/:id/buildings',
    {
      schema: {
        operationId: 'createBuilding',
        tags: ['property'],
        params: idParams,
        body: z.object({
          phase: z.string().trim().max(20).default(''),
          code: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9-]{1,20}$/),
          name: z.string().trim().min(1).max(40),
          floors: z.number().int().min(1).max(150).nullable().optional(),
        }),
        response: { 201: building, ...errors },
      },
    },
    async (request, reply) => {
      const row = await property.createBuilding(contextOf(request), request.params.id, request.body);
      return reply.status(201).send({ ...(row as NonNullable<typeof row>), unitCount: 0 });
    },
  );

  app.get(
    '/api/units',
    {
      schema: {
        operationId: 'listUnits',
        tags: ['property'],
        querystring: listUnitsQuery,
        response: { 200: page(unit), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const after = decodeCursor(cursor, unitCursor);
      const rows = await property.listUnits(contextOf(request), {
        ...filter,
        after: after ? { code: after.c, id: after.id } : undefined,
        limit,
      });
      const paged = pageOf(rows, limit, (r) => ({ c: r.code, id: r.id }));
      return { items: paged.items.map(presentUnit), nextCursor: paged.nextCursor };
    },
  );

  app.get(
    '/api/units/:id',
    { schema: { operationId: 'getUnit', tags: ['property'], params: idParams, response: { 200: unit, ...errors } } },
    async (request) => presentUnit(await property.getUnit(contextOf(request), request.params.id)),
  );

  app.patch(
    '/api/units/:id',
    {
      schema: {
        operationId: 'updateUnit',
        tags: ['property'],
        params: idParams,
        body: updateUnitBody,
        response: { 200: unit, ...errors },
      },
    },
    async (request) => presentUnit(await property.updateUnit(contextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/units/:id/warranty',
    {
      schema: {
        operationId: 'getUnitWarranty',
        tags: ['property'],
        summary: 'Whether each part of a unit is under warranty on a date, and until when',
        params: idParams,
        querystring: unitWarrantyQuery,
        response: { 200: unitWarranty, ...errors },
      },
    },
    async (request) =>
      property.unitWarranty(contextOf(request), request.params.id, request.query.on, request.query.partCategory),
  );

  app.get(
    '/api/warranty-rules',
    {
      schema: {
        operationId: 'listWarrantyRules',
        tags: ['property'],
        querystring: listWarrantyRulesQuery,
        response: { 200: warrantyRuleList, ...errors },
      },
    },
    async (request) => ({
      items: (await property.effectiveRules(contextOf(request), request.query.projectId ?? null)).map(presentRule),
    }),
  );

  app.put(
    '/api/warranty-rules',
    {
      schema: {
        operationId: 'upsertWarrantyRule',
        tags: ['property'],
        body: upsertWarrantyRuleBody,
        response: { 200: warrantyRule, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await property.upsertRule(ctx, request.body);
      const rules = await property.effectiveRules(ctx, row.projectId);
      const effective = rules.find((r) => r.partCategory === partCategory.parse(row.partCategory)) as EffectiveRule;
      return presentRule(effective);
    },
  );
};

const batchBody = z.object({
  name: z.string().trim().min(1).max(40),
  plannedDate: z.iso.date().nullable().optional(),
  actualDate: z.iso.date().nullable().optional(),
  areaReportDate: z.iso.date().nullable().optional(),
});
type BatchRow = {
  id: string;
  projectId: string;
  name: string;
  plannedDate: string | null;
  actualDate: string | null;
  areaReportDate: string | null;
  version: number;
};
const presentBatch = (b: BatchRow, unitCount: number) => ({ ...b, unitCount });

export const deliveryBatchRoutes: FastifyPluginAsyncZod<{ batches: DeliveryBatchService }> = async (
  app,
  { batches },
) => {
  app.get(
    '/api/projects/:id/delivery-batches',
    {
      schema: {
        operationId: 'listDeliveryBatches',
        tags: ['property'],
        params: idParams,
        response: { 200: z.object({ items: z.array(deliveryBatch) }), ...errors },
      },
    },
    async (request) => ({
      items: (await batches.list(contextOf(request), request.params.id)).map((r) => presentBatch(r.batch, r.unitCount)),
    }),
  );

  app.post(
    '/api/projects/:id/delivery-batches',
    {
      schema: {
        operationId: 'createDeliveryBatch',
        tags: ['property'],
        params: idParams,
        body: batchBody,
        response: { 201: deliveryBatch, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentBatch(await batches.create(contextOf(request), request.params.id, request.body), 0)),
  );

  app.patch(
    '/api/delivery-batches/:id',
    {
      schema: {
        operationId: 'updateDeliveryBatch',
        tags: ['property'],
        summary: 'Edit a batch; setting the actual date delivers its sold units on that day',
        params: idParams,
        body: batchBody.partial().extend({
          version: z.number().int(),
          /** Deliver despite open blocking acceptance findings (a CR manager), with the reason: audited. */
          overrideReason: z.string().trim().min(2).max(200).optional(),
        }),
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      await batches.update(contextOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/delivery-batches/:id/units',
    {
      schema: {
        operationId: 'assignUnitsToBatch',
        tags: ['property'],
        params: idParams,
        body: z.object({ unitIds: z.array(z.uuid()).min(1).max(2000) }),
        response: { 200: z.object({ assigned: z.number().int() }), ...errors },
      },
    },
    async (request) => ({
      assigned: await batches.assignUnits(contextOf(request), request.params.id, request.body.unitIds),
    }),
  );
};
