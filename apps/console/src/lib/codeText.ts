import { ERROR_CODES } from '@anju/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The message of a bare error code (as in per-item results of a bulk call), in the console's language. Its own
 * module: the error-code table (ERROR_CODES, about 4 KB gzipped) goes only where a bare code is shown.
 */
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
