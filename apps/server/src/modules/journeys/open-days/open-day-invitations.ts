import { chinaLocal } from '../../../platform/china-time.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { JobRunner } from '../../../platform/jobs/job-runner.js';
import type { MessagingService, OutgoingMessage } from '../../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { textBuyersPage } from '../buyer-sms.js';
import { OpenDayRepository } from './open-day.repository.js';
import type { OpenDayItemRow, OpenDayRow } from './open-day.tables.js';

export const OPEN_DAY_INVITE_JOB = 'journeys.open-day-invite';
/** Buyers texted per job run: a project of any size is invited page by page, never in one request. */
export const INVITE_PAGE = 200;

type InvitePage = { openDayId: string; after: string | null };

const hhmm = (d: Date) => chinaLocal(d).toISOString().slice(11, 16);

/** The invitation's words (owners' texts are Chinese by design). */
export function invitationText(day: OpenDayRow, projectName: string, portalUrl: string) {
  const where = day.location ? `，地点：${day.location}` : '';
  return `【安居】诚邀您参加${projectName}工地开放日「${day.title}」，${day.heldOn} ${hhmm(day.startsAt)}-${hhmm(day.endsAt)}${where}。报名：${portalUrl}/m/open-days`;
}

/**
 * The SMS invitation of an open day to its project's buyers who consented to SMS. Creating the open day queues the
 * first page in its transaction; each run texts one page of buyers (by customer id) and queues the next, in one
 * transaction. A person gets one message per open day (the outbox idempotency key): a retried page, a second
 * server instance or a second queueing adds nothing. Quiet hours are the outbox's (an evening invitation goes at 08:00).
 */
export class OpenDayInvitations {
  /** Buyers per page (INVITE_PAGE; a test pages through a small project with a smaller one). */
  pageSize = INVITE_PAGE;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobRunner,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly directory: OrgDirectory,
    private readonly portalUrl: string,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(OPEN_DAY_INVITE_JOB, (payload) => this.page(payload as InvitePage));
  }

  /** Queues the first page (once per open day). */
  async queue(tx: Executor, openDayId: string) {
    await this.jobs.enqueue(tx, OPEN_DAY_INVITE_JOB, { openDayId, after: null } satisfies InvitePage, {
      idempotencyKey: `open-day-invite:${openDayId}`,
    });
  }

  /** Texts one page of the audience after `after` and queues the page after it. */
  async page({ openDayId, after }: InvitePage) {
    const day = await new OpenDayRepository(this.db).findAny(openDayId);
    if (!day || day.status === 'cancelled') return;
    const projectName = (await this.directory.names([day.projectId])).get(day.projectId) ?? '';
    const body = invitationText(day, projectName, this.portalUrl);
    await textBuyersPage(
      { db: this.db, jobs: this.jobs, messaging: this.messaging, customers: this.customers.read },
      { name: OPEN_DAY_INVITE_JOB, key: `open-day-invite:${openDayId}`, pageSize: this.pageSize },
      { openDayId, projectId: day.projectId, after },
      (a): OutgoingMessage => ({
        channel: 'sms',
        recipient: a.phone,
        template: 'open_day.invite',
        body,
        params: { openDayId: day.id, customerId: a.customerId },
        idempotencyKey: `open_day.invite:${day.id}:${a.customerId}`,
        orgPath: day.orgPath,
        refType: 'open_day',
        refId: day.id,
      }),
    );
  }

  /**
   * The SMS carrying an answer to the owner who made a suggestion, when they consented to SMS (else null: the answer
   * is in the portal either way). One per suggestion. Read before the answer's transaction; written in it.
   */
  async answerMessage(day: OpenDayRow, item: OpenDayItemRow, answer: string): Promise<OutgoingMessage | null> {
    if (!item.customerId) return null;
    const consents = await this.customers.read.consentsOf(item.customerId);
    if (!consents.find((c) => c.channel === 'sms')?.granted) return null;
    const phone = await this.customers.customers.primaryPhone(item.customerId);
    if (!phone) return null;
    return {
      channel: 'sms',
      recipient: phone,
      template: 'open_day.answer',
      body: `【安居】您在工地开放日「${day.title}」提出的建议已答复：${answer.length > 60 ? `${answer.slice(0, 60)}…` : answer} 详情：${this.portalUrl}/m/open-days`,
      params: { openDayId: day.id, itemId: item.id },
      idempotencyKey: `open_day.answer:${item.id}`,
      orgPath: item.orgPath,
      refType: 'open_day_item',
      refId: item.id,
    };
  }
}
