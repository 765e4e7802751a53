import { and, asc, eq, lte } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { TicketService } from './ticket.service.js';
import { type TicketRow, tickets } from './ticket.tables.js';

export const HOLD_RESUME_JOB = 'tickets.resume-holds';
const BATCH = 200;

/** The system acting on a ticket's own schedule; audit and events show it as such. */
export const systemContext = (ticket: TicketRow, who: string): RequestContext => ({
  principal: {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'system',
    displayName: who,
    orgUnitId: ticket.companyId,
    orgUnitName: '',
    orgUnitType: 'city_company',
    orgPath: ticket.orgPath,
    roles: [],
    permissions: new Set(),
    via: 'token',
    sessionId: null,
    csrfToken: null,
    tokenId: null,
  },
  ip: null,
  requestId: `system:${ticket.id}`,
});

/**
 * A hold with a resume date ends by itself on that date (China time): every quarter of an hour, tickets on hold
 * whose date has come are resumed one by one, each in its own transaction, so their clocks run again.
 */
export async function resumeDueHolds(db: Db, clock: Clock, service: TicketService): Promise<number> {
  const today = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const due = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.status, 'on_hold'), lte(tickets.resumeOn, today)))
    .orderBy(asc(tickets.resumeOn))
    .limit(BATCH);
  let resumed = 0;
  for (const ticket of due) {
    try {
      await db.transaction((tx) =>
        service.apply(tx, systemContext(ticket, '系统（挂起到期自动恢复）'), ticket, {
          action: 'resume',
          version: ticket.version,
        }),
      );
      resumed++;
    } catch (err) {
      // Someone resumed or changed it meanwhile: nothing to do.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return resumed;
}

export function registerHoldResume(jobs: JobRunner, db: Db, clock: Clock, service: TicketService) {
  jobs.define(HOLD_RESUME_JOB, async () => {
    await resumeDueHolds(db, clock, service);
  });
  jobs.schedule(HOLD_RESUME_JOB, '*/15 * * * *');
}
