import type { Language } from '../i18n.js';
import { reason } from './importer.js';

/** 2026-5-1, 2026/05/01, 2026.05.01, 2026年5月1日 or an Excel date cell (already ISO) → 2026-05-01; '' → null. */
export function parseDay(text: string): string | null | undefined {
  if (!text) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A China local date-time (`2026-10-05 09:30`, seconds optional; a bare day is 00:00) → the instant; '' → null. */
export function parseChinaTime(text: string): Date | null | undefined {
  if (!text) return null;
  const m = /^(.+?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  const day = m ? parseDay(m[1] ?? '') : undefined;
  if (!m || !day) return undefined;
  const [h, mi, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return new Date(`${day}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`);
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '']);
/** 是 / 否 (or yes / no, 1 / 0); '' → false. */
export function parseYesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

/** A code given as itself or as its Chinese or English label (case-insensitive); '' → null. */
export function parseCode<C extends string>(text: string, labels: Record<C, readonly string[]>): C | null | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  for (const [code, words] of Object.entries(labels) as [C, readonly string[]][])
    if (code.toLowerCase() === t || words.some((w) => w.toLowerCase() === t)) return code;
  return undefined;
}

/** Collects a row's reasons in the reader's language. */
export function rowReasons(lang: Language) {
  const reasons: string[] = [];
  return { reasons, say: (zh: string, en: string) => reasons.push(reason(lang, zh, en)) };
}

/** The months from `first` through `count` more (`2026-10`, 2 → 2026-10, 2026-11, 2026-12). */
export function monthsFrom(first: string, count: number): string[] {
  const [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  return Array.from({ length: count + 1 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The China local month of an instant. */
export const chinaMonth = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
