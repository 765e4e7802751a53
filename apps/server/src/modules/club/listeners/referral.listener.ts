import type { Listener } from '../../../platform/events/event-bus.js';
import type { ReferralBought } from '../../customers/customer.events.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { TimelineEntryInput } from '../../customers/timeline.service.js';
import { ClubRepository } from '../club.repository.js';
import type { PointsService } from '../points.service.js';

/**
 * A referral that ended in a purchase (`referral.bought`, customers module): a referrer in the club earns the
 * `referral_purchase` rule once per referral (key `referral_purchase:<referralId>`), shown on their timeline; when
 * the club has a referral discount note, it is left on the buyer's timeline, once per referral.
 */
export const referralListener = (points: PointsService, customers: CustomersModule): Listener<ReferralBought> => ({
  name: 'club.referral',
  on: ['referral.bought'],
  async handle(event, { tx }) {
    const repo = new ClubRepository(tx);
    const { referrerId, referredId } = event.payload;
    const member = await repo.memberOfCustomer(referrerId);
    const entries: TimelineEntryInput[] = [];
    if (member) {
      const posted = await points.earn(member.id, 'referral_purchase', event.subjectId, { tx, actor: event.actor });
      if (posted && !posted.duplicate) {
        entries.push({
          customerId: referrerId,
          kind: 'club',
          title: `推荐成交获得 ${posted.entry.points} 积分`,
          orgPath: member.orgPath,
          refType: 'club_ledger',
          refId: String(posted.entry.id),
          data: { code: 'club.referral_points', points: posted.entry.points, card: member.cardNo },
        });
      }
    }
    const note = (await repo.settings())?.referralDiscountNote ?? null;
    if (note) {
      entries.push({
        customerId: referredId,
        kind: 'club',
        title: `老带新购房优惠：${note}`,
        orgPath: event.orgPath,
        refType: 'referral',
        refId: event.subjectId,
        data: { code: 'club.referral_discount', note },
      });
    }
    if (entries.length) await customers.timeline.addManyBy(tx, event.actor, entries);
  },
});
