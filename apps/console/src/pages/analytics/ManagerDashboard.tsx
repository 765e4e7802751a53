import { Button, Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ManagerDashboard as Data, useManagerDashboard } from '../../api/analytics';
import { ErrorState } from '../../components/ErrorState';
import { Chart, useDrilldown } from './kpiShared';

type Batch = Data['recentBatches'][number];

const COUNTS = ['newToday', 'open', 'overdue', 'escalated', 'breachedSinceYesterday', 'callbacksDue'] as const;
const ALERT: ReadonlySet<string> = new Set(['overdue', 'breachedSinceYesterday']);

/** The CR manager's day: live counts, the 30-day reopen rate, open tickets by age and the recent day-46 figures. */
export function ManagerDashboard({ scope }: { scope?: string }) {
  const { t } = useTranslation();
  const query = useManagerDashboard(scope ? { scope } : {});
  const drilldown = useDrilldown();
  const data = query.data;
  const option = useMemo(
    () =>
      data && {
        grid: { left: 40, right: 12, top: 12, bottom: 24 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: data.backlogByAge.map((b) => t(`dashboards.buckets.${b.bucket}`)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('dashboards.tickets'),
            type: 'bar',
            data: data.backlogByAge.map((b) => b.count),
            itemStyle: { color: '#1d6fdc' },
          },
        ],
      },
    [data, t],
  );
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!data) return <Card loading />;
  const reopen = data.reopenRate;

  return (
    <>
      <Card size="small" title={`${data.scope.name} · ${t('dashboards.today', { date: data.today })}`}>
        <Row gutter={[12, 12]}>
          {COUNTS.map((key) => (
            <Col key={key} xs={12} md={8} xl={4}>
              <Statistic
                title={t(`dashboards.${key}`)}
                value={data[key]}
                valueStyle={ALERT.has(key) && data[key] > 0 ? { color: '#cf1322' } : undefined}
                data-testid={`dash-${key}`}
              />
            </Col>
          ))}
          <Col xs={12} md={8} xl={4}>
            <Statistic
              title={t('dashboards.reopenRate')}
              value={reopen.value === null ? '–' : `${(reopen.value * 100).toFixed(1)}%`}
              suffix={<small>{t('dashboards.reopenDetail', reopen)}</small>}
              data-testid="dash-reopenRate"
            />
          </Col>
        </Row>
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('dashboards.backlog')}>
            {option && <Chart option={option} height={220} testId="dash-backlog" />}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('dashboards.recentBatches')}>
            <Table<Batch>
              size="small"
              rowKey="batchId"
              dataSource={data.recentBatches}
              pagination={data.recentBatches.length > 10 ? { pageSize: 10 } : false}
              locale={{ emptyText: t('dashboards.noBatches') }}
              data-testid="dash-batches"
              columns={[
                { title: t('dashboards.batchProject'), dataIndex: ['project', 'name'] },
                { title: t('dashboards.batchPeriod'), dataIndex: 'period' },
                {
                  title: t('dashboards.batchValue'),
                  dataIndex: 'value',
                  render: (v: number | null, b) => (
                    <Button
                      type="link"
                      size="small"
                      danger={b.met === false}
                      onClick={() =>
                        drilldown.open({ kpi: 'K4', scope: b.project, period: b.period, batchId: b.batchId })
                      }
                    >
                      {v ?? t('kpi.noData')}
                    </Button>
                  ),
                },
                {
                  title: t('kpi.target'),
                  dataIndex: 'target',
                  render: (v: number | null) => (v === null ? '' : `≤ ${v}`),
                },
                {
                  title: '',
                  dataIndex: 'met',
                  render: (met: boolean | null) => (
                    <Tag color={met === null ? 'default' : met ? 'success' : 'error'}>
                      {t(`kpi.rag.${met === null ? 'none' : met ? 'green' : 'red'}`)}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {drilldown.drawer}
    </>
  );
}
