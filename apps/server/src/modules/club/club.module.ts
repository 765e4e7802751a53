import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { ClubConfigService } from './club-config.service.js';
import { MagazineService } from './magazine/magazine.service.js';
import { ClubMemberService } from './member.service.js';
import { MyClubService } from './my-club.service.js';
import { createClubPartners } from './partners/partners.module.js';
import { PointsService } from './points.service.js';
import { PointsExpiry } from './points-expiry.job.js';

export type ClubModule = ReturnType<typeof createClubModule>;

/**
 * The owners' club: settings, tiers and earn rules (`config`), members (`members`) and the points ledger
 * (`points`, whose `earn(memberId, rule, sourceId)` other slices call for attendance and answered surveys).
 */
export function createClubModule(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  customers: CustomersModule;
  directory: OrgDirectory;
  jobs: JobRunner;
  messaging: MessagingService;
  publicUrl: string;
}) {
  const config = new ClubConfigService(deps.db, deps.audit, deps.clock);
  const members = new ClubMemberService(deps);
  const points = new PointsService(deps.db, deps.audit, deps.clock, members);
  const partners = createClubPartners(deps, members, points);
  const expiry = new PointsExpiry(deps.db, deps.clock, points);
  const { db, audit, clock, jobs, messaging, publicUrl } = deps;
  const magazine = new MagazineService(db, audit, clock, jobs, messaging, members, publicUrl);
  const my = new MyClubService(db, members);
  return { db, audit, customers: deps.customers, config, members, points, expiry, partners, magazine, my };
}
