import type { PropertyHandover, RecordPropertyHandoverBody } from '@anju/contracts/property-handover';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { PropertyHandover, RecordPropertyHandoverBody };
export type RatePropertyHandoverBody = { timely: boolean; complete: boolean; comment?: string | null; version: number };

export const propertyHandoverKeys = {
  all: ['property-handover'] as const,
  of: (batchId: string) => [...propertyHandoverKeys.all, batchId] as const,
};

/** The batch's hand-over to the property company (null until recorded). */
export function usePropertyHandover(batchId: string) {
  return useQuery({
    queryKey: propertyHandoverKeys.of(batchId),
    queryFn: () => api.get<{ handover: PropertyHandover | null }>(`/api/delivery-batches/${batchId}/property-handover`),
    select: (data) => data.handover,
  });
}

function useHandoverWrite<B>(batchId: string, write: (body: B) => Promise<PropertyHandover>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (handover) => qc.setQueryData(propertyHandoverKeys.of(batchId), { handover }),
    // after a 409 (stale or already rated) the card shows the stored record
    onError: () => qc.invalidateQueries({ queryKey: propertyHandoverKeys.of(batchId) }),
  });
}

export const useRecordPropertyHandover = (batchId: string) =>
  useHandoverWrite(batchId, (body: RecordPropertyHandoverBody) =>
    api.put<PropertyHandover>(`/api/delivery-batches/${batchId}/property-handover`, body),
  );

export const useRatePropertyHandover = (batchId: string) =>
  useHandoverWrite(batchId, (body: RatePropertyHandoverBody) =>
    api.post<PropertyHandover>(`/api/delivery-batches/${batchId}/property-handover/rating`, body),
  );
