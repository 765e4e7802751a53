import type { SessionService } from '../auth/session.service.js';
import { JobRepository } from './job.repository.js';
import type { JobRunner } from './job-runner.js';

const KEEP_FINISHED_JOBS_DAYS = 7;

/** Housekeeping the platform itself needs. */
export function registerPlatformJobs(jobs: JobRunner, deps: { sessions: SessionService }) {
  jobs.define('sessions.purge-expired', async (_payload, { log }) => {
    const n = await deps.sessions.purgeExpired();
    if (n) log.info({ purged: n }, 'expired sessions purged');
  });
  jobs.schedule('sessions.purge-expired', '*/15 * * * *');

  jobs.define('jobs.prune-finished', async (_payload, { db, clock }) => {
    await new JobRepository(db).pruneFinished(new Date(clock.now().getTime() - KEEP_FINISHED_JOBS_DAYS * 86_400_000));
  });
  jobs.schedule('jobs.prune-finished', '17 3 * * *');
}
