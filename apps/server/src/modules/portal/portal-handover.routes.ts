import { errorBody } from '@anju/contracts';
import {
  bookMyHandoverSlotBody,
  myHandoverInspection,
  myHandoverInspectionQuery,
  myHandoverSlots,
} from '@anju/contracts/handover';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PortalModule } from './portal.module.js';
import { ownerOf, traceOf } from './portal-auth.routes.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];

/** The handover day in the owner portal: book or change a slot, see the inspection of my home. */
export const portalHandoverRoutes: FastifyPluginAsyncZod<{ portal: PortalModule }> = async (app, { portal }) => {
  const config = { public: true };

  app.get(
    '/api/portal/handover/slots',
    {
      config,
      schema: {
        operationId: 'listMyHandoverSlots',
        tags,
        summary: 'For each of my homes in a delivery batch with a handover day: my booking and the slots to pick from',
        response: { 200: myHandoverSlots, ...errors },
      },
    },
    async (request) => portal.handover.slots(ownerOf(request), traceOf(request)),
  );

  app.post(
    '/api/portal/handover/bookings',
    {
      config,
      schema: {
        operationId: 'bookMyHandoverSlot',
        tags,
        summary: 'Book a handover slot for my home, or change to another (409 HANDOVER_SLOT_FULL when it is full)',
        body: bookMyHandoverSlotBody,
        response: { 200: myHandoverSlots, ...errors },
      },
    },
    async (request) =>
      portal.handover.book(ownerOf(request), traceOf(request), request.body.unitId, request.body.slotId),
  );

  app.get(
    '/api/portal/handover/inspection',
    {
      config,
      schema: {
        operationId: 'getMyHandoverInspection',
        tags,
        summary: "My home's handover inspection: room by room with photos, readings, keys, and the repairs it opened",
        querystring: myHandoverInspectionQuery,
        response: { 200: myHandoverInspection, ...errors },
      },
    },
    async (request) => portal.handover.inspection(ownerOf(request), traceOf(request), request.query.unitId),
  );
};
