import type { Platform } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { GroupCaseService } from './cases/case.service.js';
import { caseTaskClockSubject } from './cases/case-task-clocks.js';
import { ClusterService } from './cluster.service.js';
import { ClusterDetector } from './cluster-detector.js';
import { ClusterRuleService } from './cluster-rule.service.js';
import { ClusterWarnings } from './cluster-warnings.js';

export type QualityDeps = { org: OrgModule; tickets: TicketsModule; sla: SlaModule };
export type QualityModule = ReturnType<typeof createQualityModule>;

/** Group-complaint early warning (issue 16): the cluster rules, the detector fed by ticket events, the clusters, group cases. */
export function createQualityModule(platform: Platform, deps: QualityDeps) {
  const { db, audit, clock, messaging } = platform;
  const directory = deps.org.directory;
  const rules = new ClusterRuleService(db, audit, clock, directory);
  const warnings = new ClusterWarnings(messaging, directory);
  const cases = new GroupCaseService(db, audit, clock, directory, deps.tickets, deps.sla.clocks, messaging);
  deps.sla.clocks.register(caseTaskClockSubject());
  // a ticket of an open group case closes only with the case owner's consent
  deps.tickets.tickets.guardClose((ex, ticket) => cases.guardClose(ex, ticket.id));
  const detector = new ClusterDetector(deps.tickets, rules, warnings, cases);
  const clusters = new ClusterService(db, audit, clock, directory);
  return { rules, detector, clusters, cases };
}
