import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { IdempotencyService } from '../../../platform/idempotency/idempotency.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { ClubMemberService } from '../member.service.js';
import type { PointsService } from '../points.service.js';
import { PartnerService } from './partner.service.js';
import { PartnerReportService } from './partner-report.js';
import { VoucherService } from './voucher.service.js';

export type ClubPartners = ReturnType<typeof createClubPartners>;

/** The partner alliance (江山会) of the club: partners and their users, benefits, vouchers and the report. */
export function createClubPartners(
  deps: { db: Db; audit: AuditService; clock: Clock; customers: CustomersModule; directory: OrgDirectory },
  members: ClubMemberService,
  points: PointsService,
) {
  const { db, audit, clock } = deps;
  const partners = new PartnerService(db, audit, clock, deps.directory);
  const vouchers = new VoucherService(
    db,
    audit,
    clock,
    members,
    points,
    partners,
    (ids) => deps.customers.read.namesOf(ids),
    new IdempotencyService(db, () => clock.now()),
  );
  const report = new PartnerReportService(db, audit, clock, partners);
  return { partners, vouchers, report };
}
