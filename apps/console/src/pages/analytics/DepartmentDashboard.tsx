import { Card, Col, Row, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type DashboardFilters, useDepartmentDashboard } from '../../api/analytics';
import { ErrorState } from '../../components/ErrorState';
import { KpiHelp } from './KpiHelp';
import { formatKpiValue, RAG_COLOR, useDrilldown } from './kpiShared';

/** A department's month: its complaint reply timeliness (K1) against target and its open and overdue work. */
export function DepartmentDashboard({ filters = {} }: { filters?: DashboardFilters }) {
  const { t } = useTranslation();
  const query = useDepartmentDashboard(filters);
  const drilldown = useDrilldown();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data) return <Card loading />;
  const k1 = data.k1;
  return (
    <Card size="small" title={data.scope.name} data-testid="dash-department">
      <Row gutter={[12, 12]}>
        <Col
          xs={24}
          md={12}
          xl={6}
          style={{ cursor: 'pointer' }}
          onClick={() => drilldown.open({ kpi: 'K1', scope: data.scope, period: data.period })}
        >
          <Statistic
            title={
              <span>
                {t('dashboards.k1', { period: data.period })} <KpiHelp kpi="K1" />
              </span>
            }
            value={formatKpiValue('percent', k1.value) ?? t('kpi.noData')}
            valueStyle={k1.rag === 'red' ? { color: '#cf1322' } : undefined}
            suffix={
              <Tag color={RAG_COLOR[k1.rag]} style={{ marginInlineStart: 8 }}>
                {t(`kpi.rag.${k1.rag}`)}
              </Tag>
            }
            data-testid="dash-k1"
          />
          <small>
            {k1.numerator} / {k1.denominator} · {t('kpi.target')} {formatKpiValue('percent', k1.target)}
          </small>
        </Col>
        {(['openWorkOrders', 'overdueWorkOrders', 'openTickets'] as const).map((key) => (
          <Col key={key} xs={12} md={6} xl={6}>
            <Statistic
              title={t(`dashboards.${key}`)}
              value={data[key]}
              valueStyle={key === 'overdueWorkOrders' && data[key] > 0 ? { color: '#cf1322' } : undefined}
              data-testid={`dash-${key}`}
            />
          </Col>
        ))}
      </Row>
      {drilldown.drawer}
    </Card>
  );
}
