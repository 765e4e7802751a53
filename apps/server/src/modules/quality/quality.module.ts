import { AppError } from '../../platform/errors.js';
import type { Platform } from '../../platform/modules.js';
import type { JourneysModule } from '../journeys/journeys.module.js';
import type { OrgModule } from '../org/org.module.js';
import type { SlaModule } from '../sla/sla.module.js';
import type { TicketsModule } from '../tickets/tickets.module.js';
import { GroupCaseService } from './cases/case.service.js';
import { caseTaskClockSubject } from './cases/case-task-clocks.js';
import { ClusterService } from './cluster.service.js';
import { ClusterDetector } from './cluster-detector.js';
import { ClusterRuleService } from './cluster-rule.service.js';
import { ClusterWarnings } from './cluster-warnings.js';
import { createLessons } from './lessons/lessons.js';
import { ScorecardService } from './scorecards/scorecard.service.js';
import { ScorecardMailing } from './scorecards/scorecard-mailing.job.js';

export type QualityDeps = { org: OrgModule; tickets: TicketsModule; sla: SlaModule; journeys: JourneysModule };
export type QualityModule = ReturnType<typeof createQualityModule>;

/**
 * Group-complaint early warning (issue 16): the cluster rules, the detector fed by ticket events, the clusters, group
 * cases, lessons learned, supplier scorecards and design feedback.
 */
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
  const lessons = createLessons(platform, directory, deps.journeys.acceptance, {
    groupCase: (ctx, id) => cases.get(ctx, id).then((c) => c.row, notFound('QUALITY_CASE_NOT_FOUND')),
    cluster: (ctx, id) => clusters.get(ctx, id).then((c) => c.row, notFound('QUALITY_CLUSTER_NOT_FOUND')),
  });
  const scorecards = new ScorecardService(db, audit, clock, directory, deps.tickets.slaAdmin);
  const scorecardMailing = new ScorecardMailing(db, clock, messaging, directory, scorecards);
  return { rules, detector, clusters, cases, lessons, scorecards, scorecardMailing };
}

/** A source read as "none in the caller's scope" when its service says not found. */
const notFound = (code: string) => (error: unknown) => {
  if (error instanceof AppError && error.code === code) return null;
  throw error;
};
