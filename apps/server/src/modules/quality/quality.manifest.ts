import { defineModule } from '../../platform/modules.js';
import { groupCaseRoutes } from './cases/case.routes.js';
import * as caseTables from './cases/case.tables.js';
import { lessonRoutes } from './lessons/lesson.routes.js';
import * as lessonTables from './lessons/lesson.tables.js';
import { ticketSignalListener } from './listeners/ticket-signal.listener.js';
import { createQualityModule, type QualityDeps } from './quality.module.js';
import { qualityRoutes } from './quality.routes.js';
import * as tables from './quality.tables.js';
import { scorecardRoutes } from './scorecards/scorecard.routes.js';
import * as scorecardTables from './scorecards/scorecard.tables.js';

/** Quality: group-complaint early warning, group cases, lessons learned, supplier scorecards (docs/quality.md). */
export const qualityModule = defineModule({
  name: 'quality',
  uses: ['org', 'tickets', 'sla', 'journeys'],
  tables: { ...tables, ...caseTables, ...lessonTables, ...scorecardTables },
  permissions: ['quality.read', 'quality.manage', 'scorecards.read'],
  create: (platform, deps: QualityDeps) => createQualityModule(platform, deps),
  async routes(app, quality) {
    await app.register(qualityRoutes, { quality });
    await app.register(groupCaseRoutes, { cases: quality.cases });
    await app.register(lessonRoutes, { lessons: quality.lessons });
    await app.register(scorecardRoutes, { scorecards: quality.scorecards });
  },
  jobs(jobs, quality) {
    quality.scorecardMailing.register(jobs);
  },
  listeners: (quality) => [ticketSignalListener(quality.detector)],
});
