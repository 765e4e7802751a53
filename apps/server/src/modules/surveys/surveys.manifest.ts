import { defineModule } from '../../platform/modules.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgModule } from '../org/org.module.js';
import { callbackHistoryImporter } from './history/callback-history.importer.js';
import { surveyRoutes } from './survey.routes.js';
import { createSurveysModule } from './surveys.module.js';
import * as tables from './surveys.tables.js';

/** Callbacks and surveys for any service: definitions with versions, requests by phone, SMS link or portal. */
export const surveysModule = defineModule({
  name: 'surveys',
  uses: ['org', 'customers'],
  tables,
  permissions: ['surveys.manage'],
  create: ({ db, audit, clock, messaging, config, events }, deps: { org: OrgModule; customers: CustomersModule }) =>
    createSurveysModule({
      db,
      audit,
      clock,
      messaging,
      customers: deps.customers,
      directory: deps.org.directory,
      publicUrl: config.publicUrl,
      events,
    }),
  async routes(app, surveys) {
    await app.register(surveyRoutes, { surveys });
  },
  jobs(jobs, surveys) {
    surveys.linkExpiry.register(jobs);
  },
  importers: (surveys, _platform, { org }) => [
    callbackHistoryImporter({ directory: org.directory, tickets: surveys.ticketNumbers }),
  ],
});
