import { defineModule } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import { rosterImporter } from './customer.importer.js';
import { customerRoutes } from './customer.routes.js';
import * as tables from './customer.tables.js';
import { createCustomersModule } from './customers.module.js';
import { handoverHistoryImporter } from './history/handover-history.importer.js';

/** Customer 360: people, their relations, the timeline, search and PII protection; the owner roster import. */
export const customersModule = defineModule({
  name: 'customers',
  uses: ['org'],
  tables,
  permissions: [
    'customers.read',
    'customers.manage',
    'customers.reveal',
    'customers.import',
    'customers.export',
    'customers.privacy',
  ],
  create: ({ db, audit, clock, crypto, events }, { org }: { org: OrgModule }) =>
    createCustomersModule({ db, audit, clock, crypto, orgUnits: org.orgUnits, directory: org.directory, events }),
  async routes(app, customers, { idempotency }) {
    await app.register(customerRoutes, { customers, idempotency });
  },
  importers: (customers, { audit, clock, events }) => [
    rosterImporter({ ...customers, audit, clock, events }),
    handoverHistoryImporter(clock),
  ],
});
