import { errorBody, loginCodeRequested } from '@anju/contracts';
import {
  clubJoinPlaces,
  joinClubPublicBody,
  joinedClubPublic,
  requestClubJoinCodeBody,
} from '@anju/contracts/club-portal';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OWNER_COOKIE } from '../portal/portal-auth.routes.js';
import type { PublicJoinService } from './public-join.service.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];

/**
 * The club's public sign-up in the portal (no session needed): the places to choose from, the SMS code, and the
 * join itself, which answers the card and sets the portal's owner cookie (as the sign-in does).
 */
export const publicJoinRoutes: FastifyPluginAsyncZod<{
  join: PublicJoinService;
  secureCookies: boolean;
  perMinute: number;
}> = async (app, { join, secureCookies, perMinute }) => {
  const config = { public: true, ownerPublic: true, rateLimit: { max: perMinute, timeWindow: '1 minute' } };

  app.get(
    '/api/portal/club/join/places',
    {
      config: { public: true, ownerPublic: true },
      schema: {
        operationId: 'listClubJoinPlaces',
        tags,
        summary: 'The city companies and projects a person joining the club may choose (public)',
        response: { 200: clubJoinPlaces, ...errors },
      },
    },
    async () => ({ items: await join.places() }),
  );

  app.post(
    '/api/portal/club/join/code',
    {
      config,
      schema: {
        operationId: 'requestClubJoinCode',
        tags,
        summary:
          'Send the 6-digit code of the club’s public sign-up by SMS to any mainland mobile; the sign-in’s limits (429)',
        body: requestClubJoinCodeBody,
        response: { 200: loginCodeRequested, ...errors },
      },
    },
    (request) => join.requestCode(request.body.phone, request.ip ?? null),
  );

  app.post(
    '/api/portal/club/join/public',
    {
      config,
      schema: {
        operationId: 'joinClubPublic',
        tags,
        summary:
          'Join the club with the SMS code: a prospect customer at the chosen place (or the customer the number belongs to), enrolled as interested public, signed in to the portal; a wrong code is 400 and writes nothing',
        body: joinClubPublicBody,
        response: { 201: joinedClubPublic, 200: joinedClubPublic, ...errors },
      },
    },
    async (request, reply) => {
      const done = await join.join(request.body, {
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: String(request.id),
      });
      reply.setCookie(OWNER_COOKIE, done.session.cookieValue, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/api/portal',
        expires: done.session.expiresAt,
      });
      return reply.status(done.created ? 201 : 200).send({ cardNo: done.member.cardNo, created: done.created });
    },
  );
};
