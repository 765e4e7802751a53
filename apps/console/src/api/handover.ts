import type { FileInfo } from '@anju/contracts';
import type {
  HandoverAppointment,
  HandoverAppointmentDetail,
  HandoverBoard,
  HandoverSlot,
  recordHandoverInspectionBody,
  refuseHandoverBody,
  upsertHandoverSlotsBody,
} from '@anju/contracts/handover';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, uploadFile } from './client';
import type { ItemList } from './types';

export type UpsertHandoverSlotsBody = z.input<typeof upsertHandoverSlotsBody>;
export type RecordHandoverInspectionBody = z.input<typeof recordHandoverInspectionBody>;
export type RefuseHandoverBody = z.input<typeof refuseHandoverBody>;

export const handoverKeys = {
  all: ['handover'] as const,
  board: (batchId: string) => [...handoverKeys.all, 'board', batchId] as const,
  slots: (batchId: string) => [...handoverKeys.all, 'slots', batchId] as const,
  appointment: (id: string) => [...handoverKeys.all, 'appointment', id] as const,
};

/** The batch's live board (refetched every 15 s while open). */
export function useHandoverBoard(batchId: string | undefined) {
  return useQuery({
    queryKey: handoverKeys.board(batchId ?? 'none'),
    queryFn: () => api.get<HandoverBoard>(`/api/delivery-batches/${batchId}/handover-board`),
    enabled: Boolean(batchId),
    refetchInterval: 15_000,
  });
}

export function useUpsertHandoverSlots(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpsertHandoverSlotsBody) =>
      api.put<ItemList<HandoverSlot>>(`/api/delivery-batches/${batchId}/handover-slots`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: handoverKeys.all }),
  });
}

/** The desk books a household's slot or moves it. */
export function useBookHandoverSlot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId: string; slotId: string }) =>
      api.post<HandoverAppointment>('/api/handover-appointments', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: handoverKeys.all }),
  });
}

export function useCheckInHandover(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string) =>
      api.post<HandoverAppointmentDetail>(`/api/delivery-batches/${batchId}/handover-check-ins`, { unitId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: handoverKeys.all }),
  });
}

export function useHandoverAppointment(id: string | undefined) {
  return useQuery({
    queryKey: handoverKeys.appointment(id ?? 'none'),
    queryFn: () => api.get<HandoverAppointmentDetail>(`/api/handover-appointments/${id}`),
    enabled: Boolean(id),
  });
}

/** A write on the appointment answers its new detail, which replaces the cached one. */
function useAppointmentWrite<B>(id: string, write: (body: B) => Promise<HandoverAppointmentDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (detail) => {
      qc.setQueryData(handoverKeys.appointment(id), detail);
      void qc.invalidateQueries({ queryKey: [...handoverKeys.all, 'board'] });
    },
  });
}

export const useRecordHandoverInspection = (id: string) =>
  useAppointmentWrite(id, (body: RecordHandoverInspectionBody) =>
    api.put<HandoverAppointmentDetail>(`/api/handover-appointments/${id}/inspection`, body),
  );

export const useSignHandover = (id: string) =>
  useAppointmentWrite(id, (body: { version: number; signaturePng: string }) =>
    api.post<HandoverAppointmentDetail>(`/api/handover-appointments/${id}/sign`, body),
  );

export const useRefuseHandover = (id: string) =>
  useAppointmentWrite(id, (body: RefuseHandoverBody) =>
    api.post<HandoverAppointmentDetail>(`/api/handover-appointments/${id}/refuse`, body),
  );

/** An inspection photo (the same bytes again answer the stored one). */
export const uploadHandoverPhoto = (id: string, file: File) =>
  uploadFile<FileInfo>(`/api/handover-appointments/${id}/photos`, file);
