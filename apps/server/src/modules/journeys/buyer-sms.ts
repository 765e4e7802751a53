import type { Db } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { MessagingService, OutgoingMessage } from '../../platform/messaging/messaging.service.js';
import type { CustomerReadService } from '../customers/customer-read.service.js';

/** One page of a fan-out to a project's buyers: the project and the last buyer texted before it. */
export type BuyerPage = { projectId: string; after: string | null };
type Buyer = { customerId: string; phone: string };

/**
 * Texts one page of a project's buyers who consented to SMS and queues the next page, in one transaction: a fan-out
 * of any size runs page by page in chained jobs, never in one request. `message` words each buyer's text; its outbox
 * key must name the fan-out and the buyer, so a retried page or a second instance texts nobody twice (the next
 * page's job key is the fan-out's key and the last buyer, for the same reason). Quiet hours are the outbox's.
 */
export async function textBuyersPage<P extends BuyerPage>(
  d: { db: Db; jobs: JobRunner; messaging: MessagingService; customers: CustomerReadService },
  job: { name: string; key: string; pageSize: number },
  page: P,
  message: (buyer: Buyer) => OutgoingMessage,
) {
  const audience = await d.customers.smsAudience(page.projectId, page.after, job.pageSize);
  await d.db.transaction(async (tx) => {
    await d.messaging.sendMany(tx, audience.map(message));
    const last = audience.at(-1);
    if (audience.length === job.pageSize && last) {
      await d.jobs.enqueue(tx, job.name, { ...page, after: last.customerId } satisfies P, {
        idempotencyKey: `${job.key}:${last.customerId}`,
      });
    }
  });
  return audience.length;
}
