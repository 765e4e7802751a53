import { useTranslation } from 'react-i18next';

/** The tier's name in the user's language ('—' without a tier). */
export function useTierName(): (tier: { nameZh: string; nameEn: string } | null) => string {
  const { i18n } = useTranslation();
  return (tier) => (tier ? (i18n.language === 'en-US' ? tier.nameEn : tier.nameZh) : '—');
}
