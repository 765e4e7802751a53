import type { Listener } from '../../../platform/events/event-bus.js';
import type { OwnershipEvent } from '../../customers/customer.events.js';
import type { ClubMemberService } from '../member.service.js';
import type { PointsService } from '../points.service.js';

/**
 * A home bought or changed (`ownership.created` / `ownership.changed`, customers module): a buyer member becomes an
 * owner member once the home is handed over (the family members in the club follow), and a fully paid home earns
 * its buyer the purchase points once — the key `purchase:<ownershipId>` holds however often the status is saved.
 * The tier is re-judged after each change. Customers who are not in the club are left alone.
 */
export const ownershipListener = (members: ClubMemberService, points: PointsService): Listener<OwnershipEvent> => ({
  name: 'club.ownership',
  on: ['ownership.created', 'ownership.changed'],
  async handle(event, { tx }) {
    const p = event.payload;
    const member = await members.followHome(tx, event.actor, {
      customerId: p.customerId,
      projectId: p.projectId,
      handedOver: !!(p.deliveryDate || p.moveInDate),
    });
    if (member && p.paymentStatus === 'paid') {
      await points.earn(member.id, 'purchase', event.subjectId, { tx, actor: event.actor });
    }
  },
});
