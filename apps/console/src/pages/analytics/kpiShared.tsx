import type { KpiUnit } from '@anju/contracts/analytics';
import { Select } from 'antd';
import { type CSSProperties, lazy, Suspense, useMemo, useState } from 'react';
import type { DrillTarget } from './DrilldownDrawer';
import type { ChartOption } from './EChart';
import './analyticsStrings';

/*
 * What every KPI dashboard shares, in one module (one chunk, one name in the first screen's preload list): figure
 * formats, the lazily loaded chart and drill-down drawer, the month select; importing it registers the strings.
 */

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

const LazyEChart = lazy(async () => ({ default: (await import('./EChart')).EChart }));

/** An ECharts chart fetched when first shown (echarts is its own chunk, never in a page's static imports). */
export function Chart({ option, height = 160, testId }: { option: ChartOption; height?: number; testId?: string }) {
  const style: CSSProperties = { height };
  return (
    <Suspense fallback={<div style={style} />}>
      <LazyEChart option={option} style={style} testId={testId} />
    </Suspense>
  );
}

const DrilldownDrawer = lazy(async () => ({ default: (await import('./DrilldownDrawer')).DrilldownDrawer }));

/**
 * The drill-down drawer behind a figure, fetched on the first click (its table and drawer stay out of the
 * dashboards' static imports). `open(target)` shows the records behind a figure.
 */
export function useDrilldown() {
  const [drill, setDrill] = useState<(DrillTarget & { key: number }) | null>(null);
  const open = (target: DrillTarget) => setDrill({ ...target, key: Date.now() });
  const drawer = drill && (
    <Suspense fallback={null}>
      <DrilldownDrawer key={drill.key} target={drill} onClose={() => setDrill(null)} />
    </Suspense>
  );
  return { open, drawer };
}

/** The last 36 months, newest first (`2026-11`): a Select rather than antd's DatePicker, which weighs ~30 KB gz. */
export function MonthSelect({
  value,
  onChange,
  testId,
  label,
}: {
  value: string;
  onChange: (month: string) => void;
  testId?: string;
  label?: string;
}) {
  const options = useMemo(() => {
    const thisMonth = nextOf(lastMonth());
    const out: { value: string; label: string }[] = [];
    let m = thisMonth;
    for (let i = 0; i < 36; i++) {
      out.push({ value: m, label: m });
      m = previousOf(m);
    }
    return out;
  }, []);
  return (
    <Select<string>
      value={value}
      onChange={onChange}
      options={options}
      style={{ width: 120 }}
      aria-label={label}
      data-testid={testId}
    />
  );
}

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const nextOf = (month: string) => shift(month, 1);
const previousOf = (month: string) => shift(month, -1);
