import type { ServicesOf } from '../platform/modules.js';
import { analyticsModule } from './analytics/analytics.manifest.js';
import { clubModule } from './club/club.manifest.js';
import { customersModule } from './customers/customers.manifest.js';
import { journeysModule } from './journeys/journeys.manifest.js';
import { knowledgeModule } from './knowledge/knowledge.manifest.js';
import { noticesModule } from './notices/notices.manifest.js';
import { orgModule } from './org/org.manifest.js';
import { portalModule } from './portal/portal.manifest.js';
import { propertyModule } from './property/property.manifest.js';
import { qualityModule } from './quality/quality.manifest.js';
import { servicesModule } from './services/services.manifest.js';
import { slaModule } from './sla/sla.manifest.js';
import { surveysModule } from './surveys/surveys.manifest.js';
import { ticketsModule } from './tickets/tickets.manifest.js';

/**
 * Every module, once, in dependency order (a module comes after the modules it `uses`). app.ts builds services,
 * listeners, jobs, importers and routes by walking this list; src/schema.ts takes the tables from it.
 */
export const MODULES = [
  orgModule,
  slaModule,
  propertyModule,
  customersModule,
  surveysModule,
  knowledgeModule,
  ticketsModule,
  noticesModule,
  journeysModule,
  portalModule,
  analyticsModule,
  clubModule,
  servicesModule,
  qualityModule,
] as const;

/** `services.<module name>`: each module's public services. */
export type ModuleServices = ServicesOf<typeof MODULES>;

type DepsOf<M> = M extends { create(platform: never, deps: infer D): unknown } ? D : never;
type Unwired = {
  [M in (typeof MODULES)[number] as ModuleServices extends DepsOf<M> ? never : M['name']]: DepsOf<M>;
};
/** Compile-time check: each module's `deps` are the services of the modules it names (the names are checked at start). */
export const MODULES_WIRED: keyof Unwired extends never ? true : Unwired = true;
