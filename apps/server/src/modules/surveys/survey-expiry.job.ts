import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import { SurveyRequestRepository } from './survey.repository.js';

const JOB = 'surveys.expire-links';
const BATCH = 1000;

/**
 * Hourly: a pending survey sent by SMS whose one-use link ran out becomes `expired`, so the lists say what happened
 * and the owner's portal stops offering it. Each pass takes batches until none is left; a batch is one statement, so
 * two servers never both expire a request (the update re-checks `pending`).
 */
export class SurveyLinkExpiry {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(JOB, () => this.run().then(() => undefined));
    jobs.schedule(JOB, '17 * * * *');
  }

  async run(): Promise<number> {
    const repo = new SurveyRequestRepository(this.db);
    let total = 0;
    for (;;) {
      const n = await repo.expireLinks(this.clock.now(), BATCH);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
