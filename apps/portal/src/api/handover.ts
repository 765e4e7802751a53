import type { MyHandoverHome, MyHandoverInspection, MyHandoverSlots } from '@anju/contracts/handover';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { MyHandoverHome, MyHandoverInspection };

export const handoverKeys = {
  all: ['handover'] as const,
  slots: () => [...handoverKeys.all, 'slots'] as const,
  inspection: (unitId: string) => [...handoverKeys.all, 'inspection', unitId] as const,
};

/** GET /api/portal/handover/slots: my homes with a handover day, my booking and the slots to pick from. */
export function useMyHandoverSlots() {
  return useQuery({
    queryKey: handoverKeys.slots(),
    queryFn: async () => (await api.get<MyHandoverSlots>('/api/portal/handover/slots')).items,
  });
}

/** Books or changes my slot; the list refetches either way (a slot that filled up shows as it now is). */
export function useBookMyHandoverSlot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId: string; slotId: string }) =>
      api.post<MyHandoverSlots>('/api/portal/handover/bookings', body),
    onSettled: () => qc.invalidateQueries({ queryKey: handoverKeys.all }),
  });
}

/** My home's handover inspection: the checks with photos, readings, keys, and the repairs it opened. */
export function useMyHandoverInspection(unitId: string) {
  return useQuery({
    queryKey: handoverKeys.inspection(unitId),
    queryFn: () => api.get<MyHandoverInspection>('/api/portal/handover/inspection', { unitId }),
  });
}
