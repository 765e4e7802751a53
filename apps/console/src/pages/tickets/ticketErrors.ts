import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';

/**
 * Puts a server error on the form: VALIDATION_FAILED details by path (lib/formErrors), or the `{ field }` that
 * ticket services name in their details (`assigneeOrgId`, `rootCause`, `orgUnitId`).
 */
export function applyTicketErrors<T>(form: FormInstance<T>, error: unknown): boolean {
  if (applyServerErrors(form, error)) return true;
  if (!(error instanceof ApiError)) return false;
  const details = error.details as { field?: unknown; reason?: unknown } | undefined;
  const field = typeof details?.field === 'string' ? details.field : null;
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  if (!field || !known.has(field)) return false;
  const reason = typeof details?.reason === 'string' ? ` (${details.reason})` : '';
  form.setFields([{ name: field as never, errors: [`${error.message}${reason}`] }]);
  return true;
}

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
      if (options.form) applyTicketErrors(options.form, error);
      message.error(errorText(error));
    },
    [message, errorText],
  );
}
