import { errorBody, fileInfo, idParams } from '@anju/contracts';
import {
  bookHandoverSlotBody,
  checkInHandoverBody,
  handoverAppointment,
  handoverAppointmentDetail,
  handoverBoard,
  handoverSlotList,
  recordHandoverInspectionBody,
  refuseHandoverBody,
  signHandoverBody,
  upsertHandoverSlotsBody,
} from '@anju/contracts/handover';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentFile } from '../../../platform/files/files.presenter.js';
import { FilesService } from '../../../platform/files/files.service.js';
import { readUpload } from '../../../platform/files/upload.js';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import type { JourneysModule } from '../journeys.module.js';
import { presentSlot } from './handover.presenter.js';

const errors = { '4xx': errorBody };
const tags = ['journeys'];
const MAX_PHOTO_BYTES = FilesService.maxBytes(['image']);

/** The handover day (集中交付) for staff: slots, desk bookings, check-in, inspection, signature or refusal, the board. */
export const handoverRoutes: FastifyPluginAsyncZod<{ journeys: JourneysModule }> = async (app, { journeys }) => {
  const { bookings, day, board } = journeys.handover;

  app.get(
    '/api/delivery-batches/:id/handover-slots',
    {
      schema: {
        operationId: 'listHandoverSlots',
        tags,
        summary: "A delivery batch's handover slots in time order, with the households booked in each",
        params: idParams,
        response: { 200: handoverSlotList, ...errors },
      },
    },
    async (request) => ({
      items: (await bookings.listSlots(contextOf(request), request.params.id)).map(presentSlot),
    }),
  );

  app.put(
    '/api/delivery-batches/:id/handover-slots',
    {
      schema: {
        operationId: 'upsertHandoverSlots',
        tags,
        summary:
          "The batch's slots as they should be (start, end, capacity): with an id they change, without one they are added, left out they go; a capacity below the bookings is 409 HANDOVER_SLOT_BELOW_BOOKED",
        params: idParams,
        body: upsertHandoverSlotsBody,
        response: { 200: handoverSlotList, ...errors },
      },
    },
    async (request) => ({
      items: (await bookings.upsertSlots(contextOf(request), request.params.id, request.body)).map(presentSlot),
    }),
  );

  app.get(
    '/api/delivery-batches/:id/handover-board',
    {
      schema: {
        operationId: 'getHandoverBoard',
        tags,
        summary: 'The live board of the handover day: slots, booked, checked in, signed, refused, defects by category',
        params: idParams,
        response: { 200: handoverBoard, ...errors },
      },
    },
    async (request) => board.board(contextOf(request), request.params.id),
  );

  app.post(
    '/api/delivery-batches/:id/handover-check-ins',
    {
      schema: {
        operationId: 'checkInHandover',
        tags,
        summary: 'A booked household arrived at the handover desk (409 HANDOVER_NOT_BOOKED without a booking)',
        params: idParams,
        body: checkInHandoverBody,
        response: { 200: handoverAppointmentDetail, ...errors },
      },
    },
    async (request) => day.checkIn(contextOf(request), request.params.id, request.body.unitId),
  );

  app.post(
    '/api/handover-appointments',
    {
      schema: {
        operationId: 'bookHandoverSlot',
        tags,
        summary: "The CR desk books a household's slot or moves it (409 HANDOVER_SLOT_FULL when no place is left)",
        body: bookHandoverSlotBody,
        response: { 200: handoverAppointment, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await bookings.book(ctx, request.body.unitId, request.body.slotId);
      return day.detail(row);
    },
  );

  app.get(
    '/api/handover-appointments/:id',
    {
      schema: {
        operationId: 'getHandoverAppointment',
        tags,
        params: idParams,
        response: { 200: handoverAppointmentDetail, ...errors },
      },
    },
    async (request) => day.get(contextOf(request), request.params.id),
  );

  app.post(
    '/api/handover-appointments/:id/photos',
    {
      schema: {
        operationId: 'uploadHandoverPhoto',
        tags,
        summary: 'A photo of the inspection (multipart field "file": JPEG, PNG, WebP or HEIC up to 10 MB)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: fileInfo, 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const { file, created } = await day.uploadPhoto(contextOf(request), request.params.id, () =>
        readUpload(request, MAX_PHOTO_BYTES),
      );
      return reply.code(created ? 201 : 200).send(presentFile(file));
    },
  );

  app.put(
    '/api/handover-appointments/:id/inspection',
    {
      schema: {
        operationId: 'recordHandoverInspection',
        tags,
        summary:
          'The room-by-room inspection, meter readings, keys and fee explanation; each new defect opens a repair ticket (channel handover)',
        params: idParams,
        body: recordHandoverInspectionBody,
        response: { 200: handoverAppointmentDetail, ...errors },
      },
    },
    async (request) => day.recordInspection(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/handover-appointments/:id/sign',
    {
      bodyLimit: 2_000_000,
      schema: {
        operationId: 'signHandover',
        tags,
        summary:
          "The owner signs for the keys (PNG signature): the home's handover date and the unit's status are set; a second signature is 409 HANDOVER_ALREADY_SIGNED",
        params: idParams,
        body: signHandoverBody,
        response: { 200: handoverAppointmentDetail, ...errors },
      },
    },
    async (request) => day.sign(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/handover-appointments/:id/refuse',
    {
      schema: {
        operationId: 'refuseHandover',
        tags,
        summary: 'The owner refuses the keys: reasons recorded and a complaint opened for the CR team to follow up',
        params: idParams,
        body: refuseHandoverBody,
        response: { 200: handoverAppointmentDetail, ...errors },
      },
    },
    async (request) => day.refuse(contextOf(request), request.params.id, request.body),
  );
};
