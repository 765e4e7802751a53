import type { TitleParts } from '@anju/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';

/** What an SMS callback link shows: no sign-in, one use, expires after 7 days. */
export type RatingLink = {
  number: string;
  title: string;
  titleParts: TitleParts | null;
  category: { nameZh: string; nameEn: string } | null;
};

export const ratingKeys = {
  all: ['rating-link'] as const,
  link: (token: string) => [...ratingKeys.all, token] as const,
};

export function useRatingLink(token: string) {
  return useQuery({
    queryKey: ratingKeys.link(token),
    queryFn: () => api.get<RatingLink>(`/api/public/feedback/${encodeURIComponent(token)}`),
  });
}

export function useRateByLink(token: string) {
  return useMutation({
    mutationFn: (body: { score: number; comment?: string }) =>
      api.post<{ ok: true }>(`/api/public/feedback/${encodeURIComponent(token)}`, body),
  });
}
