import { defineModule } from '../../platform/modules.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgModule } from '../org/org.module.js';
import { knowledgeRoutes } from './knowledge.routes.js';
import { KnowledgeService } from './knowledge.service.js';
import * as tables from './knowledge.tables.js';

/** The knowledge base of standard problems (docs/knowledge.md): articles, versions, search, home care. */
export const knowledgeModule = defineModule({
  name: 'knowledge',
  uses: ['org', 'customers'],
  tables,
  create: ({ db, audit, clock, files }, { org, customers }: { org: OrgModule; customers: CustomersModule }) =>
    new KnowledgeService(db, audit, clock, org.directory, customers, files),
  async routes(app, knowledge) {
    await app.register(knowledgeRoutes, { knowledge });
  },
  permissions: ['knowledge.read', 'knowledge.manage'],
});
