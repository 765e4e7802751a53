import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { handoverKeys } from '../../api/handover';
import { hasCode } from '../../lib/errorText';

/**
 * A write sent with an old version (someone else saved the appointment meanwhile) is 409 VERSION_CONFLICT: the
 * appointment reloads and a warning says so. Answers whether the error was that (callers show others themselves).
 */
export function useStaleReload(id: string): (error: unknown) => boolean {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (error) => {
    if (!hasCode(error, 'VERSION_CONFLICT')) return false;
    void qc.invalidateQueries({ queryKey: handoverKeys.appointment(id) });
    message.warning(t('handover.stale'));
    return true;
  };
}
