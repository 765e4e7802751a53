import { CHINA_OFFSET_MS, chinaDate, chinaLocal } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { JobRunner } from '../../../platform/jobs/job-runner.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import { addDays } from '../journey-dates.js';
import { HandoverRepository } from './handover.repository.js';

export const HANDOVER_REMINDER_JOB = 'journeys.handover-reminders';
const PAGE = 200;

const hhmm = (d: Date) => chinaLocal(d).toISOString().slice(11, 16);
const monthDay = (d: Date) => {
  const local = chinaLocal(d);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
};

/**
 * The SMS the day before a booked handover slot. Hourly, the job takes the booked appointments whose slot starts
 * tomorrow (China) and not yet reminded for that day; each is claimed by a conditional update of `reminded_for` in
 * the transaction that writes the outbox row (key per appointment and day), so two instances send it once and a
 * booking moved to another day is reminded again. The owner is texted only with SMS consent; messages written at
 * night wait for 08:00 in the outbox (quiet hours), as every owner SMS does.
 */
export class HandoverReminders {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly directory: OrgDirectory,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(HANDOVER_REMINDER_JOB, async () => {
      await this.run();
    });
    jobs.schedule(HANDOVER_REMINDER_JOB, '7 * * * *');
  }

  /** Reminds every appointment due; answers the number of SMS written. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const day = addDays(chinaDate(now), 1);
    const from = new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
    const to = new Date(from.getTime() + 86_400_000);
    let sent = 0;
    for (let round = 0; round < 100; round++) {
      const due = await new HandoverRepository(this.db).dueReminders(from, to, day, PAGE);
      if (due.length === 0) break;
      const [units, projects] = await Promise.all([
        new UnitLookup(this.db).byIds(due.map((d) => d.appointment.unitId)),
        this.directory.names(due.map((d) => d.appointment.projectId)),
      ]);
      const codes = new Map(units.map((u) => [u.id, u.code]));
      for (const { appointment: a, slot } of due) {
        const phone = await this.customers.customers.primaryPhone(a.customerId);
        const wrote = await this.db.transaction(async (tx) => {
          if (!(await new HandoverRepository(tx).claimReminder(a.id, day))) return false;
          const consents = await this.customers.read.consentsOf(a.customerId, tx);
          if (!phone || !consents.find((c) => c.channel === 'sms')?.granted) return false;
          await this.messaging.send(tx, {
            channel: 'sms',
            recipient: phone,
            template: 'handover.reminder',
            body: `【安居】您预约的${projects.get(a.projectId) ?? ''}${codes.get(a.unitId) ?? ''}集中交付时间为${monthDay(slot.startsAt)} ${hhmm(slot.startsAt)}–${hhmm(slot.endsAt)}，请携带身份证和购房合同准时到场验房收房。`,
            idempotencyKey: `handover.reminder:${a.id}:${day}`,
            orgPath: a.orgPath,
            refType: 'handover_appointment',
            refId: a.id,
          });
          return true;
        });
        if (wrote) sent++;
      }
      if (due.length < PAGE) break;
    }
    return sent;
  }
}
