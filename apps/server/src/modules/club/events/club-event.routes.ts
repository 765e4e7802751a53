import { errorBody, idParams, page } from '@anju/contracts';
import {
  checkInEventBody,
  checkInResult,
  clubEvent,
  clubEventDetail,
  createEventBody,
  eventRegistration,
  eventRegistrationParams,
  inviteEventSegmentBody,
  inviteEventSegmentResult,
  listEventRegistrationsQuery,
  listEventsQuery,
  markEventAttendanceBody,
  markEventAttendanceResult,
  registerForEventBody,
  updateEventBody,
} from '@anju/contracts/club-events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../../platform/http/auth.plugin.js';
import { cursorParts, decodeCursor, pageOf } from '../../../platform/http/cursor.js';
import { presentEvent } from './club-event.presenter.js';
import type { ClubEventRegistrationRow, ClubEventRow } from './club-event.tables.js';
import type { ClubEventsModule } from './club-events.module.js';

const errors = { '4xx': errorBody };
const tags = ['club'];
const timeIdCursor = z.object({ t: cursorParts.time, id: cursorParts.uuid });

/** validate (contracts) → authorise and act (services) → present. */
export const clubEventRoutes: FastifyPluginAsyncZod<{ events: ClubEventsModule }> = async (app, { events: m }) => {
  const { events, registrations, invitations } = m;
  const present = async (rows: ClubEventRow[]) => (await events.decorate(rows)).map(presentEvent);
  const detail = async (row: ClubEventRow) => {
    const [one] = await present([row]);
    return { ...(one as NonNullable<typeof one>), counts: await events.counts(row) };
  };
  const oneRegistration = async (row: ClubEventRegistrationRow) => {
    const [view] = await registrations.views([row]);
    return view as NonNullable<typeof view>;
  };

  app.get(
    '/api/club/events',
    {
      schema: {
        operationId: 'listEvents',
        tags,
        summary: 'Club events in the caller’s subtree, latest start first, with confirmed and waitlisted counts',
        querystring: listEventsQuery,
        response: { 200: page(clubEvent), ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const c = decodeCursor(request.query.cursor, timeIdCursor);
      const rows = await events.list(ctx, request.query, c ? { startsAt: new Date(c.t), id: c.id } : null);
      const { items, nextCursor } = pageOf(rows, request.query.limit, (r) => ({
        t: r.startsAt.toISOString(),
        id: r.id,
      }));
      return { items: await present(items), nextCursor };
    },
  );

  app.post(
    '/api/club/events',
    {
      schema: {
        operationId: 'createEvent',
        tags,
        summary: 'A club event at a project or city company: kind, times, capacity, waitlist, age group (programmes)',
        body: createEventBody,
        response: { 201: clubEventDetail, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await detail(await events.create(contextOf(request), request.body))),
  );

  app.get(
    '/api/club/events/:id',
    {
      schema: {
        operationId: 'getEvent',
        tags,
        summary: 'One event with its counts: registered, waitlisted, checked in, callbacks answered, invited',
        params: idParams,
        response: { 200: clubEventDetail, ...errors },
      },
    },
    async (request) => detail(await events.get(contextOf(request), request.params.id)),
  );

  app.patch(
    '/api/club/events/:id',
    {
      schema: {
        operationId: 'updateEvent',
        tags,
        summary: 'Edit or cancel an event (optimistic `version`); a larger capacity confirms waitlisted people',
        params: idParams,
        body: updateEventBody,
        response: { 200: clubEventDetail, ...errors },
      },
    },
    async (request) => detail(await events.update(contextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/club/events/:id/registrations',
    {
      schema: {
        operationId: 'listEventRegistrations',
        tags,
        summary: 'Registrations in the order they came: status, check-in and where the callback stands',
        params: idParams,
        querystring: listEventRegistrationsQuery,
        response: { 200: page(eventRegistration), ...errors },
      },
    },
    async (request) => {
      const c = decodeCursor(request.query.cursor, timeIdCursor);
      const rows = await registrations.list(contextOf(request), request.params.id, {
        status: request.query.status,
        after: c ? { registeredAt: new Date(c.t), id: c.id } : undefined,
        limit: request.query.limit,
      });
      const { items, nextCursor } = pageOf(rows, request.query.limit, (r) => ({
        t: r.registeredAt.toISOString(),
        id: r.id,
      }));
      return { items: await registrations.views(items), nextCursor };
    },
  );

  app.post(
    '/api/club/events/:id/registrations',
    {
      schema: {
        operationId: 'registerForEvent',
        tags,
        summary:
          'Staff register a customer: confirmed within the capacity, else waitlisted (waitlist on) or 409 CLUB_EVENT_FULL',
        params: idParams,
        body: registerForEventBody,
        response: { 201: eventRegistration, ...errors },
      },
    },
    async (request, reply) => {
      const { registration } = await registrations.register(
        contextOf(request),
        request.params.id,
        request.body.customerId,
      );
      return reply.code(201).send(await oneRegistration(registration));
    },
  );

  app.post(
    '/api/club/events/:id/registrations/:registrationId/cancel',
    {
      schema: {
        operationId: 'cancelEventRegistration',
        tags,
        summary: 'Cancel a registration; a freed place goes to the first waitlisted person (told by SMS)',
        params: eventRegistrationParams,
        response: { 200: eventRegistration, ...errors },
      },
    },
    async (request) => {
      const { registration } = await registrations.cancel(
        contextOf(request),
        request.params.id,
        request.params.registrationId,
      );
      return oneRegistration(registration);
    },
  );

  app.post(
    '/api/club/events/:id/check-in',
    {
      schema: {
        operationId: 'checkInEvent',
        tags,
        summary:
          'Check in by the registration’s QR code; the same code again answers `alreadyCheckedIn` and awards nothing',
        params: idParams,
        body: checkInEventBody,
        response: { 200: checkInResult, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const done = await registrations.checkIn(ctx, request.params.id, request.body.code);
      return { registration: await oneRegistration(done.registration), alreadyCheckedIn: done.alreadyCheckedIn };
    },
  );

  app.post(
    '/api/club/events/:id/attendance',
    {
      schema: {
        operationId: 'markEventAttendance',
        tags,
        summary:
          'Marks attendance from a sign-in sheet: the listed confirmed registrations are checked in and members earn their points in one batch',
        params: idParams,
        body: markEventAttendanceBody,
        response: { 200: markEventAttendanceResult, ...errors },
      },
    },
    async (request) =>
      registrations.markAttendance(contextOf(request), request.params.id, request.body.registrationIds),
  );

  app.post(
    '/api/club/events/:id/invitations',
    {
      schema: {
        operationId: 'inviteEventSegment',
        tags,
        summary: 'SMS invitation to a segment of members (class, tier, project) who consented; each member once',
        params: idParams,
        body: inviteEventSegmentBody,
        response: { 200: inviteEventSegmentResult, ...errors },
      },
    },
    async (request) => invitations.invite(contextOf(request), request.params.id, request.body),
  );
};
