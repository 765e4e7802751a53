import type { Platform } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import type { SlaModule } from '../sla/sla.module.js';
import { JourneyTemplateService } from './journey-template.service.js';

export type JourneysModule = ReturnType<typeof createJourneysModule>;

/** Service journeys: templates of dated steps (6+2, Pulte), and the preview of a household's journey. */
export function createJourneysModule(platform: Platform, deps: { org: OrgModule; sla: SlaModule }) {
  const { db, audit, clock } = platform;
  const templates = new JourneyTemplateService(db, audit, clock, deps.org.directory, deps.sla.clocks);
  return { templates };
}
