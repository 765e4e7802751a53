import { defineModule } from '../../platform/modules.js';
import type { KpiFactSources } from '../analytics/kpi-fact-sources.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgModule } from '../org/org.module.js';
import type { PortalModule } from '../portal/portal.module.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import { createClubModule } from './club.module.js';
import { clubRoutes } from './club.routes.js';
import * as tables from './club.tables.js';
import { clubMembersImporter } from './club-members.importer.js';
import { clubEventRoutes } from './events/club-event.routes.js';
import * as eventTables from './events/club-event.tables.js';
import { eventAttendanceListener } from './events/club-event-attendance.listener.js';
import { eventHistoryImporter } from './events/club-event-history.importer.js';
import { clubEventPortalRoutes } from './events/club-event-portal.routes.js';
import { createClubEvents } from './events/club-events.module.js';
import { ownershipListener } from './listeners/ownership.listener.js';
import { referralListener } from './listeners/referral.listener.js';
import { surveyListener } from './listeners/survey.listener.js';
import { magazineRoutes } from './magazine/magazine.routes.js';
import * as magazineTables from './magazine/magazine.tables.js';
import { magazinePortalRoutes } from './magazine/magazine-portal.routes.js';
import { myClubRoutes } from './my-club.routes.js';
import { partnerRoutes } from './partners/partner.routes.js';
import * as partnerTables from './partners/partner.tables.js';
import { partnerPortalRoutes } from './partners/partner-portal.routes.js';
import { publicJoinRoutes } from './public-join.routes.js';
import { PublicJoinService } from './public-join.service.js';

/** The owners' club: members with cards, classes and tiers, the points ledger and its earn rules (docs/club.md). */
export const clubModule = defineModule({
  name: 'club',
  uses: ['org', 'customers', 'surveys', 'analytics', 'portal'],
  tables: { ...tables, ...partnerTables, ...eventTables, ...magazineTables },
  permissions: ['club.read', 'club.manage', 'club.partner'],
  create: (
    platform,
    deps: {
      org: OrgModule;
      customers: CustomersModule;
      surveys: SurveysModule;
      analytics: { factSources: KpiFactSources };
      portal: PortalModule;
    },
  ) => {
    const { db, audit, clock, jobs, messaging, config } = platform;
    const club = createClubModule({
      db,
      audit,
      clock,
      customers: deps.customers,
      directory: deps.org.directory,
      jobs,
      messaging,
      publicUrl: config.publicUrl,
    });
    const events = createClubEvents(platform, deps, club.members, club.points);
    // K18 counts the property company's interaction events, read through the events service
    deps.analytics.factSources.registerInteractions((from, to) => events.events.interactionsHeld(from, to));
    const join = new PublicJoinService(db, deps.customers, club.members, deps.portal.auth, deps.org.directory);
    return { ...club, events, join };
  },
  async routes(app, club, platform) {
    await app.register(clubRoutes, { club });
    await app.register(magazineRoutes, { club });
    await app.register(magazinePortalRoutes, { club });
    await app.register(myClubRoutes, { club });
    await app.register(publicJoinRoutes, {
      join: club.join,
      secureCookies: platform.config.env === 'production',
      perMinute: platform.config.env === 'test' ? 1000 : 20,
    });
    await app.register(clubEventRoutes, { events: club.events });
    await app.register(clubEventPortalRoutes, { events: club.events });
    await app.register(partnerRoutes, { partners: club.partners });
    await app.register(partnerPortalRoutes, { partners: club.partners });
  },
  jobs(jobs, club) {
    club.expiry.register(jobs);
    club.magazine.register(jobs);
    club.events.jobs.register(jobs);
  },
  importers: (club, { clock }, { org, customers }) => [
    eventHistoryImporter({ directory: org.directory, clock }),
    clubMembersImporter({ customers, members: club.members }),
  ],
  listeners: (club) => [
    ownershipListener(club.members, club.points),
    surveyListener(club.points),
    referralListener(club.points, club.customers),
    eventAttendanceListener(club.points),
  ],
});
