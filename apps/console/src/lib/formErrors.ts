import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Error codes that belong to one field of a form. */
export type CodeFieldMap = Partial<Record<string, string>>;

/** `body.username` → `username`; `body.roleIds.0` → `roleIds`. */
export const fieldOfPath = (path: string): string => {
  const segments = path.split('.').filter(Boolean);
  const start = segments[0] === 'body' || segments[0] === 'querystring' ? 1 : 0;
  return segments[start] ?? '';
};

/**
 * Puts a server error on the form's fields: VALIDATION_FAILED details by path, and codes such as
 * USERNAME_TAKEN on the field named in `codeFields`. Returns true when at least one field got a message.
 */
export function applyServerErrors<T>(form: FormInstance<T>, error: unknown, codeFields: CodeFieldMap = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  // the fields this form has registered (mounted Form.Items), whatever their values
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const byField = new Map<string, string[]>();
  const add = (field: string, message: string) => {
    if (!field) return;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  };
  for (const fe of error.fieldErrors) {
    const field = fieldOfPath(fe.path);
    if (known.has(field)) add(field, fe.message);
  }
  const codeField = codeFields[error.code];
  if (codeField) add(codeField, error.message);
  if (byField.size === 0) return false;
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name: name as never, errors })));
  return true;
}

/**
 * Puts a server error on the form: VALIDATION_FAILED details by path (applyServerErrors), or the `{ field }` that
 * services name in their details (tickets: `assigneeOrgId`, `rootCause`, `orgUnitId`; notices).
 */
export function applyFieldErrors<T>(form: FormInstance<T>, error: unknown): boolean {
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
