import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import { KpiRepository } from './kpi.repository.js';
import type { KpiEngine } from './kpi-engine.js';
import { day46, dayPlus, monthOf, monthPlus } from './kpi-periods.js';
import { KpiRecordsRepository } from './kpi-records.repository.js';

export const KPI_SNAPSHOT_JOB = 'analytics.kpi-snapshots';
/** A stopped server catches up the day-46 figures and month closes of the last week. */
const CATCH_UP_DAYS = 7;

/**
 * Daily: freezes the day-46 figure (K4) of each batch whose day 46 has come, closes the months whose snapshot
 * day has come, and refreshes the provisional figures of the months still open. The cost follows the batches and
 * months in question, not all history; each step is its own run under its period's lock, so two instances (or a
 * rerun) produce one run each.
 */
export class KpiSnapshots {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly engine: KpiEngine,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(KPI_SNAPSHOT_JOB, async () => {
      await this.run();
    });
    jobs.schedule(KPI_SNAPSHOT_JOB, '30 1 * * *');
  }

  async run(): Promise<{ frozen: number; closed: string[]; refreshed: string[] }> {
    const now = this.clock.now();
    const today = chinaDate(now);
    const records = new KpiRecordsRepository(this.db);
    let frozen = 0;
    for (const batch of await records.dueForDay46(dayPlus(today, -CATCH_UP_DAYS), today)) {
      await this.engine.freezeBatch(batch, monthOf(dayPlus(batch.actualDate, 45)), day46(batch.actualDate));
      frozen++;
    }
    const thisMonth = monthOf(today);
    const closed: string[] = [];
    const refreshed: string[] = [];
    const repo = new KpiRepository(this.db);
    for (const month of [monthPlus(thisMonth, -2), monthPlus(thisMonth, -1), thisMonth]) {
      const current = await repo.current(month);
      if (current?.state === 'closed') continue;
      const { state, asOf } = this.engine.stateOf(month);
      await this.engine.runMonth({ month, state, asOf });
      (state === 'closed' ? closed : refreshed).push(month);
    }
    return { frozen, closed, refreshed };
  }
}
