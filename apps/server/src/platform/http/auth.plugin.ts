import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal, PrincipalLoader, RequestContext } from '../auth/principal.js';
import { keyedHash, safeEqual } from '../auth/secrets.js';
import type { SessionService } from '../auth/session.service.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a principal (login, callbacks by token link). Everything else is default-deny. */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'anju_sid';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type AuthPluginOptions = {
  sessions: SessionService;
  loader: PrincipalLoader;
  clock: Clock;
  secret: string;
  secureCookies: boolean;
  /** Paths outside /api that need a principal too (the API documentation when it is staff-only). */
  guards?: (url: string) => boolean;
};

export function setSessionCookie(reply: FastifyReply, value: string, expires: Date, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Resolves the principal of every /api request (bearer API token or session cookie), refuses anonymous calls
 * to non-public routes, and requires the CSRF header on cookie-authenticated writes.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') && !opts.guards?.(request.url)) return;
    const isPublic = request.routeOptions.config?.public === true;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const principal = await opts.loader.loadToken(keyedHash(opts.secret, auth.slice(7).trim()), opts.clock.now());
      if (!principal) throw new AppError('AUTH_TOKEN_INVALID');
      request.principal = principal;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const principal = await opts.sessions.authenticate(cookie, opts.loader);
      if (principal) {
        request.principal = principal;
      } else {
        clearSessionCookie(reply);
        if (!isPublic) throw new AppError('AUTH_SESSION_EXPIRED');
      }
    }
    if (isPublic) return;
    if (!request.principal) throw new AppError('AUTH_REQUIRED');
    if (request.principal.via === 'session' && UNSAFE.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (
        typeof header !== 'string' ||
        !request.principal.csrfToken ||
        !safeEqual(header, request.principal.csrfToken)
      ) {
        throw new AppError('CSRF_TOKEN_INVALID');
      }
    }
  });
});

/** The context every service call receives; only valid on authenticated routes. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.principal) throw new AppError('AUTH_REQUIRED');
  return { principal: request.principal, ip: request.ip ?? null, requestId: String(request.id) };
}

export const anonymousContextOf = (request: FastifyRequest) => ({
  principal: null,
  ip: request.ip ?? null,
  requestId: String(request.id),
});
