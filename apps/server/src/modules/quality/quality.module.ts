import type { Platform } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { ClusterService } from './cluster.service.js';
import { ClusterDetector } from './cluster-detector.js';
import { ClusterRuleService } from './cluster-rule.service.js';
import { ClusterWarnings } from './cluster-warnings.js';

export type QualityDeps = { org: OrgModule; tickets: TicketsModule };
export type QualityModule = ReturnType<typeof createQualityModule>;

/** Group-complaint early warning (issue 16): the cluster rules, the detector fed by ticket events, the clusters. */
export function createQualityModule(platform: Platform, deps: QualityDeps) {
  const { db, audit, clock, messaging } = platform;
  const directory = deps.org.directory;
  const rules = new ClusterRuleService(db, audit, clock, directory);
  const warnings = new ClusterWarnings(messaging, directory);
  const detector = new ClusterDetector(deps.tickets, rules, warnings);
  const clusters = new ClusterService(db, audit, clock, directory);
  return { rules, detector, clusters };
}
