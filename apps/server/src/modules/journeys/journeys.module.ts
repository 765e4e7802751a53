import type { Platform } from '../../platform/modules.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgModule } from '../org/org.module.js';
import type { PropertyModule } from '../property/property.manifest.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { SurveysModule } from '../surveys/surveys.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { createAcceptance } from './acceptance/acceptance.module.js';
import { createDisclosure } from './disclosure/disclosure.module.js';
import { HandoverBoardService } from './handover/handover-board.js';
import { HandoverBookingService } from './handover/handover-booking.service.js';
import { HandoverDayService } from './handover/handover-day.service.js';
import { HandoverReminders } from './handover/handover-reminder.job.js';
import { MyHandoverService } from './handover/my-handover.js';
import { journeyTaskClockSubject } from './journey-clocks.js';
import { JourneyCompletionService } from './journey-completion.js';
import { JourneyPlanner } from './journey-planner.js';
import { JourneyProjectTemplates } from './journey-project-templates.js';
import { JourneyTaskService } from './journey-task.service.js';
import { journeyTaskSurveySubject } from './journey-task-survey.js';
import { JourneyTemplateService } from './journey-template.service.js';
import { MyJourneyService } from './my-journey.js';
import { NoticeSmsFanOut } from './notice-sms.js';
import { createOpenDays } from './open-days/open-days.module.js';
import { PropertyHandoverService } from './property-handover/property-handover.service.js';
import { WarrantyReminders } from './warranty-reminders.job.js';

export type JourneysModule = ReturnType<typeof createJourneysModule>;
export type JourneysDeps = {
  org: OrgModule;
  sla: SlaModule;
  tickets: TicketsModule;
  customers: CustomersModule;
  property: PropertyModule;
};

/** The handover day (集中交付): slots and bookings, the desk's work, the board, the portal's side, the reminder. */
function createHandover(platform: Platform, deps: JourneysDeps, planner: JourneyPlanner) {
  const { db, audit, clock, files, messaging } = platform;
  const bookings = new HandoverBookingService(db, audit, clock, planner);
  const ownerships = deps.customers.handover;
  const day = new HandoverDayService(
    db,
    audit,
    clock,
    files,
    deps.tickets,
    bookings,
    ownerships,
    deps.property.handover,
  );
  const board = new HandoverBoardService(db, bookings, ownerships, deps.org.directory);
  const mine = new MyHandoverService(db, clock, bookings, day, deps.org.directory);
  const reminders = new HandoverReminders(db, clock, messaging, deps.customers, deps.org.directory);
  return { bookings, day, board, mine, reminders };
}

/** Service journeys: templates of dated steps (6+2, Pulte), the planner of each household's tasks, the task queue. */
export function createJourneysModule(
  platform: Platform,
  deps: {
    org: OrgModule;
    sla: SlaModule;
    tickets: TicketsModule;
    customers: CustomersModule;
    property: PropertyModule;
    surveys: SurveysModule;
  },
) {
  const { db, audit, clock } = platform;
  const templates = new JourneyTemplateService(db, audit, clock, deps.org.directory, deps.sla.clocks);
  const planner = new JourneyPlanner(db, clock, templates, deps.sla.clocks);
  const tasks = new JourneyTaskService(
    db,
    audit,
    clock,
    deps.org.directory,
    deps.sla.clocks,
    deps.tickets.tickets,
    platform.files,
  );
  deps.sla.clocks.register(journeyTaskClockSubject());
  deps.surveys.subjects.register(journeyTaskSurveySubject());
  const mine = new MyJourneyService(db, clock, templates, deps.sla.clocks);
  const projectTemplates = new JourneyProjectTemplates(db, audit, clock, deps.org.directory, templates);
  const disclosure = createDisclosure(platform, deps);
  const openDays = createOpenDays(platform, deps);
  const handover = createHandover(platform, deps, planner);
  const acceptance = createAcceptance(platform, deps, handover.bookings);
  const propertyHandovers = new PropertyHandoverService(db, audit, clock, deps.org.directory, handover.bookings);
  const warrantyReminders = new WarrantyReminders(
    db,
    clock,
    platform.messaging,
    deps.property.warranty,
    deps.customers.read,
    deps.org.directory,
    platform.config.warrantyReminderDays,
  );
  return {
    templates,
    projectTemplates,
    completion: new JourneyCompletionService(db, clock, deps.org.directory),
    planner,
    tasks,
    mine,
    disclosure,
    openDays,
    handover,
    acceptance,
    propertyHandovers,
    warrantyReminders,
    noticeSms: new NoticeSmsFanOut(
      db,
      platform.jobs,
      platform.messaging,
      deps.customers.read,
      deps.org.directory,
      platform.config.publicUrl,
    ),
  };
}
