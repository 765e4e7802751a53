import type { KpiCode } from '@anju/contracts/analytics';
import { Card, Col, Empty, Row, Spin } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DashboardFilters,
  type KpiInfo,
  type KpiValue,
  useExecutiveDashboard,
  useKpis,
  useKpiValues,
} from '../../api/analytics';
import { ErrorState } from '../../components/ErrorState';
import { useCan } from '../../lib/permissions';
import { KpiCard } from './KpiCard';
import { useDrilldown } from './kpiShared';

// the quality panels (and their strings) load on their own, only for readers of clusters and scorecards
// the ranking table sits below the KPI grid: its chunk (antd's Table) loads after the cards
const ProjectRanking = lazy(async () => ({ default: (await import('./ProjectRanking')).ProjectRanking }));
const OpenClustersPanel = lazy(async () => ({
  default: (await import('../quality/OpenClustersPanel')).OpenClustersPanel,
}));
const DesignFeedbackPanel = lazy(async () => ({
  default: (await import('../quality/DesignFeedbackPanel')).DesignFeedbackPanel,
}));

interface Props {
  filters: DashboardFilters & { period: string };
  /** Without the 12-month lines (the home page's first screen). */
  compact?: boolean;
}

/** The executive view of a scope and month: every KPI against its target, then the projects ranked. */
export function ExecutiveOverview({ filters, compact }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const dashboard = useExecutiveDashboard(filters);
  const kpis = useKpis();
  const scopeId = dashboard.data?.scope.id ?? filters.scope;
  const values = useKpiValues({ scope: scopeId, period: filters.period }, { enabled: Boolean(scopeId) });
  const drilldown = useDrilldown();

  const infoOf = useMemo(
    () => new Map<KpiCode, KpiInfo>((kpis.data?.items ?? []).map((k) => [k.code, k])),
    [kpis.data],
  );
  const figureValues = useMemo(() => {
    const own = (values.data?.items ?? []).filter((v) => v.scopeId === scopeId);
    return new Map<KpiCode, KpiValue>(own.map((v) => [v.kpi, v]));
  }, [values.data, scopeId]);
  // the period's state and version are the run's, shared by every KPI (one without a figure shows them too)
  const periodState = useMemo(() => {
    const any = values.data?.items[0];
    return any && { state: any.state, version: any.version };
  }, [values.data]);

  if (dashboard.isError) return <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  if (!data || !kpis.data)
    return (
      <Card>
        <Spin />
      </Card>
    );
  const open = (kpi: KpiCode, scope: { id: string; name: string }) =>
    drilldown.open({ kpi, scope: { id: scope.id, name: scope.name }, period: data.period });

  return (
    <>
      {can('quality.read') && (
        <Suspense fallback={null}>
          <OpenClustersPanel />
        </Suspense>
      )}
      {can('scorecards.read') && (
        <Suspense fallback={null}>
          <DesignFeedbackPanel />
        </Suspense>
      )}
      <Row gutter={[12, 12]} data-testid="kpi-grid">
        {data.kpis.map((figure) => {
          const info = infoOf.get(figure.kpi);
          if (!info) return null;
          return (
            <Col key={figure.kpi} xs={24} md={12} {...(compact ? { lg: 8, xl: 6, xxl: 4 } : { xl: 8, xxl: 6 })}>
              <KpiCard
                figure={figure}
                info={info}
                value={figureValues.get(figure.kpi)}
                period={periodState}
                noTrend={compact}
                onDrill={(kpi) => open(kpi, data.scope)}
              />
            </Col>
          );
        })}
        {data.kpis.length === 0 && <Empty />}
      </Row>
      <Card title={t('kpi.tabs.projects')} size="small" style={{ marginTop: 16 }}>
        <Suspense fallback={<Spin />}>
          <ProjectRanking
            projects={data.projects}
            loading={dashboard.isFetching}
            onDrill={(kpi, project) => open(kpi, project)}
          />
        </Suspense>
      </Card>
      {drilldown.drawer}
    </>
  );
}
