import { defineModule } from '../../platform/modules.js';
import { ticketSignalListener } from './listeners/ticket-signal.listener.js';
import { createQualityModule, type QualityDeps } from './quality.module.js';
import { qualityRoutes } from './quality.routes.js';
import * as tables from './quality.tables.js';

/** Quality: group-complaint early warning from clusters of related tickets (docs/quality.md). */
export const qualityModule = defineModule({
  name: 'quality',
  uses: ['org', 'tickets'],
  tables,
  permissions: ['quality.read', 'quality.manage'],
  create: (platform, deps: QualityDeps) => createQualityModule(platform, deps),
  async routes(app, quality) {
    await app.register(qualityRoutes, { quality });
  },
  listeners: (quality) => [ticketSignalListener(quality.detector)],
});
