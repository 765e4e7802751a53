import { type CSSProperties, lazy, Suspense } from 'react';
import type { ChartOption } from './EChart';

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
