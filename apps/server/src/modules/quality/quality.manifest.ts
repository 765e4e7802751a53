import { defineModule } from '../../platform/modules.js';
import { groupCaseRoutes } from './cases/case.routes.js';
import * as caseTables from './cases/case.tables.js';
import { lessonRoutes } from './lessons/lesson.routes.js';
import * as lessonTables from './lessons/lesson.tables.js';
import { ticketSignalListener } from './listeners/ticket-signal.listener.js';
import { createQualityModule, type QualityDeps } from './quality.module.js';
import { qualityRoutes } from './quality.routes.js';
import * as tables from './quality.tables.js';

/** Quality: group-complaint early warning from clusters of related tickets (docs/quality.md). */
export const qualityModule = defineModule({
  name: 'quality',
  uses: ['org', 'tickets', 'sla', 'journeys'],
  tables: { ...tables, ...caseTables, ...lessonTables },
  permissions: ['quality.read', 'quality.manage'],
  create: (platform, deps: QualityDeps) => createQualityModule(platform, deps),
  async routes(app, quality) {
    await app.register(qualityRoutes, { quality });
    await app.register(groupCaseRoutes, { cases: quality.cases });
    await app.register(lessonRoutes, { lessons: quality.lessons });
  },
  listeners: (quality) => [ticketSignalListener(quality.detector)],
});
