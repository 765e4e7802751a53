import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Splits whole minutes into days, hours and minutes. */
export const splitMinutes = (total: number) => {
  const m = Math.max(0, Math.round(total));
  return { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60), m: m % 60 };
};

/**
 * `1590` → `1天2小时30分钟` / `1 d 2 h 30 min`; at most the two largest units unless `exact` (countdowns stay
 * short). `hours` leaves out days: a working-time limit of 56 h is seven working days, not 2 d 8 h.
 */
export function useFormatMinutes(): (minutes: number, opts?: { exact?: boolean; hours?: boolean }) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (minutes: number, { exact = false, hours = false } = {}) => {
      const split = splitMinutes(minutes);
      const { d, h, m } = hours ? { d: 0, h: split.d * 24 + split.h, m: split.m } : split;
      const parts = [
        d ? t('sla.duration.d', { count: d }) : '',
        h ? t('sla.duration.h', { count: h }) : '',
        m ? t('sla.duration.m', { count: m }) : '',
      ].filter(Boolean);
      if (parts.length === 0) return t('sla.duration.zero');
      return (exact ? parts : parts.slice(0, 2)).join(i18n.language === 'en-US' ? ' ' : '');
    },
    [t, i18n.language],
  );
}

/** The current time in ms, refreshed every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
