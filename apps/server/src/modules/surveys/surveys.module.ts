import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { TicketHistoryLookup } from './history/ticket-history-lookup.js';
import { SurveyAnswerService } from './survey-answers.service.js';
import { SurveyCallbacks } from './survey-callbacks.js';
import { SurveyDefinitionService } from './survey-definitions.service.js';
import { SurveyLinkExpiry } from './survey-expiry.job.js';
import { SurveyRequestService } from './survey-requests.service.js';
import { homeSubjects, SurveySubjects } from './survey-subjects.js';

export type SurveysModule = ReturnType<typeof createSurveysModule>;

/**
 * Callbacks and surveys for any service. Other modules register the kinds of record a survey can be about
 * (`subjects.register`, tickets: `ticket`) and the tickets module runs its repair callback through `callbacks`.
 */
export function createSurveysModule(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  messaging: MessagingService;
  customers: CustomersModule;
  directory: OrgDirectory;
  publicUrl: string;
  events: EventBus;
}) {
  const subjects = new SurveySubjects();
  for (const handler of homeSubjects(deps.customers, deps.directory)) subjects.register(handler);
  const definitions = new SurveyDefinitionService(deps.db, deps.audit, deps.clock, deps.directory);
  const requests = new SurveyRequestService(
    deps.db,
    deps.audit,
    deps.clock,
    deps.messaging,
    deps.customers,
    deps.directory,
    definitions,
    subjects,
    deps.publicUrl,
  );
  const answers = new SurveyAnswerService(deps.db, deps.audit, deps.clock, deps.customers, subjects, deps.events);
  const callbacks = new SurveyCallbacks(deps.clock, answers);
  // history callbacks name their tickets by number; the tickets module provides the finder at start-up
  const ticketNumbers = new TicketHistoryLookup();
  const linkExpiry = new SurveyLinkExpiry(deps.db, deps.clock);
  return { db: deps.db, subjects, definitions, requests, answers, callbacks, ticketNumbers, linkExpiry };
}
