import type { PartCategory } from '@anju/contracts';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { MessagingService } from '../../platform/messaging/messaging.service.js';
import type { CustomerReadService } from '../customers/customer-read.service.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { WarrantyExpiryService } from '../property/warranty-expiry.js';
import { addDays } from './journey-dates.js';
import { WarrantyReminderRepository } from './warranty-reminder.repository.js';

export const WARRANTY_REMINDER_JOB = 'journeys.warranty-reminders';
/** A run also catches up the days a stopped server missed, up to a week. */
const CATCH_UP_DAYS = 6;

/** Owners' SMS are Chinese by design (the portal renders the reminder in the reader's language from its codes). */
const PART_ZH: Record<PartCategory, string> = {
  roof_waterproofing: '屋面防水',
  bathroom_waterproofing: '卫生间防水',
  external_wall_waterproofing: '外墙防水',
  heating: '供热系统',
  cooling: '供冷系统',
  electrical: '电气管线',
  plumbing: '给排水管道',
  equipment_installation: '设备安装',
  decoration: '装修工程',
  foundation_structure: '地基基础和主体结构',
};

/**
 * Warranty-expiry reminders: daily, the parts whose warranty ends in `leadDays` days (and the days a stopped server
 * missed) get one reminder per owner, kept in `warranty_reminders` (the portal lists them) — the insert that wins
 * the row also writes the SMS to the outbox (with consent; quiet hours hold it till morning), so two instances or a
 * rerun remind nobody twice. The cost follows the homes delivered on the matching days, not all homes.
 */
export class WarrantyReminders {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly messaging: MessagingService,
    private readonly expiries: WarrantyExpiryService,
    private readonly customers: CustomerReadService,
    private readonly directory: OrgDirectory,
    private readonly leadDays: number,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(WARRANTY_REMINDER_JOB, async () => {
      await this.run();
    });
    jobs.schedule(WARRANTY_REMINDER_JOB, '20 * * * *');
  }

  /** Reminds every owner due; answers the reminders written and the SMS among them. */
  async run(): Promise<{ reminded: number; texted: number }> {
    const now = this.clock.now();
    const today = chinaDate(now);
    const to = addDays(today, this.leadDays);
    const from = [addDays(to, -CATCH_UP_DAYS), today].sort()[1] as string;
    let reminded = 0;
    let texted = 0;
    for await (const parts of this.expiries.endingBetween(from, to)) {
      const [owners, projects] = await Promise.all([
        this.customers.ownersOfUnits([...new Set(parts.map((p) => p.unitId))]),
        this.directory.nodes(parts.map((p) => p.projectId)),
      ]);
      const rows = parts.flatMap((p) =>
        owners
          .filter((o) => o.unitId === p.unitId)
          .map((o) => ({ part: p, owner: o, row: { ...pick(p), customerId: o.customerId, sentAt: now } })),
      );
      if (rows.length === 0) continue;
      await this.db.transaction(async (tx) => {
        const won = await new WarrantyReminderRepository(tx).insert(rows.map((r) => r.row));
        const key = (r: { unitId: string; partCategory: string; endsOn: string; customerId: string }) =>
          `${r.unitId}|${r.partCategory}|${r.endsOn}|${r.customerId}`;
        const fresh = new Set(won.map(key));
        for (const { part, owner, row } of rows) {
          if (!fresh.has(key(row))) continue;
          reminded++;
          if (!owner.smsConsent || !owner.phone) continue;
          texted++;
          await this.messaging.send(tx, {
            channel: 'sms',
            recipient: owner.phone,
            template: 'warranty.expiring',
            body: `【安居】您的房屋 ${part.code} 的${PART_ZH[part.partCategory]}保修期将于 ${part.endsOn} 到期。如有需要保修的问题，请在到期前通过业主服务或热线报修。`,
            params: { unit: part.code, part: part.partCategory, endsOn: part.endsOn },
            idempotencyKey: `warranty.expiring:${key(row)}`,
            orgPath: projects.get(part.projectId)?.path ?? '/',
            refType: 'unit',
            refId: part.unitId,
          });
        }
      });
    }
    return { reminded, texted };
  }
}

const pick = (p: { unitId: string; partCategory: string; endsOn: string }) => ({
  unitId: p.unitId,
  partCategory: p.partCategory,
  endsOn: p.endsOn,
});
