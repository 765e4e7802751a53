import type { loginCodeRequested, verifyLoginCodeBody } from '@anju/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';

export type LoginCodeRequested = z.infer<typeof loginCodeRequested>;
export type VerifyLoginCodeBody = z.input<typeof verifyLoginCodeBody>;

/** POST /api/portal/auth/code — the same answer whether or not the number belongs to an owner. */
export function useRequestLoginCode() {
  return useMutation({
    mutationFn: (phone: string) => api.post<LoginCodeRequested>('/api/portal/auth/code', { phone }),
  });
}

/** POST /api/portal/auth/verify — sets the httpOnly `anju_owner` cookie; cached data of anyone else is dropped. */
export function useVerifyLoginCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerifyLoginCodeBody) => api.post<unknown>('/api/portal/auth/verify', body),
    onSuccess: () => queryClient.clear(),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/portal/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}
