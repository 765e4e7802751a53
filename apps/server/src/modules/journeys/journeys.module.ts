import type { Platform } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { journeyTaskClockSubject } from './journey-clocks.js';
import { JourneyPlanner } from './journey-planner.js';
import { JourneyTaskService } from './journey-task.service.js';
import { JourneyTemplateService } from './journey-template.service.js';
import { MyJourneyService } from './my-journey.js';

export type JourneysModule = ReturnType<typeof createJourneysModule>;

/** Service journeys: templates of dated steps (6+2, Pulte), the planner of each household's tasks, the task queue. */
export function createJourneysModule(
  platform: Platform,
  deps: { org: OrgModule; sla: SlaModule; tickets: TicketsModule },
) {
  const { db, audit, clock } = platform;
  const templates = new JourneyTemplateService(db, audit, clock, deps.org.directory, deps.sla.clocks);
  const planner = new JourneyPlanner(db, clock, templates, deps.sla.clocks);
  const tasks = new JourneyTaskService(db, audit, clock, deps.org.directory, deps.sla.clocks, deps.tickets.tickets);
  deps.sla.clocks.register(journeyTaskClockSubject());
  const mine = new MyJourneyService(db, clock, templates, deps.sla.clocks);
  return { templates, planner, tasks, mine };
}
