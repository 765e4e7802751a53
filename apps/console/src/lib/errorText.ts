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
