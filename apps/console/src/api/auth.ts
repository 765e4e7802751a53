import type { Me } from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, setCsrfToken } from './client';
import type { ChangePasswordBody, LoginBody, Ok } from './types';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user; a 401 sends the browser to /login (see client.ts). */
export function useMe() {
  return useQuery({ queryKey: authKeys.me(), queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<Me>('/api/auth/login', body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.clear();
      qc.setQueryData(authKeys.me(), me);
    },
  });
}

/**
 * Signs out and goes to /login. The login page drops the cache once the signed-in pages are unmounted;
 * dropping it here would make them refetch /me (and bounce through a 401) on the way out.
 */
export function useLogout() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<Ok>('/api/auth/logout'),
    onSuccess: () => {
      setCsrfToken(null);
      navigate('/login', { replace: true });
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: ChangePasswordBody) => api.post<Ok>('/api/auth/password', body) });
}
