import { Segmented, Table } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupplierScorecard } from '../../api/scorecards';
import { Decimal, Percent } from './scorecardShared';

// echarts is its own chunk, fetched when the chart is first shown
const EChart = lazy(async () => ({ default: (await import('../analytics/EChart')).EChart }));

type Month = SupplierScorecard['months'][number];
const HEIGHT = 200;

/** A supplier's twelve months: repairs and repeats as lines (or a table, for reading figures or a screen reader). */
export function ScorecardTrend({ months }: { months: Month[] }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const option = useMemo(
    () => ({
      grid: { left: 36, right: 12, top: 28, bottom: 24 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: months.map((m) => m.month.slice(2)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: t('scorecards.repairs'), data: months.map((m) => m.repairs) },
        { type: 'line', name: t('scorecards.repeats'), data: months.map((m) => m.repeats) },
      ],
    }),
    [months, t],
  );
  return (
    <div data-testid="scorecard-trend">
      <Segmented<'chart' | 'table'>
        size="small"
        value={view}
        onChange={setView}
        options={[
          { value: 'chart', label: t('scorecards.asChart') },
          { value: 'table', label: t('scorecards.asTable') },
        ]}
        style={{ marginBottom: 8 }}
        data-testid="scorecard-trend-view"
      />
      {view === 'chart' ? (
        <Suspense fallback={<div style={{ height: HEIGHT }} />}>
          <EChart option={option} style={{ height: HEIGHT }} testId="scorecard-trend-chart" />
        </Suspense>
      ) : (
        <Table<Month>
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={months}
          columns={[
            { key: 'month', title: t('scorecards.month'), dataIndex: 'month' },
            { key: 'repairs', title: t('scorecards.repairs'), dataIndex: 'repairs', align: 'right' },
            { key: 'repeats', title: t('scorecards.repeats'), dataIndex: 'repeats', align: 'right' },
            {
              key: 'satisfaction',
              title: t('scorecards.satisfaction'),
              align: 'right',
              render: (_, m) => <Percent value={m.satisfaction} />,
            },
            {
              key: 'avg',
              title: t('scorecards.avgHoursToFix'),
              align: 'right',
              render: (_, m) => <Decimal value={m.avgHoursToFix} />,
            },
          ]}
        />
      )}
    </div>
  );
}
