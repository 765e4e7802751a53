import type { KpiUnit } from '@anju/contracts/analytics';

/* Pure helpers of the KPI dashboards (tested without a browser: apps/server/test/kpi-console.test.ts). */

/** A figure as KPIS.md reads it: a percent with one decimal, a ratio with two, a count (one decimal when averaged). */
export function formatKpiValue(unit: KpiUnit, value: number | null | undefined): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (unit === 'percent') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'ratio') return value.toFixed(2);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The month before this one in Asia/Shanghai (`2026-11`): the dashboards' default period. */
export function lastMonth(now: Date = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth(); // 0-based: this month's index is last month's number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

export const RAG_COLOR = { green: 'success', amber: 'warning', red: 'error', none: 'default' } as const;
export const RAG_STROKE = { green: '#52c41a', amber: '#faad14', red: '#ff4d4f', none: '#bfbfbf' } as const;

/** Percent targets are edited as percents (88 for 0.88); the others as they are. */
export const toEdited = (unit: KpiUnit, target: number) => (unit === 'percent' ? round(target * 100) : target);
export const fromEdited = (unit: KpiUnit, edited: number) => (unit === 'percent' ? round(edited / 100, 6) : edited);
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/** `2026-11` moved by `by` months. */
export function monthShift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
