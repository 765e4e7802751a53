import { CloudDownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Spin, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type SurveyDashboard,
  type SurveyDashboardFilters,
  useLoadSurveyHistory,
  useSurveyDashboard,
} from '../../api/reports';
import { ErrorState } from '../../components/ErrorState';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errorText';
import { useCan } from '../../lib/permissions';
import { Chart } from '../analytics/kpiShared';
import { percent, thisYear, YearSelect } from './reportShared';
import './reportStrings';

type Dimension = SurveyDashboard['dimensions'][number];

/** The year the loaded benchmarks are compared in: 2004 and 2005 results, the 2006 target. */
const BENCHMARK_YEAR = 2006;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** No figure at all: no answers this year or the two before, no loaded history, target or group figure. */
const isEmpty = (d: SurveyDashboard) =>
  d.dimensions.every(
    (x) => x.value === null && x.target === null && x.group === null && x.previous.every((p) => p.value === null),
  );

/**
 * `/dashboards/survey`: the annual survey's eleven dimensions against the two years before, the target and the group;
 * the dive curve (overall satisfaction by stage and by service); loading the 2004–2006 benchmarks when there are none.
 */
export function SurveyDashboardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<SurveyDashboardFilters>({ year: thisYear() });
  const query = useSurveyDashboard(filters);
  const load = useLoadSurveyHistory();
  const data = query.data;
  const dimName = (d: string) => t(`reports.survey.dimensionNames.${d}`, { defaultValue: d });
  const years = data ? [data.year - 2, data.year - 1] : [];

  const dimensionChart = useMemo(() => {
    if (!data) return null;
    const byYear = (i: number) => data.dimensions.map((d) => pct(d.previous[i]?.value ?? null));
    const label = (d: string) => t(`reports.survey.dimensionNames.${d}`, { defaultValue: d });
    return {
      grid: { left: 40, right: 12, top: 36, bottom: 72 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: {
        type: 'category',
        data: data.dimensions.map((d) => label(d.dimension)),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { type: 'bar', name: String(data.year - 2), data: byYear(0) },
        { type: 'bar', name: String(data.year - 1), data: byYear(1) },
        { type: 'bar', name: String(data.year), data: data.dimensions.map((d) => pct(d.value)) },
        { type: 'bar', name: t('reports.survey.group'), data: data.dimensions.map((d) => pct(d.group)) },
        {
          type: 'line',
          name: t('reports.survey.target'),
          data: data.dimensions.map((d) => pct(d.target)),
          lineStyle: { width: 0 },
          symbol: 'diamond',
          symbolSize: 10,
        },
      ],
    };
  }, [data, t]);

  const curve = useMemo(() => {
    if (!data) return null;
    const chart = (type: 'line' | 'bar', labels: string[], values: (number | null)[]) => ({
      grid: { left: 40, right: 12, top: 12, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ type, name: t('reports.survey.overall'), data: values, smooth: type === 'line' }],
    });
    const { byStage, byService } = data.diveCurve;
    return {
      any: [...byStage, ...byService].some((s) => s.respondents > 0),
      stage: chart(
        'line',
        byStage.map((s) => t(`reports.survey.stages.${s.stage}`, { defaultValue: s.stage })),
        byStage.map((s) => pct(s.value)),
      ),
      service: chart(
        'bar',
        byService.map((s) => t(`reports.survey.services.${s.service}`, { defaultValue: s.service })),
        byService.map((s) => pct(s.value)),
      ),
    };
  }, [data, t]);

  const companyId = data?.scope.type === 'city_company' ? data.scope.id : undefined;
  const onLoad = () => {
    if (!companyId) return;
    load.mutate(companyId, {
      onSuccess: (r) => {
        message.success(t('reports.survey.loaded', { count: r.loaded }));
        setFilters((f) => ({ ...f, year: BENCHMARK_YEAR }));
      },
      onError: (e) => message.error(errorText(e)),
    });
  };

  const history = (v: { value: number | null; source: 'answers' | 'history' } | undefined) =>
    v?.value === null || v === undefined ? (
      '—'
    ) : (
      <Flex gap={4} justify="end" align="center">
        {percent(v.value)}
        {v.source === 'history' && <Tag bordered={false}>{t('reports.survey.fromHistory')}</Tag>}
      </Flex>
    );

  return (
    <>
      <PageHeader
        title={t('reports.survey.title')}
        extra={
          <Flex gap={8} wrap>
            <OrgUnitTreeSelect
              value={filters.scope}
              onChange={(scope) => setFilters((f) => ({ ...f, scope }))}
              allowClear
              placeholder={t('reports.scope')}
              selectable={(u) => u.type !== 'contractor' && u.type !== 'department'}
              style={{ minWidth: 200 }}
              testId="survey-scope"
            />
            <YearSelect
              value={filters.year}
              onChange={(year) => setFilters((f) => ({ ...f, year }))}
              from={2004}
              testId="survey-year"
            />
          </Flex>
        }
      />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
      ) : !data ? (
        <Spin />
      ) : isEmpty(data) ? (
        <Card data-testid="survey-empty" data-year={data.year}>
          <Empty description={t('reports.survey.emptyTitle')}>
            <p style={{ maxWidth: 560, margin: '0 auto 16px' }}>{t('reports.survey.emptyHint')}</p>
            {can('analytics.manage') && (
              <>
                <Button
                  type="primary"
                  icon={<CloudDownloadOutlined />}
                  disabled={!companyId}
                  loading={load.isPending}
                  onClick={onLoad}
                  data-testid="survey-load"
                >
                  {t('reports.survey.load')}
                </Button>
                {!companyId && <div style={{ marginTop: 8 }}>{t('reports.survey.needCompany')}</div>}
              </>
            )}
          </Empty>
        </Card>
      ) : (
        <Spin spinning={query.isFetching}>
          <Card
            size="small"
            title={`${t('reports.survey.dimensions')} · ${data.scope.name} · ${data.year}`}
            style={{ marginBottom: 16 }}
            data-testid="survey-figures"
            data-year={data.year}
          >
            {dimensionChart && <Chart option={dimensionChart} height={320} testId="survey-dimension-chart" />}
            <Table<Dimension>
              size="small"
              rowKey="dimension"
              pagination={false}
              dataSource={data.dimensions}
              data-testid="survey-dimensions"
              columns={[
                { title: t('reports.survey.dimension'), key: 'dimension', render: (_, d) => dimName(d.dimension) },
                ...years.map((y, i) => ({
                  title: t('reports.survey.previous', { year: y }),
                  key: `y${y}`,
                  align: 'right' as const,
                  render: (_: unknown, d: Dimension) => history(d.previous[i]),
                })),
                {
                  title: t('reports.survey.current', { year: data.year }),
                  key: 'value',
                  align: 'right',
                  render: (_, d) => percent(d.value),
                },
                { title: t('reports.survey.respondents'), dataIndex: 'respondents', align: 'right' },
                {
                  title: t('reports.survey.target'),
                  key: 'target',
                  align: 'right',
                  render: (_, d) => percent(d.target),
                },
                { title: t('reports.survey.group'), key: 'group', align: 'right', render: (_, d) => percent(d.group) },
              ]}
            />
          </Card>
          <Card size="small" title={t('reports.survey.diveCurve')} data-testid="survey-dive-curve">
            {curve?.any ? (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <h4>{t('reports.survey.byStage')}</h4>
                  <Chart option={curve.stage} height={240} testId="survey-by-stage" />
                </Col>
                <Col xs={24} lg={12}>
                  <h4>{t('reports.survey.byService')}</h4>
                  <Chart option={curve.service} height={240} testId="survey-by-service" />
                </Col>
              </Row>
            ) : (
              t('reports.survey.noCurve')
            )}
          </Card>
        </Spin>
      )}
    </>
  );
}
