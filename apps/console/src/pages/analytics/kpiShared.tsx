import { Select } from 'antd';
import { type CSSProperties, lazy, Suspense, useMemo, useState } from 'react';
import type { DrillTarget } from './DrilldownDrawer';
import type { ChartOption } from './EChart';
import { lastMonth, monthShift } from './kpiFormat';
import './analyticsStrings';

export { formatKpiValue, fromEdited, lastMonth, RAG_COLOR, RAG_STROKE, toEdited } from './kpiFormat';

/*
 * What every KPI dashboard shares, in one module (one chunk, one name in the first screen's preload list): figure
 * formats, the lazily loaded chart and drill-down drawer, the month select; importing it registers the strings.
 */

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
    const thisMonth = monthShift(lastMonth(), 1);
    const out: { value: string; label: string }[] = [];
    let m = thisMonth;
    for (let i = 0; i < 36; i++) {
      out.push({ value: m, label: m });
      m = monthShift(m, -1);
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
