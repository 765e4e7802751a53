import { defineModule } from '../../platform/modules.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgModule } from '../org/org.module.js';
import { createClubModule } from './club.module.js';
import { clubRoutes } from './club.routes.js';
import * as tables from './club.tables.js';
import { ownershipListener } from './listeners/ownership.listener.js';
import { surveyListener } from './listeners/survey.listener.js';
import * as partnerTables from './partners/partner.tables.js';

/** The owners' club: members with cards, classes and tiers, the points ledger and its earn rules (docs/club.md). */
export const clubModule = defineModule({
  name: 'club',
  uses: ['org', 'customers'],
  tables: { ...tables, ...partnerTables },
  permissions: ['club.read', 'club.manage', 'club.partner'],
  create: ({ db, audit, clock }, deps: { org: OrgModule; customers: CustomersModule }) =>
    createClubModule({ db, audit, clock, customers: deps.customers, directory: deps.org.directory }),
  async routes(app, club) {
    await app.register(clubRoutes, { club });
  },
  listeners: (club) => [ownershipListener(club.members, club.points), surveyListener(club.points)],
});
