/** Every date in the console is shown in China Standard Time, whatever the browser's zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
/** Asia/Shanghai has no daylight saving: a fixed offset turns picked calendar days into instants. */
const SHANGHAI_OFFSET = '+08:00';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2025-03-01T02:04:05Z` → `2025-03-01 10:04` (or with seconds). Empty input gives an em dash. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  const time = `${parts.hour}:${parts.minute}${withSeconds ? `:${parts.second}` : ''}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time}`;
}

/** `2025-03-01` → the ISO instant at the start (or end) of that day in Asia/Shanghai. */
export function shanghaiDayBoundary(day: string, edge: 'start' | 'end'): string {
  return `${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}${SHANGHAI_OFFSET}`;
}

export const isFuture = (iso: string | null | undefined): boolean => !!iso && new Date(iso).getTime() > Date.now();
