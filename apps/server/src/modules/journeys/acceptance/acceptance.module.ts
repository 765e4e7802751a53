import type { Platform } from '../../../platform/modules.js';
import type { OrgModule } from '../../org/org.module.js';
import type { PropertyModule } from '../../property/property.manifest.js';
import type { SlaModule } from '../../sla/sla.module.js';
import type { HandoverBookingService } from '../handover/handover-booking.service.js';
import { AcceptanceService, FINDING_FILE_REF } from './acceptance.service.js';
import { acceptanceFindingClockSubject } from './acceptance-clocks.js';

/** Simulated acceptance: the service, its clock kind, and the guard that holds a batch's delivery back. */
export function createAcceptance(
  platform: Platform,
  deps: { org: OrgModule; sla: SlaModule; property: PropertyModule },
  batches: HandoverBookingService,
) {
  const { db, audit, clock, files } = platform;
  const acceptance = new AcceptanceService(db, audit, clock, deps.org.directory, deps.sla.clocks, files, batches);
  deps.sla.clocks.register(acceptanceFindingClockSubject());
  files.registerAccess(FINDING_FILE_REF, (ctx, file) => acceptance.mayReadPhoto(ctx, file));
  deps.property.batches.guardDelivery((tx, ctx, batch, reason) => acceptance.guardDelivery(tx, ctx, batch, reason));
  return acceptance;
}
