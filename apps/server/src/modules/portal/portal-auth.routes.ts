import {
  errorBody,
  loginCodeRequested,
  myProfile,
  okBody,
  requestLoginCodeBody,
  verifyLoginCodeBody,
} from '@anju/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import type { Owner, OwnerAuthService } from './owner-auth.service.js';
import type { PortalAccountService } from './portal-account.service.js';

export const OWNER_COOKIE = 'anju_owner';
const COOKIE_PATH = '/api/portal';

declare module 'fastify' {
  interface FastifyRequest {
    owner: Owner | null;
  }
  interface FastifyContextConfig {
    /** A portal route reachable without an owner session (sign-in). Every other /api/portal route needs one. */
    ownerPublic?: boolean;
  }
}

/** The signed-in owner of a portal request, or 401 OWNER_AUTH_REQUIRED. */
export function ownerOf(request: FastifyRequest): Owner {
  if (!request.owner) throw new AppError('OWNER_AUTH_REQUIRED');
  return request.owner;
}

export const traceOf = (request: FastifyRequest) => ({ requestId: String(request.id), ip: request.ip ?? null });

const clearCookie = (reply: FastifyReply) => reply.clearCookie(OWNER_COOKIE, { path: COOKIE_PATH });

/** Resolves the owner of every /api/portal request from the owner cookie (for all plugins, hence fastify-plugin). */
export const ownerSessionPlugin = fp(async (app: FastifyInstance, { auth }: { auth: OwnerAuthService }) => {
  app.decorateRequest('owner', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(`${COOKIE_PATH}/`)) return;
    const cookie = request.cookies[OWNER_COOKIE];
    if (cookie) {
      request.owner = await auth.resolve(cookie);
      if (!request.owner) clearCookie(reply);
    }
    // before validation: an anonymous caller learns nothing about a route's input
    if (!request.owner && request.routeOptions.config?.ownerPublic !== true) throw new AppError('OWNER_AUTH_REQUIRED');
  });
});

/**
 * Owner sign-in by SMS code. The owner cookie is separate from staff sessions: httpOnly, SameSite=Strict (which
 * is the portal's CSRF defence: no other site can make the browser send it) and limited to /api/portal.
 */
export const portalAuthRoutes: FastifyPluginAsyncZod<{
  auth: OwnerAuthService;
  account: PortalAccountService;
  secureCookies: boolean;
  verifyPerMinute: number;
}> = async (app, { auth, account, secureCookies, verifyPerMinute }) => {
  app.post(
    '/api/portal/auth/code',
    {
      config: { public: true, ownerPublic: true, rateLimit: { max: verifyPerMinute, timeWindow: '1 minute' } },
      schema: {
        operationId: 'requestLoginCode',
        tags: ['portal'],
        summary:
          'Send a 6-digit login code by SMS (5 minutes, single use). Same answer for any number; 429 past the per-number and per-IP limits',
        body: requestLoginCodeBody,
        response: { 200: loginCodeRequested, '4xx': errorBody },
      },
    },
    (request) => auth.requestCode(request.body.phone, request.ip ?? null),
  );

  app.post(
    '/api/portal/auth/verify',
    {
      config: { public: true, ownerPublic: true, rateLimit: { max: verifyPerMinute, timeWindow: '1 minute' } },
      schema: {
        operationId: 'verifyLoginCode',
        tags: ['portal'],
        summary: 'Exchange the code for an owner session (cookie anju_owner); a wrong, used or expired code is one 400',
        body: verifyLoginCodeBody,
        response: { 200: myProfile, '4xx': errorBody },
      },
    },
    async (request, reply) => {
      const session = await auth.verify(request.body.phone, request.body.code, {
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(OWNER_COOKIE, session.cookieValue, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: COOKIE_PATH,
        expires: session.expiresAt,
      });
      const owner = await auth.resolve(session.cookieValue);
      return account.profile(owner as Owner);
    },
  );

  app.post(
    '/api/portal/auth/logout',
    {
      config: { public: true, ownerPublic: true },
      schema: { operationId: 'ownerLogout', tags: ['portal'], response: { 200: okBody, '4xx': errorBody } },
    },
    async (request, reply) => {
      if (request.owner) await auth.logout(request.owner.sessionId);
      clearCookie(reply);
      return { ok: true as const };
    },
  );
};
