import { defineModule } from '../../platform/modules.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgModule } from '../org/org.module.js';
import type { PropertyModule } from '../property/property.manifest.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { acceptanceRoutes } from './acceptance/acceptance.routes.js';
import { disclosureRoutes } from './disclosure/disclosure.routes.js';
import * as disclosureTables from './disclosure/disclosure.tables.js';
import { handoverRoutes } from './handover/handover.routes.js';
import * as handoverTables from './handover/handover.tables.js';
import { openDayHistoryImporter } from './history/open-day-history.importer.js';
import { propertyHandoverHistoryImporter } from './history/property-handover-history.importer.js';
import * as tables from './journey.tables.js';
import { createJourneysModule } from './journeys.module.js';
import { journeyTaskRoutes, journeyTemplateRoutes } from './journeys.routes.js';
import { anchorsListener } from './listeners/anchors.listener.js';
import { noticeSmsListener } from './listeners/notice-sms.listener.js';
import { openDayRoutes } from './open-days/open-day.routes.js';
import * as openDayTables from './open-days/open-day.tables.js';
import { propertyHandoverRoutes } from './property-handover/property-handover.routes.js';

/** Service journeys (6+2 and Pulte's 7 steps): templates, the planner of each household's tasks, doing the work. */
export const journeysModule = defineModule({
  name: 'journeys',
  uses: ['org', 'sla', 'tickets', 'customers', 'property', 'surveys'],
  tables: { ...tables, ...handoverTables, ...openDayTables, ...disclosureTables },
  permissions: ['journeys.read', 'journeys.manage', 'journeys.work'],
  create: (
    platform,
    deps: {
      org: OrgModule;
      sla: SlaModule;
      tickets: TicketsModule;
      customers: CustomersModule;
      property: PropertyModule;
      surveys: SurveysModule;
    },
  ) => createJourneysModule(platform, deps),
  importers: (_journeys, { clock }, { org }) => [
    openDayHistoryImporter({ directory: org.directory, clock }),
    propertyHandoverHistoryImporter(clock),
  ],
  async routes(app, journeys) {
    await app.register(journeyTemplateRoutes, { journeys });
    await app.register(journeyTaskRoutes, { journeys });
    await app.register(disclosureRoutes, { disclosure: journeys.disclosure });
    await app.register(acceptanceRoutes, { acceptance: journeys.acceptance });
    await app.register(propertyHandoverRoutes, { handovers: journeys.propertyHandovers });
    await app.register(handoverRoutes, { journeys });
    await app.register(openDayRoutes, { openDays: journeys.openDays });
  },
  listeners: (journeys) => [anchorsListener(journeys.planner), noticeSmsListener(journeys.noticeSms)],
  jobs(jobs, journeys) {
    journeys.planner.register(jobs);
    journeys.warrantyReminders.register(jobs);
    journeys.noticeSms.register(jobs);
    journeys.handover.reminders.register(jobs);
    journeys.openDays.invitations.register(jobs);
  },
});
