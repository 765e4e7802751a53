import { defineModule } from '../../platform/modules.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { OrgModule } from '../org/org.module.js';
import type { PropertyModule } from '../property/property.manifest.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import { clockHistoryImporter } from './history/clock-history.importer.js';
import { measureHistoryImporter } from './history/measure-history.importer.js';
import { ticketHistoryImporter } from './history/ticket-history.importer.js';
import { registerHoldResume } from './hold-resume.job.js';
import { customerRecordListener } from './listeners/customer-record.listener.js';
import { ownerAcknowledgementListener } from './listeners/owner-acknowledgement.listener.js';
import { ownerUpdateListener } from './listeners/owner-update.listener.js';
import { reopenNoticeListener } from './listeners/reopen-notice.listener.js';
import { slaRoutes } from './sla/sla.routes.js';
import { ticketRoutes } from './ticket.routes.js';
import * as tables from './ticket.tables.js';
import { ticketPhotoRoutes } from './ticket-photos.routes.js';
import { TicketPhotoService } from './ticket-photos.service.js';
import { ticketViewRoutes } from './ticket-views.js';
import { createTicketsModule } from './tickets.module.js';

type Deps = {
  customers: CustomersModule;
  property: PropertyModule;
  org: OrgModule;
  sla: SlaModule;
  surveys: SurveysModule;
  knowledge: KnowledgeService;
};

/** The closed loop: tickets with their SLA policies and clocks (the sla module's sweep acts on them), work orders, callbacks, photos, saved queue views. */
export const ticketsModule = defineModule({
  name: 'tickets',
  uses: ['org', 'property', 'customers', 'sla', 'surveys', 'knowledge'],
  tables,
  permissions: [
    'tickets.read',
    'tickets.manage',
    'tickets.dispatch',
    'workorders.handle',
    'callbacks.record',
    'sla.manage',
  ],
  create(platform, { customers, property, org, sla, surveys, knowledge }: Deps) {
    const { db, audit, clock, events, messaging, files, config, log } = platform;
    const tickets = createTicketsModule({
      db,
      audit,
      clock,
      events,
      messaging,
      customers,
      property: property.property,
      directory: org.directory,
      sla,
      surveys,
      knowledge,
      publicUrl: config.publicUrl,
      log,
    });
    return { ...tickets, photos: new TicketPhotoService(db, audit, files, tickets.tickets, org.directory) };
  },
  async routes(app, tickets, { db, clock, idempotency }) {
    await app.register(ticketRoutes, { tickets, idempotency });
    await app.register(ticketViewRoutes, { db, clock });
    await app.register(slaRoutes, { tickets });
    await app.register(ticketPhotoRoutes, { photos: tickets.photos });
  },
  importers: (_tickets, _platform, { org, sla }) => [
    ticketHistoryImporter(org.directory),
    clockHistoryImporter({ directory: org.directory, clocks: sla.clocks }),
    measureHistoryImporter(org.directory),
  ],
  listeners: (_tickets, { messaging, config }, { customers }) => [
    customerRecordListener(customers),
    ownerAcknowledgementListener(messaging),
    ownerUpdateListener({ messaging, customers, linkBaseUrl: config.publicUrl }),
    reopenNoticeListener(messaging),
  ],
  jobs(jobs, tickets, { db, clock }) {
    registerHoldResume(jobs, db, clock, tickets.tickets);
  },
});
