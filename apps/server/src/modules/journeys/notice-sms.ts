import type { Db, Executor } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { MessagingService, OutgoingMessage } from '../../platform/messaging/messaging.service.js';
import type { CustomerReadService } from '../customers/customer-read.service.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { type BuyerPage, textBuyersPage } from './buyer-sms.js';

export const NOTICE_SMS_JOB = 'journeys.notice-sms';
/** Buyers texted per job run: a project of any size is texted page by page, never in one request. */
export const NOTICE_SMS_PAGE = 200;

/** What the fan-out needs of a published notice (the notices module's `notice.published` payload). */
export type NoticeToText = { noticeId: string; projectId: string; orgPath: string; category: string; title: string };
type SmsPage = NoticeToText & BuyerPage;

/** Owners' texts are Chinese by design. */
const CATEGORY_ZH: Record<string, string> = { construction: '工程进度通报', design_change: '规划设计变更通报' };

/**
 * Construction-progress and design-change notices reaching buyers who never open the portal (6+2 step 3, 亲密接触):
 * when the publisher asks for it, the notice's project's buyers who consented to SMS get one text each, page by page
 * in jobs queued one after the other (each page and the next page's job in one transaction). The outbox key is per
 * notice and person, so a retried page or a second instance texts nobody twice; quiet hours hold night texts till 08:00.
 */
export class NoticeSmsFanOut {
  pageSize = NOTICE_SMS_PAGE;

  constructor(
    readonly db: Db,
    readonly jobs: JobRunner,
    readonly messaging: MessagingService,
    readonly customers: CustomerReadService,
    private readonly directory: OrgDirectory,
    private readonly portalUrl: string,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(NOTICE_SMS_JOB, (payload) => this.page(payload as SmsPage));
  }

  /** Queues the first page (once per notice). */
  async queue(tx: Executor, notice: NoticeToText) {
    await this.jobs.enqueue(tx, NOTICE_SMS_JOB, { ...notice, after: null } satisfies SmsPage, {
      idempotencyKey: `notice-sms:${notice.noticeId}`,
    });
  }

  async page(p: SmsPage) {
    const projectName = (await this.directory.names([p.projectId])).get(p.projectId) ?? '';
    const body = `【安居】${projectName}${CATEGORY_ZH[p.category] ?? ''}：「${p.title}」，详情请看业主服务 ${this.portalUrl}/m/notices/${p.noticeId}`;
    await textBuyersPage(
      this,
      { name: NOTICE_SMS_JOB, key: `notice-sms:${p.noticeId}`, pageSize: this.pageSize },
      p,
      (a): OutgoingMessage => ({
        channel: 'sms',
        recipient: a.phone,
        template: 'notice.published',
        body,
        params: { noticeId: p.noticeId, customerId: a.customerId },
        idempotencyKey: `notice.published:${p.noticeId}:${a.customerId}`,
        orgPath: p.orgPath,
        refType: 'notice',
        refId: p.noticeId,
      }),
    );
  }
}
