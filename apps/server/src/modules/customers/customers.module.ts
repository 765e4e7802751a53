import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { OrgUnitService } from '../org/org-unit.service.js';
import { CustomerService } from './customer.service.js';
import { exportCustomers } from './customer-export.js';
import { CustomerMergeService } from './customer-merge.service.js';
import { CustomerPrivacyService } from './customer-privacy.service.js';
import { CustomerReadService } from './customer-read.service.js';
import { CustomerRelationsService } from './customer-relations.service.js';
import { OwnershipHandoverCommand } from './ownership-handover.js';
import { TimelineService } from './timeline.service.js';

export type CustomersModule = ReturnType<typeof createCustomersModule>;

/** Customer 360: people, their relations, the timeline, search and PII protection. */
export function createCustomersModule(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  crypto: FieldCrypto;
  orgUnits: OrgUnitService;
  directory: OrgDirectory;
  events: EventBus;
}) {
  const timeline = new TimelineService(deps.clock);
  const customers = new CustomerService(
    deps.db,
    deps.audit,
    timeline,
    deps.clock,
    deps.crypto,
    deps.orgUnits,
    deps.events,
  );
  const read = new CustomerReadService(deps.db, customers, timeline, deps.directory);
  const relations = new CustomerRelationsService(deps.db, deps.audit, timeline, deps.clock, customers, deps.events);
  const merge = new CustomerMergeService(deps.db, deps.audit, timeline, deps.clock, customers, deps.events);
  const privacy = new CustomerPrivacyService(
    deps.db,
    deps.audit,
    deps.clock,
    deps.crypto,
    customers,
    read,
    deps.events,
  );
  const exportList = (ctx: RequestContext, filter: Parameters<typeof exportCustomers>[2]) =>
    exportCustomers({ db: deps.db, customers, read, audit: deps.audit }, ctx, filter);
  const handover = new OwnershipHandoverCommand(deps.db, timeline, deps.clock, deps.events);
  return { timeline, customers, read, relations, merge, privacy, exportList, handover };
}
