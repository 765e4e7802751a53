import type { KpiUnit } from '@anju/contracts/analytics';
import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExecutiveKpi, KpiInfo, KpiValue } from '../../api/analytics';
import { KpiHelp } from './KpiHelp';
import { Chart, formatKpiValue, RAG_COLOR, RAG_STROKE } from './kpiShared';

interface Props {
  figure: ExecutiveKpi;
  info: Pick<KpiInfo, 'unit' | 'direction'>;
  /** The period's state and version (and the figure before a recompute), when known. */
  value?: KpiValue;
  /** The period's state and version, shown when this KPI has no figure of its own. */
  period?: Pick<KpiValue, 'state' | 'version'>;
  onDrill: (kpi: ExecutiveKpi['kpi']) => void;
  /** Without the 12-month line (compact grids). */
  noTrend?: boolean;
}

const scaled = (unit: KpiUnit, v: number | null) => (v === null ? null : unit === 'percent' ? v * 100 : v);

/** One KPI: its figure (click for the records behind it), target, numerator/denominator, RAG, version and trend. */
export function KpiCard({ figure, info, value, period, onDrill, noTrend }: Props) {
  const { t } = useTranslation();
  const shown = formatKpiValue(info.unit, figure.value);
  const state = value ?? period;
  const target = formatKpiValue(info.unit, figure.target);
  const previous = value?.previous ? (formatKpiValue(info.unit, value.previous.value) ?? t('kpi.noData')) : null;
  const option = useMemo(
    () => ({
      grid: { left: 36, right: 8, top: 8, bottom: 20 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: figure.trend.map((p) => p.period.slice(2)), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 10 }, scale: true },
      series: [
        {
          name: t('kpi.title'),
          type: 'line',
          data: figure.trend.map((p) => scaled(info.unit, p.value)),
          itemStyle: { color: RAG_STROKE[figure.rag === 'none' ? 'green' : figure.rag] },
          connectNulls: false,
        },
        {
          name: t('kpi.target'),
          type: 'line',
          data: figure.trend.map((p) => scaled(info.unit, p.target)),
          lineStyle: { type: 'dashed', width: 1 },
          itemStyle: { color: '#8c8c8c' },
          symbol: 'none',
        },
      ],
    }),
    [figure, info.unit, t],
  );

  return (
    <Card
      size="small"
      data-testid={`kpi-card-${figure.kpi}`}
      title={
        <Space size={6}>
          <span>
            {figure.kpi} {t(`kpiNames.${figure.kpi}`)}
          </span>
          <KpiHelp kpi={figure.kpi} />
        </Space>
      }
      extra={
        <Tag color={RAG_COLOR[figure.rag]} data-testid={`kpi-rag-${figure.kpi}`}>
          {t(`kpi.rag.${figure.rag}`)}
        </Tag>
      }
    >
      <Flex align="baseline" gap={12} wrap>
        <Button
          type="link"
          style={{
            padding: 0,
            fontSize: shown === null ? 16 : 24,
            fontWeight: 600,
            height: 'auto',
            color: shown === null ? 'rgba(0,0,0,0.45)' : undefined,
          }}
          danger={figure.rag === 'red'}
          onClick={() => onDrill(figure.kpi)}
          title={t('kpi.drill')}
          data-testid={`kpi-value-${figure.kpi}`}
        >
          {shown ?? t('kpi.noData')}
        </Button>
        <Typography.Text type="secondary" data-testid={`kpi-target-${figure.kpi}`}>
          {t('kpi.target')} {t(info.direction === 'at_least' ? 'kpi.atLeast' : 'kpi.atMost', { target: target ?? '–' })}
        </Typography.Text>
      </Flex>
      <Flex gap={8} wrap style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" data-testid={`kpi-fraction-${figure.kpi}`}>
          {figure.numerator} / {figure.denominator}
        </Typography.Text>
        {state && (
          <Tag data-testid={`kpi-state-${figure.kpi}`}>
            {t(`kpi.state.${state.state}`)}
            {state.version !== null && ` ${t('kpi.version', { version: state.version })}`}
            {previous !== null && ` (${t('kpi.was', { value: previous })})`}
          </Tag>
        )}
      </Flex>
      {!noTrend && <Chart option={option} height={120} testId={`kpi-trend-${figure.kpi}`} />}
    </Card>
  );
}
