import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/formErrors';

/**
 * What every ticket write does on failure. A 409 means the ticket moved on (stale version, action no longer
 * allowed, callback already recorded): the api hooks refetch it, the message says so and `onStale` closes the form.
 * Anything else is shown on the form's fields and as a message.
 */
export function useWriteError() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback(
    <T>(error: unknown, options: { form?: FormInstance<T>; onStale?: () => void } = {}) => {
      if (error instanceof ApiError && error.status === 409) {
        message.warning(errorText(error));
        options.onStale?.();
        return;
      }
      if (options.form) applyFieldErrors(options.form, error);
      message.error(errorText(error));
    },
    [message, errorText],
  );
}
