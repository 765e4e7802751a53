import { CHINA_OFFSET_MS, chinaLocal } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import { ClubRepository } from './club.repository.js';
import { LedgerRepository } from './ledger.repository.js';
import type { PointsService } from './points.service.js';

const JOB = 'club.expire-points';
const BATCH = 200;

/** The start of a China calendar year as an instant. */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);

/**
 * Daily: the club's expiry plan (`expiry_years` N) takes, once a year per member, the points earned before the
 * start of year (this year − N + 1) that were not spent — with N = 2, on 1 January 2027 what is left of the points
 * earned in 2025 or before. Work is the members with points not yet looked at this year (a partial index), in
 * batches; each member in its own transaction with the row locked and the year re-checked, and the entry keyed
 * `expire:<year>:<member>`, so a killed run resumed, or two servers at once, never expire twice.
 */
export class PointsExpiry {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly points: PointsService,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(JOB, () => this.run().then(() => undefined));
    jobs.schedule(JOB, '30 2 * * *');
  }

  /** Members looked at and points expired in this pass. */
  async run(): Promise<{ members: number; expired: number }> {
    const settings = await new ClubRepository(this.db).settings();
    const years = settings?.expiryYears ?? null;
    const result = { members: 0, expired: 0 };
    if (years === null) return result;
    const year = chinaLocal(this.clock.now()).getUTCFullYear();
    const cutoff = yearStart(year - years + 1);
    for (;;) {
      const due = await new ClubRepository(this.db).dueForExpiry(year, BATCH);
      for (const { id } of due) {
        result.expired += await this.expireMember(id, year, cutoff);
        result.members += 1;
      }
      if (due.length < BATCH) return result;
    }
  }

  private expireMember(memberId: string, year: number, cutoff: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const clubRepo = new ClubRepository(tx);
      const member = await clubRepo.lockMember(memberId);
      if (!member || member.expiryCheckedYear >= year) return 0;
      const points = Math.min(member.balance, await new LedgerRepository(tx).expirable(memberId, cutoff));
      if (points > 0) await this.points.expire(memberId, points, String(year), tx);
      await clubRepo.markExpiryChecked(memberId, year);
      return points;
    });
  }
}
