import { defineModule } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import { DeliveryBatchService } from './delivery-batch.service.js';
import { batchHistoryImporter } from './history/batch-history.importer.js';
import { visitHistoryImporter } from './history/visit-history.importer.js';
import { milestoneRoutes } from './project-milestone.routes.js';
import { ProjectMilestoneService } from './project-milestone.service.js';
import { deliveryBatchRoutes, propertyRoutes } from './property.routes.js';
import { PropertyService } from './property.service.js';
import * as tables from './property.tables.js';
import { propertyVisitRoutes } from './property-visit.routes.js';
import { PropertyVisitService } from './property-visit.service.js';
import { unitImporter } from './unit.importer.js';
import { UnitHandoverCommand } from './unit-handover.js';
import { WarrantyExpiryService } from './warranty-expiry.js';

export type PropertyModule = {
  property: PropertyService;
  batches: DeliveryBatchService;
  milestones: ProjectMilestoneService;
  /** The handover day's command: a signed unit becomes delivered (journeys). */
  handover: UnitHandoverCommand;
  /** Which parts' warranties end when (journeys' warranty-expiry reminders). */
  warranty: WarrantyExpiryService;
  /** Property-company visits to households (物业走访). */
  visits: PropertyVisitService;
};

/** Projects, buildings, units, warranty rules, delivery batches and project milestones. */
export const propertyModule = defineModule({
  name: 'property',
  uses: ['org'],
  tables,
  permissions: ['property.read', 'property.manage'],
  create({ db, audit, clock, events }, { org }: { org: OrgModule }): PropertyModule {
    const property = new PropertyService(db, audit, clock, org.orgUnits, events);
    return {
      property,
      batches: new DeliveryBatchService(db, audit, clock, property, events),
      milestones: new ProjectMilestoneService(db, audit, clock, property, events),
      handover: new UnitHandoverCommand(clock, events),
      warranty: new WarrantyExpiryService(db),
      visits: new PropertyVisitService(db, audit, clock, org.directory),
    };
  },
  async routes(app, { property, batches, milestones, visits }) {
    await app.register(propertyRoutes, { property });
    await app.register(deliveryBatchRoutes, { batches });
    await app.register(milestoneRoutes, { milestones });
    await app.register(propertyVisitRoutes, { visits });
  },
  importers: (_property, { clock }) => [unitImporter, batchHistoryImporter(clock), visitHistoryImporter(clock)],
});
