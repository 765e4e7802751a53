import type { ListTicketsQuery } from '@anju/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Language } from '../../platform/i18n.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { PropertyService } from '../property/property.service.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import { CallbackService } from './callback.service.js';
import { TicketHistoryRepository } from './history/ticket-history.repository.js';
import { SlaService } from './sla/sla.service.js';
import { SlaAdminService } from './sla/sla-admin.service.js';
import { TicketService } from './ticket.service.js';
import { ticketClockSubject } from './ticket-clocks.js';
import { exportTickets } from './ticket-export.js';
import { TicketMergeService } from './ticket-merge.service.js';
import { TicketOpener } from './ticket-open.js';
import { WorkOrderService } from './work-order.service.js';

export type TicketsModule = ReturnType<typeof createTicketsModule>;

/** The closed loop: tickets with their SLA policies and clocks, work orders, callbacks (listeners and jobs: tickets.manifest.ts). */
export function createTicketsModule(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  events: EventBus;
  messaging: MessagingService;
  customers: CustomersModule;
  property: PropertyService;
  directory: OrgDirectory;
  sla: SlaModule;
  surveys: SurveysModule;
  knowledge?: KnowledgeService;
  publicUrl: string;
  log: FastifyBaseLogger;
}) {
  const sla = new SlaService(deps.sla.clocks, deps.directory);
  const opener = new TicketOpener(
    deps.db,
    deps.audit,
    deps.clock,
    sla,
    deps.events,
    deps.customers,
    deps.property,
    deps.directory,
  );
  const tickets = new TicketService(
    deps.db,
    deps.audit,
    deps.clock,
    sla,
    deps.messaging,
    deps.customers,
    opener,
    deps.events,
    deps.publicUrl,
    deps.directory,
    deps.surveys.callbacks,
    deps.knowledge,
  );
  const workOrders = new WorkOrderService(
    deps.db,
    deps.audit,
    deps.clock,
    sla,
    deps.messaging,
    tickets,
    deps.directory,
    deps.events,
  );
  const callbacks = new CallbackService(
    deps.db,
    deps.audit,
    deps.clock,
    tickets,
    deps.messaging,
    deps.events,
    deps.surveys.callbacks,
  );
  // a ticket's callbacks are survey requests about it: the surveys module calls back into the ticket on an answer
  deps.surveys.subjects.register(callbacks.subject());
  deps.surveys.ticketNumbers.use((db, number) => new TicketHistoryRepository(db).refByNumber(number));
  const merge = new TicketMergeService(deps.db, tickets);
  const slaAdmin = new SlaAdminService(deps.db, deps.audit, deps.clock, sla, deps.directory);
  deps.sla.clocks.register(ticketClockSubject(tickets));
  const exportList = (ctx: RequestContext, filter: Omit<ListTicketsQuery, 'cursor' | 'limit'>, lang: Language) =>
    exportTickets({ db: deps.db, tickets, audit: deps.audit }, ctx, filter, lang);
  return { sla, tickets, merge, workOrders, callbacks, slaAdmin, exportList };
}
