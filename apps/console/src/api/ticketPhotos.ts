import type { TicketPhoto, TicketPhotoRole } from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadFileWithProgress } from './client';
import { ticketKeys } from './tickets';
import type { ItemList } from './types';

export const photoKeys = {
  all: ['ticket-photos'] as const,
  of: (ticketId: string) => [...photoKeys.all, ticketId] as const,
};

/** The ticket's photos in upload order. */
export const useTicketPhotos = (ticketId: string) =>
  useQuery({
    queryKey: photoKeys.of(ticketId),
    queryFn: () => api.get<ItemList<TicketPhoto>>(`/api/tickets/${ticketId}/photos`),
    select: (d) => d.items,
  });

export interface PhotoUpload {
  file: File;
  role: TicketPhotoRole;
  onProgress?: (percent: number) => void;
}

/** Adds a before/after photo (the same bytes again answer the stored photo); the photos and the ticket refetch. */
export function useUploadTicketPhoto(ticketId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, role, onProgress }: PhotoUpload) =>
      uploadFileWithProgress<TicketPhoto>(`/api/tickets/${ticketId}/photos`, file, { query: { role }, onProgress }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: photoKeys.of(ticketId) }),
        // the upload is an event on the ticket's timeline
        qc.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
      ]),
  });
}
