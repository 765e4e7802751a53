import type { Platform } from '../../platform/modules.js';
import type { ClubModule } from '../club/club.module.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgModule } from '../org/org.module.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import { MyServices } from './my-services.js';
import { ServiceCatalogueService } from './service-catalogue.service.js';
import { ServiceRequestService } from './service-requests.service.js';
import { serviceRequestClockSubject, serviceSurveySubject } from './service-subjects.js';

export type ServicesModule = ReturnType<typeof createServicesModule>;

export type ServicesDeps = {
  org: OrgModule;
  sla: SlaModule;
  customers: CustomersModule;
  surveys: SurveysModule;
  club: ClubModule;
};

/**
 * The value-added service catalogue (issue 15 item 6): the group's services (`catalogue`), requests with their steps
 * on SLA clocks and the callback at the end (`requests`), the owner portal's side (`mine`). Registers the clock
 * subject `service_request` and the survey subject `service`.
 */
export function createServicesModule(platform: Platform, deps: ServicesDeps) {
  const { db, audit, clock, events } = platform;
  const directory = deps.org.directory;
  deps.sla.clocks.register(serviceRequestClockSubject());
  deps.surveys.subjects.register(serviceSurveySubject());
  const catalogue = new ServiceCatalogueService(db, audit, clock, directory);
  const requests = new ServiceRequestService(
    db,
    audit,
    clock,
    events,
    directory,
    deps.sla.clocks,
    deps.customers,
    deps.surveys,
    deps.club,
  );
  const mine = new MyServices(db, deps.customers, directory, requests);
  return { catalogue, requests, mine };
}
