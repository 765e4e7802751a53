import { type InputHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';

interface FieldShell {
  label: string;
  error?: string | null;
  hint?: string;
  /** Shows "12/1000" under a textarea. */
  maxLength?: number;
}

/**
 * A labelled native input: the `data-testid`, `name` and `aria-*` given land on the <input> itself, so tests can
 * `fill` it and screen readers read the label and the error.
 */
export function TextField({
  label,
  error,
  hint,
  id,
  ...input
}: FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'children'>) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={fieldId}>
        {label}
      </label>
      <input
        id={fieldId}
        className="field-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        {...input}
      />
      <FieldFooter id={fieldId} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  id,
  maxLength,
  value,
  ...textarea
}: FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> & { value: string }) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={fieldId}>
        {label}
      </label>
      <textarea
        id={fieldId}
        className="field-input field-textarea"
        rows={4}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        {...textarea}
      />
      <FieldFooter
        id={fieldId}
        error={error}
        hint={hint}
        count={maxLength ? `${value.length}/${maxLength}` : undefined}
      />
    </div>
  );
}

function FieldFooter({ id, error, hint, count }: { id: string; error?: string | null; hint?: string; count?: string }) {
  if (!error && !hint && !count) return null;
  return (
    <div className="field-footer">
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : (
        <span className="field-hint">{hint}</span>
      )}
      {count && <span className="field-count">{count}</span>}
    </div>
  );
}

/** A label + error frame for a non-text control (Selector, uploader, picker). */
export function FieldFrame({
  label,
  error,
  hint,
  children,
  labelId,
}: FieldShell & { children: React.ReactNode; labelId?: string }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <div className="field-label" id={labelId}>
        {label}
      </div>
      {children}
      {(error || hint) && (
        <div className="field-footer">
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : (
            <span className="field-hint">{hint}</span>
          )}
        </div>
      )}
    </div>
  );
}
