import type { Permission } from '@anju/contracts';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditService } from './audit/audit.service.js';
import type { SessionService } from './auth/session.service.js';
import type { Clock } from './clock.js';
import type { AppConfig } from './config.js';
import type { Database, Db } from './db/database.js';
import type { EventBus, Listener } from './events/event-bus.js';
import type { FieldCrypto } from './field-crypto.js';
import type { FilesService } from './files/files.service.js';
import type { IdempotencyService } from './idempotency/idempotency.js';
import type { ImportService } from './imports/import.service.js';
import type { Importer } from './imports/importer.js';
import type { JobRunner } from './jobs/job-runner.js';
import type { MessagingService } from './messaging/messaging.service.js';

/** The platform's services, built by app.ts before any module and handed to every module's `create`. */
export type Platform = {
  config: AppConfig;
  database: Database;
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  audit: AuditService;
  sessions: SessionService;
  jobs: JobRunner;
  events: EventBus;
  files: FilesService;
  idempotency: IdempotencyService;
  imports: ImportService;
  messaging: MessagingService;
  crypto: FieldCrypto;
};

/** The Fastify instance routes are registered on (zod type provider). */
// biome-ignore lint/suspicious/noExplicitAny: any logger and request/reply types, as Fastify's own defaults
export type ModuleApp = FastifyInstance<RawServerDefault, any, any, FastifyBaseLogger, ZodTypeProvider>;

/** A console menu entry a module contributes (the console's menu reads the same keys; docs/extending.md). */
export type MenuEntry = { key: string; path: string; permission?: Permission };

/**
 * One module, declared once (`modules/<name>/<name>.manifest.ts`) and listed once (`modules/index.ts`). app.ts, the
 * schema and the job runner loop over that list; the platform names no module — this type is generic over the
 * services a module builds (`Services`) and the other modules' public services it uses (`Deps`).
 */
export type ModuleDefinition<Name extends string = string, Services = unknown, Deps = Record<string, unknown>> = {
  name: Name;
  /** The modules whose public services `create` receives, by name; each must come earlier in the list. */
  uses: readonly (keyof Deps & string)[];
  /** Every Drizzle table the module owns (its `*.tables.ts` exports): the schema is built from these. */
  tables: Record<string, unknown>;
  /** The module's public services (what `services.<name>` is and what modules that use it receive). */
  create(platform: Platform, deps: Deps): Services;
  /** Registers the module's routes. */
  routes?(app: ModuleApp, services: Services, platform: Platform): Promise<void>;
  /** Domain-event listeners (`listeners/*.listener.ts`), registered on the platform's event bus. */
  listeners?(services: Services, platform: Platform, deps: Deps): Listener<never>[];
  /** Job definitions and schedules (`jobs.define`, `jobs.schedule`). */
  jobs?(jobs: JobRunner, services: Services, platform: Platform): void;
  /** Spreadsheet importers, registered with the platform's import service. */
  importers?(services: Services, platform: Platform, deps: Deps): Importer<unknown>[];
  /** The permissions the module checks (declared in `@anju/contracts` permissions with their role sets). */
  permissions?: readonly Permission[];
  /** Console menu entries, if the module has pages. */
  menu?: readonly MenuEntry[];
};

/** Declares a module; the types of its services and dependencies are inferred from `create`. */
export function defineModule<const Name extends string, Services, Deps = Record<never, never>>(
  definition: ModuleDefinition<Name, Services, Deps>,
): ModuleDefinition<Name, Services, Deps> {
  return definition;
}

/** Any module definition (the list's element type). */
// biome-ignore lint/suspicious/noExplicitAny: services and deps differ per module; each definition keeps its own
export type AnyModule = ModuleDefinition<string, any, any>;

/** `services.<name>` of every module in a list. */
export type ServicesOf<Modules extends readonly AnyModule[]> = {
  [M in Modules[number] as M['name']]: ReturnType<M['create']>;
};

/**
 * Builds every module in list order: each gets the platform and the services of the modules it `uses` (which must be
 * listed before it), then its listeners, jobs and importers are registered. Returns the modules' services by name.
 */
export function createModules(modules: readonly AnyModule[], platform: Platform) {
  const built: Record<string, unknown> = {};
  for (const m of modules) {
    if (m.name in built) throw new Error(`module ${m.name} is listed twice`);
    const deps: Record<string, unknown> = {};
    for (const used of m.uses) {
      if (!(used in built)) throw new Error(`module ${m.name} uses ${used}, which is not listed before it`);
      deps[used] = built[used];
    }
    const services = m.create(platform, deps);
    built[m.name] = services;
    for (const listener of m.listeners?.(services, platform, deps) ?? []) platform.events.listen(listener);
    m.jobs?.(platform.jobs, services, platform);
    for (const importer of m.importers?.(services, platform, deps) ?? []) platform.imports.register(importer);
  }
  return built;
}

/** Registers every module's routes, in list order. */
export async function registerModuleRoutes(
  modules: readonly AnyModule[],
  app: ModuleApp,
  services: Record<string, unknown>,
  platform: Platform,
) {
  for (const m of modules) await m.routes?.(app, services[m.name], platform);
}
