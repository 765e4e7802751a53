import type { Platform } from '../../../platform/modules.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgModule } from '../../org/org.module.js';
import type { SlaModule } from '../../sla/sla.module.js';
import { DisclosureService } from './disclosure.service.js';

/** Risk disclosure packs and the buyers' acknowledgements. */
export function createDisclosure(
  platform: Platform,
  deps: { org: OrgModule; sla: SlaModule; customers: CustomersModule },
) {
  const { db, audit, clock, files } = platform;
  return new DisclosureService(db, audit, clock, deps.org.directory, deps.sla.clocks, files, deps.customers.customers);
}
