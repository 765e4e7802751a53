import type { MyBenefits, MyVoucher } from '@anju/contracts/club-partners';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { MyBenefits, MyVoucher };

export const benefitKeys = {
  all: ['club-benefits'] as const,
  benefits: () => [...benefitKeys.all, 'benefits'] as const,
  vouchers: () => [...benefitKeys.all, 'vouchers'] as const,
};

/** GET /api/portal/club/benefits: the partners' benefits my tier can claim, my card and balance. */
export const useMyBenefits = () =>
  useQuery({ queryKey: benefitKeys.benefits(), queryFn: () => api.get<MyBenefits>('/api/portal/club/benefits') });

/** GET /api/portal/club/vouchers: my vouchers with their code (shown as a QR code). */
export const useMyVouchers = () =>
  useQuery({
    queryKey: benefitKeys.vouchers(),
    queryFn: async () => (await api.get<{ items: MyVoucher[] }>('/api/portal/club/vouchers')).items,
  });

/** Claims a benefit (its points price is redeemed) with the card's Idempotency-Key; both lists refetch either way. */
export function useClaimBenefit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, key }: { id: string; key: string }) =>
      api.post<MyVoucher>(`/api/portal/club/benefits/${id}/claim`, {}, { 'idempotency-key': key }),
    onSettled: () => qc.invalidateQueries({ queryKey: benefitKeys.all }),
  });
}
