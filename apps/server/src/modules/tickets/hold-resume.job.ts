import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import { systemContext } from './system-context.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';

export const HOLD_RESUME_JOB = 'tickets.resume-holds';
const BATCH = 200;

/**
 * A hold with a resume date ends by itself on that date (China time): every quarter of an hour, tickets on hold
 * whose date has come are resumed one by one, each in its own transaction, so their clocks run again.
 */
export async function resumeDueHolds(db: Db, clock: Clock, service: TicketService): Promise<number> {
  const today = chinaDate(clock.now());
  const due = await new TicketRepository(db).holdsDueToResume(today, BATCH);
  let resumed = 0;
  for (const ticket of due) {
    try {
      await db.transaction((tx) =>
        service.apply(
          tx,
          systemContext(ticket, 'hold-resume'),
          ticket,
          { action: 'resume', version: ticket.version },
          { body: null, data: { code: 'resume.on_date' } },
        ),
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
