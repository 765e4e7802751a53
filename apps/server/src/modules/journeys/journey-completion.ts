import type { JourneyCompletion, journeyCompletionQuery } from '@anju/contracts/journeys';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { addDays } from './journey-dates.js';
import { JourneyTaskRepository } from './journey-task.repository.js';

/** How far the journey work got: per project and step, the tasks due in a period, done, on time, and overdue. */
export class JourneyCompletionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  async summary(ctx: RequestContext, q: z.output<typeof journeyCompletionQuery>): Promise<JourneyCompletion> {
    assertPermission(ctx.principal, 'journeys.read');
    const today = chinaDate(this.clock.now());
    const to = q.to ?? today;
    const from = q.from ?? addDays(to, -90);
    const rows = await new JourneyTaskRepository(this.db).completion(ctx.principal.orgPath, {
      projectId: q.projectId,
      from,
      to,
      today,
    });
    const names = await this.directory.names(rows.map((r) => r.projectId));
    return {
      from,
      to,
      items: rows.map((r) => ({
        projectId: r.projectId,
        projectName: names.get(r.projectId) ?? '',
        stepKey: r.stepKey,
        name: { zh: r.nameZh, en: r.nameEn },
        due: r.due,
        done: r.done,
        doneOnTime: r.doneOnTime,
        overdue: r.overdue,
        rate: r.due ? r.done / r.due : null,
      })),
    };
  }
}
