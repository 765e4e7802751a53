import { ERROR_CODES } from '@anju/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The text to show for a failed call: the server's localized message, or ours for network failures. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) return error.code === 'NETWORK_ERROR' ? t('common.networkError') : error.message;
      if (error instanceof Error) return error.message;
      return t('common.errorTitle');
    },
    [t],
  );
}

export const hasCode = (error: unknown, code: string): boolean => error instanceof ApiError && error.code === code;

/** The message of a bare error code (as in per-item results of a bulk call), in the console's language. */
export function useCodeText(): (code: string | null | undefined) => string {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useCallback(
    (code: string | null | undefined) => {
      const entry = code ? (ERROR_CODES as Record<string, { zh: string; en: string } | undefined>)[code] : undefined;
      if (entry) return en ? entry.en : entry.zh;
      return code ?? t('common.errorTitle');
    },
    [en, t],
  );
}
