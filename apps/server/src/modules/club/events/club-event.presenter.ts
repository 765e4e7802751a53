import type { ClubEvent, EventRegistration, MyEvent } from '@anju/contracts/club-events';
import type { ClubEventRegistrationRow, ClubEventRow } from './club-event.tables.js';

/** An event with its tallies and the name of its place. */
export function presentEvent(v: {
  row: ClubEventRow;
  orgUnitName: string | null;
  registered: number;
  waitlisted: number;
}): ClubEvent {
  const r = v.row;
  return {
    id: r.id,
    kind: r.kind as ClubEvent['kind'],
    title: r.title,
    description: r.description,
    ageGroup: r.ageGroup as ClubEvent['ageGroup'],
    openDayId: r.openDayId,
    orgUnitId: r.orgUnitId,
    orgUnitName: v.orgUnitName,
    projectId: r.projectId,
    venue: r.venue,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    capacity: r.capacity,
    waitlist: r.waitlist,
    status: r.status as ClubEvent['status'],
    registered: v.registered,
    waitlisted: v.waitlisted,
    version: r.version,
  };
}

/** Where an attendee's callback stands: not checked in, due, or the survey request's status. */
export function callbackState(
  r: ClubEventRegistrationRow,
  requestStatus: string | null,
): EventRegistration['callback'] {
  if (!r.checkedInAt || !r.callbackDueAt) return 'none';
  if (!r.callbackRequestId) return 'due';
  if (requestStatus === 'pending' || requestStatus === 'answered') return requestStatus;
  return 'closed';
}

export function presentRegistration(
  r: ClubEventRegistrationRow,
  extra: { customerName: string | null; cardNo: string | null; requestStatus: string | null },
): EventRegistration {
  return {
    id: r.id,
    eventId: r.eventId,
    customerId: r.customerId,
    customerName: extra.customerName,
    memberId: r.memberId,
    cardNo: extra.cardNo,
    status: r.status as EventRegistration['status'],
    via: r.via as EventRegistration['via'],
    registeredAt: r.registeredAt.toISOString(),
    promotedAt: r.promotedAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    callback: callbackState(r, extra.requestStatus),
  };
}

/** An event as the owner sees it, with their registration (and its check-in code) when they have one. */
export function presentMyEvent(
  r: ClubEventRow,
  extra: { orgUnitName: string | null; confirmed: number; registration: ClubEventRegistrationRow | null; now: Date },
): MyEvent {
  const placesLeft = Math.max(0, r.capacity - extra.confirmed);
  const open = r.status === 'scheduled' && r.endsAt > extra.now;
  const reg = extra.registration;
  return {
    id: r.id,
    kind: r.kind as MyEvent['kind'],
    title: r.title,
    description: r.description,
    ageGroup: r.ageGroup as MyEvent['ageGroup'],
    orgUnitName: extra.orgUnitName,
    venue: r.venue,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    status: r.status as MyEvent['status'],
    placesLeft,
    waitlist: r.waitlist,
    canRegister: open && reg === null && (placesLeft > 0 || r.waitlist),
    registration: reg
      ? {
          id: reg.id,
          status: reg.status as NonNullable<MyEvent['registration']>['status'],
          checkInCode: reg.checkInCode,
          checkedInAt: reg.checkedInAt?.toISOString() ?? null,
        }
      : null,
  };
}
