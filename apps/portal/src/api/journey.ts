import type { MyJourney } from '@anju/contracts/journeys';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export type { MyJourney };
export type MyJourneyItem = MyJourney['items'][number];
export type MyJourneyStep = MyJourneyItem['steps'][number];

export const journeyKeys = {
  all: ['journey'] as const,
  mine: () => [...journeyKeys.all, 'mine'] as const,
};

/** GET /api/portal/journey: for each of the owner's homes, the steps done, due now and coming, in date order. */
export function useMyJourney() {
  return useQuery({
    queryKey: journeyKeys.mine(),
    queryFn: async () => (await api.get<MyJourney>('/api/portal/journey')).items,
  });
}
