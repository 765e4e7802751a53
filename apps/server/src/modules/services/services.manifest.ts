import { defineModule } from '../../platform/modules.js';
import { createServicesModule, type ServicesDeps } from './services.module.js';
import { servicesRoutes } from './services.routes.js';
import * as tables from './services.tables.js';
import { servicesPortalRoutes } from './services-portal.routes.js';

/** Value-added services: the group's catalogue, requests step by step on SLA clocks, the callback (docs/services.md). */
export const servicesModule = defineModule({
  name: 'services',
  uses: ['org', 'sla', 'customers', 'surveys', 'club'],
  tables,
  permissions: ['services.read', 'services.work', 'services.manage'],
  create: (platform, deps: ServicesDeps) => createServicesModule(platform, deps),
  async routes(app, services) {
    await app.register(servicesRoutes, { services });
    await app.register(servicesPortalRoutes, { services });
  },
});
