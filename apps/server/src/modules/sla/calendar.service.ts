import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { ClockService } from './clock.service.js';
import { SlaClockRepository } from './sla-clock.repository.js';
import { type BusinessCalendar, validateCalendar } from './working-time.js';

/** A city company's business calendar: working hours and weekdays, public holidays, make-up working days. */
export class CalendarService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly clocks: ClockService,
    private readonly directory: OrgDirectory,
  ) {}

  /** A city company in the caller's scope (or above it: group admins manage every company). */
  async company(ctx: RequestContext, companyId: string) {
    const node = await this.directory.node(companyId);
    if (node?.type !== 'city_company' || !node.active) throw new AppError('ORG_UNIT_NOT_FOUND');
    if (!pathInScope(node.path, ctx.principal.orgPath)) throw new AppError('OUT_OF_SCOPE');
    return node;
  }

  async get(ctx: RequestContext, companyId: string) {
    assertPermission(ctx.principal, 'tickets.read');
    await this.company(ctx, companyId);
    const { calendar, version } = await this.clocks.calendarOf(this.db, companyId);
    return { companyId, ...calendar, version, builtin: version === 0 };
  }

  async update(ctx: RequestContext, companyId: string, body: BusinessCalendar & { version: number }) {
    assertPermission(ctx.principal, 'sla.manage');
    const company = await this.company(ctx, companyId);
    const { version, ...calendar } = body;
    const problems = validateCalendar(calendar);
    if (problems.length) throw new AppError('CALENDAR_INVALID', { problems });
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const repo = new SlaClockRepository(tx);
      const values = { ...calendar, updatedBy: ctx.principal.userId, updatedAt: now };
      const written =
        version === 0
          ? await repo.createCalendar({ companyId, ...values })
          : await repo.updateCalendar(companyId, version, values);
      if (!written) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'sla.calendar.update',
        entityType: 'business_calendar',
        entityId: companyId,
        orgPath: company.path,
        after: { holidays: calendar.holidays.length, makeupWorkdays: calendar.makeupWorkdays.length },
      });
    });
    return this.get(ctx, companyId);
  }
}
