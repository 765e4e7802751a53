import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { JobRunner } from '../../../platform/jobs/job-runner.js';
import type { MessagingService, OutgoingMessage } from '../../../platform/messaging/messaging.service.js';
import { monthPlus } from '../../analytics/kpi-periods.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { ScorecardService } from './scorecard.service.js';

export const SCORECARD_MAILING_JOB = 'quality.scorecard-mailing';
/** Everyone placed in a procurement department hears of it, whatever their role. */
const STAFF_ROLES = ['system_admin', 'cr_manager', 'cr_specialist', 'department_staff', 'executive'];

/**
 * Monthly, on the 3rd: each city company's procurement staff get last month's supplier scorecard — an in-app notice
 * and an e-mail, both linking the page whose button downloads the .xlsx. A company without repairs charged to a
 * supplier that month gets nothing. Keys per company, month and person make a rerun or a second instance send
 * nothing twice.
 */
export class ScorecardMailing {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly messaging: MessagingService,
    private readonly directory: OrgDirectory,
    private readonly scorecards: ScorecardService,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(SCORECARD_MAILING_JOB, async () => {
      await this.run();
    });
    jobs.schedule(SCORECARD_MAILING_JOB, '0 9 3 * *');
  }

  /** Sends last month's scorecard to each company's procurement staff; answers the companies told. */
  async run(): Promise<{ month: string; companies: string[] }> {
    const month = monthPlus(chinaDate(this.clock.now()).slice(0, 7), -1);
    const companies = (await this.directory.citiesAndProjects()).filter((n) => n.type === 'city_company');
    const told: string[] = [];
    for (const company of companies) {
      const procurement = await this.directory.departmentOfKind(company.id, 'procurement');
      if (!procurement) continue;
      const people = await this.directory.usersWithRoles(procurement, STAFF_ROLES);
      if (people.length === 0) continue;
      const list = await this.scorecards.listIn({ scopePath: company.path }, { period: month });
      if (list.items.length === 0) continue;
      const link = `/quality/scorecards?period=${month}`;
      const key = `scorecard:${company.id}:${month}`;
      const mails: OutgoingMessage[] = people
        .filter((p) => p.email)
        .map((p) => ({
          channel: 'email',
          recipient: p.email as string,
          recipientUserId: p.id,
          template: 'quality_scorecard.ready',
          subject: `${company.name} ${month} 供应商评分卡`,
          body: `${company.name} ${month} 的供应商评分卡已生成（${list.items.length} 家供应商）。请登录安居控制台，在「质量 › 供应商评分卡」下载 Excel：${link}`,
          params: { period: month, company: company.name, suppliers: list.items.length },
          idempotencyKey: `${key}:${p.id}`,
          orgPath: company.path,
          refType: 'quality_scorecard',
          refId: company.id,
        }));
      await this.db.transaction(async (tx) => {
        await this.messaging.notify(tx, {
          userIds: people.map((p) => p.id),
          kind: 'quality_scorecard.ready',
          params: { period: month, company: company.name },
          title: `${company.name} ${month} 供应商评分卡已生成`,
          link,
          idempotencyKey: key,
        });
        await this.messaging.sendMany(tx, mails);
      });
      told.push(company.id);
    }
    return { month, companies: told };
  }
}
