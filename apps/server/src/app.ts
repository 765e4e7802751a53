import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { MODULES, type ModuleServices } from './modules/index.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { AuditService } from './platform/audit/audit.service.js';
import type { PrincipalLoader } from './platform/auth/principal.js';
import { SessionService } from './platform/auth/session.service.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { AppConfig } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { errorHandler, sendError } from './platform/errors.js';
import { EventBus } from './platform/events/event-bus.js';
import { eventRoutes } from './platform/events/events.routes.js';
import { FieldCrypto } from './platform/field-crypto.js';
import { fileRoutes } from './platform/files/files.routes.js';
import { FilesService } from './platform/files/files.service.js';
import { createFileStorage } from './platform/files/storage.js';
import { authPlugin } from './platform/http/auth.plugin.js';
import { inputGuardPlugin } from './platform/http/input-guard.js';
import { observabilityPlugin } from './platform/http/observability.plugin.js';
import { securityPlugin } from './platform/http/security.plugin.js';
import { IdempotencyService } from './platform/idempotency/idempotency.js';
import { importRoutes } from './platform/imports/import.routes.js';
import { ImportService } from './platform/imports/import.service.js';
import { JobRunner } from './platform/jobs/job-runner.js';
import { registerPlatformJobs } from './platform/jobs/platform.jobs.js';
import { messagingRoutes } from './platform/messaging/messaging.routes.js';
import { LogProvider, MessagingService } from './platform/messaging/messaging.service.js';
import { createProviders } from './platform/messaging/providers/index.js';
import { createModules, type Platform, registerModuleRoutes } from './platform/modules.js';

export const consoleDist = join(dirname(fileURLToPath(import.meta.url)), '../../console/dist');
export const portalDist = join(dirname(fileURLToPath(import.meta.url)), '../../portal/dist');

export type AppDeps = { config: AppConfig; database: Database; clock?: Clock; serveConsole?: boolean };

/**
 * Services wired once per process; routes, jobs and the CLI use the same instances. The platform's services come
 * first, then every module of the one list (modules/index.ts) in its order, each with the services of the modules it
 * uses; their listeners, jobs and importers are registered as they are built.
 */
export function createServices(config: AppConfig, database: Database, clock: Clock, log: FastifyInstance['log']) {
  const db = database.db;
  const audit = new AuditService(clock);
  const sessions = new SessionService(
    db,
    {
      secret: config.sessionSecret,
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    },
    clock,
  );
  const jobs = new JobRunner(db, clock, log, { maxConcurrency: config.jobs?.maxConcurrency });
  const events = new EventBus(db, clock, jobs);
  registerPlatformJobs(jobs, { sessions });
  const files = new FilesService(db, createFileStorage(config), clock, log);
  const idempotency = new IdempotencyService(db, () => clock.now());
  jobs.define('idempotency.purge', () => idempotency.purge(new Date(clock.now().getTime() - 7 * 86_400_000)));
  jobs.schedule('idempotency.purge', '29 4 * * *');
  // staff principals come from the org module, built after the platform: looked up when an import runs
  const principals: PrincipalLoader = {
    loadUser: (id) => modules.org.access.loadUser(id),
    loadToken: (hash, now) => modules.org.access.loadToken(hash, now),
    loadSession: (id) => modules.org.access.loadSession(id),
  };
  const imports = new ImportService(db, audit, clock, jobs, principals, log, {
    filesDir: join(config.dataDir, 'files'),
    inlineMaxBytes: config.importInlineMaxKb * 1024,
    maxRows: 200_000,
    progressEvery: 500,
    concurrency: database.kind === 'postgres' ? 2 : 1,
  });
  const logProvider = new LogProvider(log);
  const messaging = new MessagingService(
    db,
    clock,
    jobs,
    createProviders(config, log, logProvider),
    log,
    config.jobs?.delivery,
  );
  const platform: Platform = {
    config,
    database,
    db,
    clock,
    log,
    audit,
    sessions,
    jobs,
    events,
    files,
    idempotency,
    imports,
    messaging,
    crypto: new FieldCrypto(config.encryptionKey),
  };
  const modules = createModules(MODULES, platform) as ModuleServices;
  return { ...platform, logProvider, ...modules };
}
export type Services = ReturnType<typeof createServices>;

export async function buildApp({ config, database, clock = systemClock, serveConsole = true }: AppDeps) {
  const app = Fastify({
    logger:
      config.env === 'test'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();

  const exposure = config.exposure ?? { metricsAllow: 'any', apiDocs: 'public' };
  await app.register(securityPlugin, {
    production: config.env === 'production',
    metricsToken: exposure.metricsToken,
    metricsAllow: exposure.metricsAllow,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const services = createServices(config, database, clock, app.log);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Anju API', version: '0.1.0', description: '安居 customer relationship and service platform' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'anju_sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(inputGuardPlugin);
  await app.register(observabilityPlugin, { database });
  await app.register(authPlugin, {
    sessions: services.sessions,
    loader: services.org.access,
    clock,
    secret: config.sessionSecret,
    secureCookies: config.env === 'production',
    // staff-only API documentation is guarded like the API itself
    guards: (url) => exposure.apiDocs === 'staff' && (url === '/openapi.json' || url.startsWith('/docs')),
  });

  await app.register(auditRoutes, { db: database.db });
  await app.register(importRoutes, { imports: services.imports });
  await app.register(fileRoutes, { files: services.files });
  await app.register(messagingRoutes, {
    messaging: services.messaging,
    showLoginCodes: (config.messaging?.sms.provider ?? 'log') === 'log',
  });
  await app.register(eventRoutes, { db: database.db, events: services.events, audit: services.audit, clock });
  await registerModuleRoutes(MODULES, app, services, services);

  const hasConsole = serveConsole && existsSync(join(consoleDist, 'index.html'));
  // wildcard: files are looked up per request, so a console rebuilt while the server runs is served correctly.
  if (hasConsole) await app.register(fastifyStatic, { root: consoleDist, wildcard: true });
  const hasPortal = serveConsole && existsSync(join(portalDist, 'index.html'));
  if (hasPortal) {
    await app.register(fastifyStatic, { root: portalDist, prefix: '/m/', wildcard: true, decorateReply: !hasConsole });
    app.get('/m', { schema: { hide: true } }, (_request, reply) => reply.redirect('/m/'));
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (isPage && hasPortal && /^\/m(\/|$)/.test(request.url)) {
      return reply.type('text/html').sendFile('index.html', portalDist);
    }
    if (isPage && hasConsole) return reply.type('text/html').sendFile('index.html');
    return sendError(request, reply, 'NOT_FOUND');
  });

  return { app, services };
}
