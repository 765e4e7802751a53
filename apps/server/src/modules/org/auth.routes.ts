import {
  apiTokenList,
  changePasswordBody,
  createApiTokenBody,
  createdApiToken,
  errorBody,
  idParams,
  loginBody,
  type Me,
  me,
  okBody,
} from '@anju/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import {
  anonymousContextOf,
  clearSessionCookie,
  contextOf,
  setSessionCookie,
} from '../../platform/http/auth.plugin.js';
import { presentApiToken } from './api-token.service.js';
import type { OrgModule } from './org.module.js';

const errors = { '4xx': errorBody };

const presentMe = (p: Principal): Me => ({
  id: p.userId,
  username: p.username,
  displayName: p.displayName,
  orgUnit: { id: p.orgUnitId, name: p.orgUnitName, type: p.orgUnitType },
  roles: p.roles,
  permissions: [...p.permissions].sort(),
  csrfToken: p.csrfToken,
  authenticatedBy: p.via,
});

const DEVICE_COOKIE = 'anju_device';
const DEVICE_COOKIE_SECONDS = 400 * 24 * 3600;

export const authRoutes: FastifyPluginAsyncZod<{
  org: OrgModule;
  secureCookies: boolean;
  loginPerMinute: number;
}> = async (app, { org, secureCookies, loginPerMinute }) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in with user name and password; sets the session cookie',
        body: loginBody,
        response: { 200: me, ...errors },
      },
    },
    async (request, reply) => {
      const given = request.cookies[DEVICE_COOKIE];
      const { userId, session, deviceToken } = await org.auth.login(
        request.body.username,
        request.body.password,
        anonymousContextOf(request),
        request.headers['user-agent'] ?? null,
        given && /^[\w-]{16,64}$/.test(given) ? given : undefined,
      );
      const principal = await org.access.loadUser(userId);
      if (!principal) throw new AppError('AUTH_USER_DISABLED');
      setSessionCookie(reply, session.cookieValue, session.expiresAt, secureCookies);
      // marks this browser as one the user signs in from (it passes the account-wide throttle, login-throttle.ts)
      reply.setCookie(DEVICE_COOKIE, deviceToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/api/auth/login',
        maxAge: DEVICE_COOKIE_SECONDS,
      });
      return presentMe({ ...principal, via: 'session', sessionId: session.id, csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { operationId: 'logout', tags: ['auth'], response: { 200: okBody, ...errors } } },
    async (request, reply) => {
      await org.auth.logout(contextOf(request));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { operationId: 'getMe', tags: ['auth'], response: { 200: me, ...errors } } },
    async (request) => presentMe(contextOf(request).principal),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        body: changePasswordBody,
        response: { 200: okBody, ...errors },
      },
    },
    async (request) => {
      await org.auth.changePassword(contextOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/api-tokens',
    { schema: { operationId: 'listApiTokens', tags: ['auth'], response: { 200: apiTokenList, ...errors } } },
    async (request) => ({ items: (await org.apiTokens.list(contextOf(request))).map(presentApiToken) }),
  );

  app.post(
    '/api/api-tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags: ['auth'],
        summary: 'Create an API token; the secret is in this response only',
        body: createApiTokenBody,
        response: { 201: createdApiToken, ...errors },
      },
    },
    async (request, reply) => {
      const { view, token } = await org.apiTokens.create(contextOf(request), request.body);
      return reply.status(201).send({ ...presentApiToken(view), token });
    },
  );

  app.delete(
    '/api/api-tokens/:id',
    {
      schema: { operationId: 'revokeApiToken', tags: ['auth'], params: idParams, response: { 200: okBody, ...errors } },
    },
    async (request) => {
      await org.apiTokens.revoke(contextOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
