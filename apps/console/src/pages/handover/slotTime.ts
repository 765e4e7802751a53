import { formatDateTime } from '../../lib/format';

/** `2026-12-19T01:00:00Z` → day `2026-12-19` and time `09:00` in China (the slot editor's fields). */
export function slotParts(iso: string): { day: string; time: string } {
  const [day = '', time = ''] = formatDateTime(iso).split(' ');
  return { day, time };
}

/** Day and China time back to an instant: `2026-12-19`, `09:00` → `2026-12-19T09:00:00+08:00`. */
export const slotInstant = (day: string, time: string) => `${day}T${time}:00+08:00`;

/** `12-19 09:00–11:00` */
export function slotLabel(startsAt: string | null, endsAt: string | null): string {
  if (!startsAt || !endsAt) return '—';
  const from = slotParts(startsAt);
  return `${from.day.slice(5)} ${from.time}–${slotParts(endsAt).time}`;
}
