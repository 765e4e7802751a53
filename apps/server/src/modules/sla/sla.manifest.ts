import { defineModule } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import { createSlaModule } from './sla.module.js';
import { calendarRoutes } from './sla.routes.js';
import * as tables from './sla.tables.js';

/**
 * Deadlines: SLA clocks of any registered subject (tickets and work orders, journey tasks, service requests, group
 * cases), business calendars, and the minutely sweep with its escalation ladder up the org tree.
 */
export const slaModule = defineModule({
  name: 'sla',
  uses: ['org'],
  tables,
  permissions: ['sla.manage'],
  create: (platform, { org }: { org: OrgModule }) => createSlaModule(platform, org),
  async routes(app, sla) {
    await app.register(calendarRoutes, { sla });
  },
  jobs(jobs, sla) {
    sla.sweep.register(jobs);
  },
});
