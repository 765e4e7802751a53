import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ItemList, Ok } from './types';

/** A saved queue view: filters as the queue's query string has them. */
export interface TicketView {
  id: string;
  name: string;
  query: Record<string, string>;
}

const viewKeys = { all: ['ticket-views'] as const };

export const useTicketViews = () =>
  useQuery({
    queryKey: viewKeys.all,
    queryFn: () => api.get<ItemList<TicketView>>('/api/ticket-views'),
    select: (d) => d.items,
  });

/** Saves the filters under a name; the same name replaces the view. */
export function useSaveTicketView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: Record<string, string> }) =>
      api.put<TicketView>('/api/ticket-views', body),
    onSettled: () => qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

export function useDeleteTicketView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/ticket-views/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}
