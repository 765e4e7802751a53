import type { Platform } from '../../../platform/modules.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgModule } from '../../org/org.module.js';
import type { PropertyModule } from '../../property/property.manifest.js';
import type { SlaModule } from '../../sla/sla.module.js';
import { MyOpenDayService } from './my-open-days.js';
import { OpenDayService } from './open-day.service.js';
import { OpenDayInvitations } from './open-day-invitations.js';
import { OpenDayItemService } from './open-day-items.service.js';

export type OpenDaysModule = ReturnType<typeof createOpenDays>;

/** Site open days (工地开放日) of the journeys module: the board, registration, check-in, suggestions and issues. */
export function createOpenDays(
  platform: Platform,
  deps: { org: OrgModule; sla: SlaModule; customers: CustomersModule; property: PropertyModule },
) {
  const { db, audit, clock, events, files, jobs, messaging, config, idempotency } = platform;
  const directory = deps.org.directory;
  const invitations = new OpenDayInvitations(db, jobs, messaging, deps.customers, directory, config.publicUrl);
  const days = new OpenDayService(
    db,
    audit,
    clock,
    events,
    directory,
    deps.sla.clocks,
    deps.customers,
    deps.property.batches,
    files,
    invitations,
    messaging,
  );
  const items = new OpenDayItemService(db, audit, clock, events, files, messaging, deps.customers, days, invitations);
  const mine = new MyOpenDayService(db, clock, deps.customers, directory, days, idempotency);
  return { days, items, mine, invitations };
}
