import { formatDateTime } from '../lib/format';

/** An instant shown in Asia/Shanghai; the raw ISO value is in the tooltip and `dateTime`. */
export function DateTime({ value, seconds = false }: { value: string | null | undefined; seconds?: boolean }) {
  if (!value) return <span>—</span>;
  return (
    <time dateTime={value} title={value} style={{ whiteSpace: 'nowrap' }}>
      {formatDateTime(value, seconds)}
    </time>
  );
}
