import type { Platform } from '../../../platform/modules.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { OrgModule } from '../../org/org.module.js';
import type { SurveysModule } from '../../surveys/surveys.module.js';
import type { ClubMemberService } from '../member.service.js';
import type { PointsService } from '../points.service.js';
import { ClubEventService } from './club-event.service.js';
import { ClubEventInvitations } from './club-event-invitations.js';
import { ClubEventJobs } from './club-event-jobs.js';
import { ClubEventPromotions } from './club-event-promotions.js';
import { ClubEventRegistrationService } from './club-event-registrations.service.js';
import { clubEventSurveySubject } from './club-event-subject.js';
import { MyClubEventService } from './my-club-events.js';

export type ClubEventsModule = ReturnType<typeof createClubEvents>;

/**
 * The club's events (issue 15 item 4): events and their counts, registrations with the waitlist and check-in, the
 * segment invitation, the owner portal's side, the reminder and callback jobs; registers the survey subject `event`.
 */
export function createClubEvents(
  platform: Platform,
  deps: { org: OrgModule; customers: CustomersModule; surveys: SurveysModule },
  members: ClubMemberService,
  points: PointsService,
) {
  const { db, audit, clock, events, messaging, config } = platform;
  const directory = deps.org.directory;
  deps.surveys.subjects.register(clubEventSurveySubject(directory));
  const promotions = new ClubEventPromotions(clock, messaging, deps.customers, config.publicUrl);
  const service = new ClubEventService(db, audit, clock, directory, deps.surveys, promotions);
  const registrations = new ClubEventRegistrationService(
    db,
    audit,
    clock,
    events,
    deps.customers,
    service,
    promotions,
    deps.surveys,
    points,
  );
  const invitations = new ClubEventInvitations(
    db,
    audit,
    clock,
    messaging,
    deps.customers,
    members,
    service,
    config.publicUrl,
  );
  const mine = new MyClubEventService(db, clock, deps.customers, directory, registrations, platform.idempotency);
  const jobs = new ClubEventJobs(db, clock, messaging, deps.customers, directory, deps.surveys, config.publicUrl);
  return { events: service, registrations, invitations, mine, jobs };
}
