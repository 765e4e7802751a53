import type { CONSENT_CHANNELS, MyProfile, myDataExportRequest } from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';

export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type MyDataExportRequest = z.infer<typeof myDataExportRequest>;

export const meKeys = {
  all: ['me'] as const,
  profile: () => [...meKeys.all, 'profile'] as const,
};

export function useMyProfile() {
  return useQuery({ queryKey: meKeys.profile(), queryFn: () => api.get<MyProfile>('/api/portal/me') });
}

/** Flips one marketing channel at once on screen; the server's record (with its time) replaces it on settle. */
export function useUpdateMyConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { channel: ConsentChannel; granted: boolean }) =>
      api.put<unknown>('/api/portal/me/consents', body),
    onMutate: async ({ channel, granted }) => {
      await queryClient.cancelQueries({ queryKey: meKeys.profile() });
      const previous = queryClient.getQueryData<MyProfile>(meKeys.profile());
      if (previous) {
        const others = previous.consents.filter((c) => c.channel !== channel);
        const current = previous.consents.find((c) => c.channel === channel);
        const next = { channel, granted, at: current?.at ?? null, source: current?.source ?? null };
        queryClient.setQueryData<MyProfile>(meKeys.profile(), { ...previous, consents: [...others, next] });
      }
      return { previous };
    },
    onError: (_error, _body, context) => {
      if (context?.previous) queryClient.setQueryData(meKeys.profile(), context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: meKeys.profile() }),
  });
}

/** PIPL right of access: opens a task for the CR centre and answers with its number. */
export function useRequestMyDataExport() {
  return useMutation({
    mutationFn: () => api.post<MyDataExportRequest>('/api/portal/me/data-export'),
  });
}
