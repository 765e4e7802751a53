import { defineModule } from '../../platform/modules.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { JourneysModule } from '../journeys/journeys.module.js';
import type { NoticeService } from '../notices/notice.service.js';
import type { OrgModule } from '../org/org.module.js';
import type { PropertyModule } from '../property/property.manifest.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { createPortalModule } from './portal.module.js';
import { portalRoutes } from './portal.routes.js';
import * as tables from './portal.tables.js';
import { ownerSessionPlugin, portalAuthRoutes } from './portal-auth.routes.js';
import { portalDisclosureRoutes } from './portal-disclosure.routes.js';
import { portalHandoverRoutes } from './portal-handover.routes.js';
import { portalNoticeRoutes } from './portal-notices.routes.js';
import { portalOpenDayRoutes } from './portal-open-days.routes.js';
import { portalSurveyRoutes } from './portal-surveys.routes.js';

type Deps = {
  org: OrgModule;
  property: PropertyModule;
  customers: CustomersModule;
  tickets: TicketsModule;
  notices: NoticeService;
  journeys: JourneysModule;
  surveys: SurveysModule;
};

/** The owner portal: SMS-code sign-in, the person's homes and requests, notices of their projects. */
export const portalModule = defineModule({
  name: 'portal',
  uses: ['org', 'property', 'customers', 'tickets', 'notices', 'journeys', 'surveys'],
  tables,
  create: ({ db, clock, jobs, config, messaging, files }, deps: Deps) =>
    createPortalModule({
      db,
      clock,
      jobs,
      secret: config.sessionSecret,
      messaging,
      files,
      customers: deps.customers,
      property: deps.property.property,
      tickets: deps.tickets,
      notices: deps.notices,
      directory: deps.org.directory,
      journeys: deps.journeys,
      surveys: deps.surveys,
    }),
  async routes(app, portal, { config }) {
    await app.register(ownerSessionPlugin, { auth: portal.auth });
    await app.register(portalAuthRoutes, {
      auth: portal.auth,
      account: portal.account,
      secureCookies: config.env === 'production',
      verifyPerMinute: config.env === 'test' ? 1000 : 20,
    });
    await app.register(portalRoutes, { portal });
    await app.register(portalNoticeRoutes, { portal });
    await app.register(portalDisclosureRoutes, { portal });
    await app.register(portalHandoverRoutes, { portal });
    await app.register(portalOpenDayRoutes, { portal });
    await app.register(portalSurveyRoutes, { portal });
  },
  jobs(jobs, portal) {
    jobs.define('portal.purge-logins', () => portal.auth.purge());
    jobs.schedule('portal.purge-logins', '23 * * * *');
  },
});
