import type {
  AgeGroup,
  ClubEvent,
  ClubEventDetail,
  ClubEventKind,
  checkInResult,
  createEventBody,
  EventRegistration,
  inviteEventSegmentBody,
  inviteEventSegmentResult,
  markEventAttendanceResult,
  updateEventBody,
} from '@anju/contracts/club-events';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

export type { AgeGroup, ClubEvent, ClubEventDetail, ClubEventKind, EventRegistration };
export type CreateEventBody = z.input<typeof createEventBody>;
export type UpdateEventBody = z.input<typeof updateEventBody>;
export type InviteSegmentBody = z.input<typeof inviteEventSegmentBody>;
export type InviteSegmentResult = z.infer<typeof inviteEventSegmentResult>;
export type CheckInResult = z.infer<typeof checkInResult>;
export type MarkAttendanceResult = z.infer<typeof markEventAttendanceResult>;
export interface EventFilter {
  kind?: ClubEventKind;
  status?: 'scheduled' | 'cancelled';
  from?: string;
  to?: string;
}

/** The club events' query keys. */
export const clubEventKeys = {
  all: ['club-events'] as const,
  list: (filter: EventFilter) => [...clubEventKeys.all, 'list', filter] as const,
  one: (id: string) => [...clubEventKeys.all, 'one', id] as const,
  registrations: (id: string) => [...clubEventKeys.all, 'one', id, 'registrations'] as const,
};

export function useClubEvents(filter: EventFilter) {
  return useInfiniteQuery({
    queryKey: clubEventKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<ClubEvent>>('/api/club/events', { ...filter, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One event with its counts (registered, waitlisted, checked in, callbacks answered, invited). */
export const useClubEvent = (id: string) =>
  useQuery({ queryKey: clubEventKeys.one(id), queryFn: () => api.get<ClubEventDetail>(`/api/club/events/${id}`) });

export function useEventRegistrations(id: string) {
  return useInfiniteQuery({
    queryKey: clubEventKeys.registrations(id),
    queryFn: ({ pageParam }) =>
      api.get<Page<EventRegistration>>(`/api/club/events/${id}/registrations`, { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const useEventMutation = <B, R>(fn: (body: B) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: clubEventKeys.all }) });
};

export const useCreateEvent = () =>
  useEventMutation((body: CreateEventBody) => api.post<ClubEventDetail>('/api/club/events', body));
export const useUpdateEvent = (id: string) =>
  useEventMutation((body: UpdateEventBody) => api.patch<ClubEventDetail>(`/api/club/events/${id}`, body));
export const useRegisterForEvent = (id: string) =>
  useEventMutation((customerId: string) =>
    api.post<EventRegistration>(`/api/club/events/${id}/registrations`, { customerId }),
  );
export const useCancelRegistration = (id: string) =>
  useEventMutation((registrationId: string) =>
    api.post<EventRegistration>(`/api/club/events/${id}/registrations/${registrationId}/cancel`),
  );
export const useCheckIn = (id: string) =>
  useEventMutation((code: string) => api.post<CheckInResult>(`/api/club/events/${id}/check-in`, { code }));
/** Attendance from the sign-in sheet: the chosen registrations checked in, members' points earned in one batch. */
export const useMarkAttendance = (id: string) =>
  useEventMutation((registrationIds: string[]) =>
    api.post<MarkAttendanceResult>(`/api/club/events/${id}/attendance`, { registrationIds }),
  );
export const useInviteSegment = (id: string) =>
  useEventMutation((body: InviteSegmentBody) =>
    api.post<InviteSegmentResult>(`/api/club/events/${id}/invitations`, body),
  );
