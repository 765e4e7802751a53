import { ERROR_CODES } from '@anju/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

// the shell imports errorText.ts directly, so the error-code table (ERROR_CODES) stays out of the first screen
export { hasCode, useErrorText } from './errorText';

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
