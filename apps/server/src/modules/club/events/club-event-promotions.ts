import { chinaLocal } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/database.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import { ClubEventRepository } from './club-event.repository.js';
import type { ClubEventRegistrationRow, ClubEventRow } from './club-event.tables.js';

/** `M月D日 HH:mm` in China time, for the owners' texts (Chinese by design). */
export const whenText = (d: Date) => {
  const l = chinaLocal(d);
  return `${l.getUTCMonth() + 1}月${l.getUTCDate()}日 ${l.toISOString().slice(11, 16)}`;
};

/** The portal page of the club's events (the SMS links point here). */
export const eventsLink = (base: string) => `${base}/m/events`;

/**
 * The waitlist: whenever places are free (a cancellation, a larger capacity) the first waitlisted registrations
 * become confirmed in the caller's transaction — the event row is locked by then — and each person who consented
 * to SMS is told through the outbox (one message per registration).
 */
export class ClubEventPromotions {
  constructor(
    private readonly clock: Clock,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly portalUrl: string,
  ) {}

  /** Confirms waitlisted people into the free places of a scheduled event; answers those promoted. */
  async fill(tx: Executor, event: ClubEventRow): Promise<ClubEventRegistrationRow[]> {
    if (event.status !== 'scheduled' || event.endsAt <= this.clock.now()) return [];
    const repo = new ClubEventRepository(tx);
    const free = event.capacity - (await repo.confirmedCount(event.id));
    if (free <= 0) return [];
    const now = this.clock.now();
    const promoted: ClubEventRegistrationRow[] = [];
    for (const w of await repo.waitlisted(event.id, free)) {
      const row = await repo.move(w.id, 'waitlisted', { status: 'registered', promotedAt: now });
      if (row) promoted.push(row);
    }
    const phones = new Map(
      (
        await this.customers.read.smsContacts(
          promoted.map((r) => r.customerId),
          tx,
        )
      ).map((c) => [c.customerId, c.phone]),
    );
    for (const r of promoted) {
      const phone = phones.get(r.customerId);
      if (!phone) continue;
      await this.messaging.send(tx, {
        channel: 'sms',
        recipient: phone,
        template: 'club_event.promoted',
        body: `【安居】您候补的活动「${event.title}」已有名额，报名成功。时间：${whenText(event.startsAt)}${event.venue ? `，地点：${event.venue}` : ''}。签到码见：${eventsLink(this.portalUrl)}`,
        params: { eventId: event.id, registrationId: r.id },
        idempotencyKey: `club_event.promoted:${r.id}`,
        orgPath: event.orgPath,
        refType: 'club_event',
        refId: event.id,
      });
    }
    return promoted;
  }
}
