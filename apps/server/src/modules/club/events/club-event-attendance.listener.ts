import type { ClubEventKind } from '@anju/contracts/club-events';
import type { Listener } from '../../../platform/events/event-bus.js';
import { ClubRepository } from '../club.repository.js';
import type { PointsService } from '../points.service.js';
import { CLUB_EVENT_CHECKED_IN, type ClubEventCheckedIn } from './club-event-registrations.service.js';
import { earnRuleOf } from './club-event-rules.js';

/**
 * An attendee checked in (`club_event.checked_in`): a club member earns `lecture_attendance` for a lecture, else
 * `event_attendance`, keyed by the registration (`<rule>:<registrationId>`), so a redelivered event, a rerun after a
 * crash or a second scan awards once. People outside the club earn nothing.
 */
export const eventAttendanceListener = (points: PointsService): Listener<ClubEventCheckedIn> => ({
  name: 'club.event-attendance',
  on: [CLUB_EVENT_CHECKED_IN],
  async handle(event, { tx }) {
    // the member at check-in time: someone who joined the club after registering still earns
    const member = await new ClubRepository(tx).memberOfCustomer(event.payload.customerId);
    if (!member) return;
    const rule = earnRuleOf(event.payload.kind as ClubEventKind);
    await points.earn(member.id, rule, event.subjectId, { tx, actor: event.actor });
  },
});
