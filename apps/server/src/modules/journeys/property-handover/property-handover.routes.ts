import { errorBody, idParams } from '@anju/contracts';
import {
  propertyHandover,
  propertyHandoverResult,
  ratePropertyHandoverBody,
  recordPropertyHandoverBody,
} from '@anju/contracts/property-handover';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import type { PropertyHandoverService } from './property-handover.service.js';

const errors = { '4xx': errorBody };
const tags = ['journeys'];

/** A batch's hand-over to the property company and the property company's verdict on it. */
export const propertyHandoverRoutes: FastifyPluginAsyncZod<{ handovers: PropertyHandoverService }> = async (
  app,
  { handovers },
) => {
  app.get(
    '/api/delivery-batches/:id/property-handover',
    {
      schema: {
        operationId: 'getPropertyHandover',
        tags,
        params: idParams,
        response: { 200: propertyHandoverResult, ...errors },
      },
    },
    async (request) => handovers.get(contextOf(request), request.params.id),
  );

  app.put(
    '/api/delivery-batches/:id/property-handover',
    {
      schema: {
        operationId: 'recordPropertyHandover',
        tags,
        summary: 'Record (or correct, until rated) what the batch handed over to the property company, and when',
        params: idParams,
        body: recordPropertyHandoverBody,
        response: { 200: propertyHandover, ...errors },
      },
    },
    async (request) => handovers.record(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/delivery-batches/:id/property-handover/rating',
    {
      schema: {
        operationId: 'ratePropertyHandover',
        tags,
        summary: 'The property company’s verdict on the hand-over: timely? complete? (once; KPI K10)',
        params: idParams,
        body: ratePropertyHandoverBody,
        response: { 200: propertyHandover, ...errors },
      },
    },
    async (request) => handovers.rate(contextOf(request), request.params.id, request.body),
  );
};
