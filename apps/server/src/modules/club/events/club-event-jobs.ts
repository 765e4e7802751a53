import { CHINA_OFFSET_MS, chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { JobRunner } from '../../../platform/jobs/job-runner.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { SurveysModule } from '../../surveys/surveys.module.js';
import { ClubEventRepository } from './club-event.repository.js';
import { eventsLink, whenText } from './club-event-promotions.js';

export const EVENT_REMINDER_JOB = 'club.event-reminders';
export const EVENT_CALLBACK_JOB = 'club.event-callbacks';
/** The built-in callback survey of an attendee (migration 0040). */
export const EVENT_CALLBACK_SURVEY = 'event_callback';
const PAGE = 200;

/**
 * The events' scheduled work. Reminders (hourly): the SMS the day before (China) to every confirmed registrant who
 * consented, each claimed by a conditional update of `reminded_at` in the transaction of its outbox row. Callbacks
 * (every 15 minutes): an attendee's callback comes due at 10:00 the day after the check-in; the job claims the row
 * (`callback_opened_at`) and opens an `event_callback` survey request with its SMS link in one transaction, so a
 * killed run and a rerun open each callback once. Both sweep in bounded pages.
 */
export class ClubEventJobs {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly directory: OrgDirectory,
    private readonly surveys: SurveysModule,
    private readonly portalUrl: string,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(EVENT_REMINDER_JOB, () => this.remind().then(() => undefined));
    jobs.schedule(EVENT_REMINDER_JOB, '47 * * * *');
    jobs.define(EVENT_CALLBACK_JOB, () => this.openCallbacks().then(() => undefined));
    jobs.schedule(EVENT_CALLBACK_JOB, '*/15 * * * *');
  }

  /** Reminds every confirmed registrant of tomorrow's events not reminded yet; answers the SMS written. */
  async remind(): Promise<number> {
    const tomorrow = chinaDate(new Date(this.clock.now().getTime() + 86_400_000));
    const from = new Date(Date.parse(`${tomorrow}T00:00:00Z`) - CHINA_OFFSET_MS);
    const to = new Date(from.getTime() + 86_400_000);
    let sent = 0;
    for (let round = 0; round < 100; round++) {
      const due = await new ClubEventRepository(this.db).dueReminders(from, to, PAGE);
      if (due.length === 0) break;
      const phones = new Map(
        (await this.customers.read.smsContacts(due.map((d) => d.registration.customerId))).map((c) => [
          c.customerId,
          c.phone,
        ]),
      );
      for (const { registration: r, event } of due) {
        const wrote = await this.db.transaction(async (tx) => {
          if (!(await new ClubEventRepository(tx).claimReminder(r.id, this.clock.now()))) return false;
          const phone = phones.get(r.customerId);
          if (!phone) return false;
          await this.messaging.send(tx, {
            channel: 'sms',
            recipient: phone,
            template: 'club_event.reminder',
            body: `【安居】提醒：您报名的活动「${event.title}」将于${whenText(event.startsAt)}开始${event.venue ? `，地点：${event.venue}` : ''}。签到码：${r.checkInCode}（${eventsLink(this.portalUrl)}）`,
            params: { eventId: event.id, registrationId: r.id },
            idempotencyKey: `club_event.reminder:${r.id}`,
            orgPath: event.orgPath,
            refType: 'club_event',
            refId: event.id,
          });
          return true;
        });
        if (wrote) sent++;
      }
      if (due.length < PAGE) break;
    }
    return sent;
  }

  /** Opens every callback come due; answers how many were opened. */
  async openCallbacks(): Promise<number> {
    let opened = 0;
    for (let round = 0; round < 100; round++) {
      const now = this.clock.now();
      const due = await new ClubEventRepository(this.db).dueCallbacks(now, PAGE);
      if (due.length === 0) break;
      for (const { registration: r, event } of due) {
        const company = await this.directory.companyOf({ id: event.orgUnitId, path: event.orgPath });
        const done = await this.db.transaction(async (tx) => {
          const repo = new ClubEventRepository(tx);
          if (!(await repo.claimCallback(r.id, now))) return false;
          const request = await this.surveys.requests.openCallback(tx, EVENT_CALLBACK_SURVEY, {
            subjectType: 'event',
            subjectId: r.id,
            customerId: r.customerId,
            unitId: null,
            projectId: event.projectId,
            companyId: company?.id ?? event.orgUnitId,
            orgPath: event.orgPath,
            service: 'event',
          });
          await repo.setCallbackRequest(r.id, request.id);
          return true;
        });
        if (done) opened++;
      }
      if (due.length < PAGE) break;
    }
    return opened;
  }
}
