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
import { rosterImporter } from './modules/customers/customer.importer.js';
import { customerRoutes } from './modules/customers/customer.routes.js';
import { createCustomersModule } from './modules/customers/customers.module.js';
import { noticeRoutes } from './modules/notices/notice.routes.js';
import { NoticeService } from './modules/notices/notice.service.js';
import { authRoutes } from './modules/org/auth.routes.js';
import { createOrgModule, registerOrgJobs } from './modules/org/org.module.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { userRoutes } from './modules/org/user.routes.js';
import { createPortalModule } from './modules/portal/portal.module.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { ownerSessionPlugin, portalAuthRoutes } from './modules/portal/portal-auth.routes.js';
import { portalNoticeRoutes } from './modules/portal/portal-notices.routes.js';
import { DeliveryBatchService } from './modules/property/delivery-batch.service.js';
import { deliveryBatchRoutes, propertyRoutes } from './modules/property/property.routes.js';
import { PropertyService } from './modules/property/property.service.js';
import { unitImporter } from './modules/property/unit.importer.js';
import { slaRoutes } from './modules/tickets/sla/sla.routes.js';
import { ticketRoutes } from './modules/tickets/ticket.routes.js';
import { ticketPhotoRoutes } from './modules/tickets/ticket-photos.routes.js';
import { TicketPhotoService } from './modules/tickets/ticket-photos.service.js';
import { ticketViewRoutes } from './modules/tickets/ticket-views.js';
import { createTicketsModule } from './modules/tickets/tickets.module.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { AuditService } from './platform/audit/audit.service.js';
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

export const consoleDist = join(dirname(fileURLToPath(import.meta.url)), '../../console/dist');
export const portalDist = join(dirname(fileURLToPath(import.meta.url)), '../../portal/dist');

export type AppDeps = { config: AppConfig; database: Database; clock?: Clock; serveConsole?: boolean };

/** Services wired once per process; routes, jobs and the CLI use the same instances. */
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
  const org = createOrgModule({
    db,
    audit,
    sessions,
    clock,
    secret: config.sessionSecret,
    login: { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes },
  });
  const jobs = new JobRunner(db, clock, log, { maxConcurrency: config.jobs?.maxConcurrency });
  const events = new EventBus(db, clock, jobs);
  registerPlatformJobs(jobs, { sessions });
  registerOrgJobs(jobs);
  const files = new FilesService(db, createFileStorage(config), clock, log);
  const idempotency = new IdempotencyService(db, () => clock.now());
  jobs.define('idempotency.purge', () => idempotency.purge(new Date(clock.now().getTime() - 7 * 86_400_000)));
  jobs.schedule('idempotency.purge', '29 4 * * *');
  const imports = new ImportService(db, audit, clock, jobs, org.access, log, {
    filesDir: join(config.dataDir, 'files'),
    inlineMaxBytes: config.importInlineMaxKb * 1024,
    maxRows: 200_000,
    progressEvery: 500,
    concurrency: database.kind === 'postgres' ? 2 : 1,
  });
  imports.register(unitImporter);
  const property = new PropertyService(db, audit, clock, org.orgUnits, events);
  const deliveryBatches = new DeliveryBatchService(db, audit, clock, property, events);
  const customers = createCustomersModule({
    db,
    audit,
    clock,
    crypto: new FieldCrypto(config.encryptionKey),
    orgUnits: org.orgUnits,
    directory: org.directory,
    events,
  });
  imports.register(rosterImporter({ ...customers, audit, clock }));
  const logProvider = new LogProvider(log);
  const messaging = new MessagingService(
    db,
    clock,
    jobs,
    createProviders(config, log, logProvider),
    log,
    config.jobs?.delivery,
  );
  const tickets = createTicketsModule({
    db,
    audit,
    clock,
    jobs,
    events,
    messaging,
    customers,
    property,
    directory: org.directory,
    publicUrl: config.publicUrl,
    log,
  });
  const ticketPhotos = new TicketPhotoService(db, audit, files, tickets.tickets, org.directory);
  const notices = new NoticeService(db, audit, clock, files, org.orgUnits, org.directory, events);
  const portal = createPortalModule({
    db,
    clock,
    jobs,
    secret: config.sessionSecret,
    messaging,
    files,
    customers,
    property,
    tickets,
    notices,
    directory: org.directory,
  });
  return {
    idempotency,
    notices,
    portal,
    audit,
    sessions,
    org,
    jobs,
    events,
    files,
    imports,
    customers,
    property,
    deliveryBatches,
    messaging,
    logProvider,
    tickets,
    ticketPhotos,
  };
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

  await app.register(authRoutes, {
    org: services.org,
    secureCookies: config.env === 'production',
    loginPerMinute: config.env === 'test' ? 1000 : 30,
  });
  await app.register(orgRoutes, { org: services.org });
  await app.register(userRoutes, { org: services.org });
  await app.register(propertyRoutes, { property: services.property });
  await app.register(deliveryBatchRoutes, { batches: services.deliveryBatches });
  await app.register(customerRoutes, { customers: services.customers, idempotency: services.idempotency });
  await app.register(auditRoutes, { db: database.db });
  await app.register(importRoutes, { imports: services.imports });
  await app.register(fileRoutes, { files: services.files });
  await app.register(ticketRoutes, { tickets: services.tickets, idempotency: services.idempotency });
  await app.register(ticketViewRoutes, { db: database.db, clock });
  await app.register(slaRoutes, { tickets: services.tickets });
  await app.register(ticketPhotoRoutes, { photos: services.ticketPhotos });
  await app.register(messagingRoutes, {
    messaging: services.messaging,
    showLoginCodes: (config.messaging?.sms.provider ?? 'log') === 'log',
  });
  await app.register(eventRoutes, { db: database.db, events: services.events, audit: services.audit, clock });
  await app.register(noticeRoutes, { notices: services.notices });
  await app.register(ownerSessionPlugin, { auth: services.portal.auth });
  await app.register(portalAuthRoutes, {
    auth: services.portal.auth,
    account: services.portal.account,
    secureCookies: config.env === 'production',
    verifyPerMinute: config.env === 'test' ? 1000 : 20,
  });
  await app.register(portalRoutes, { portal: services.portal });
  await app.register(portalNoticeRoutes, { portal: services.portal });

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
