import { Button, Flex, Segmented } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { FullPageSpin } from '../../components/guards';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { ExecutiveOverview } from './ExecutiveOverview';
import { KpiFilters, type KpiFilterValues } from './KpiFilters';
import { lastMonth } from './kpiShared';
import { RecomputeButton } from './RecomputeButton';

// the targets editor (a form per KPI) is fetched when its tab is opened
const TargetsTab = lazy(async () => ({ default: (await import('./TargetsTab')).TargetsTab }));

/** `/kpis`: every KPI of a scope and month against its target, the projects ranked, targets and recomputes. */
export function KpiDashboardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<KpiFilterValues>({ scope: me?.orgUnit.id, period: lastMonth() });
  const [tab, setTab] = useState<'figures' | 'targets'>('figures');
  const manage = can('analytics.manage');
  const companyOfMe =
    me && (me.orgUnit.type === 'city_company' || me.orgUnit.type === 'group') ? me.orgUnit.id : undefined;

  return (
    <>
      <PageHeader
        title={t('kpi.title')}
        extra={
          <Flex gap={8} wrap>
            <Button type="link" onClick={() => navigate('/dashboards/manager')}>
              {t('dashboards.manager')}
            </Button>
            <Button type="link" onClick={() => navigate('/dashboards/department')}>
              {t('dashboards.department')}
            </Button>
            {manage && (
              <Segmented<'figures' | 'targets'>
                value={tab}
                onChange={setTab}
                options={[
                  { value: 'figures', label: t('kpi.tabs.figures') },
                  { value: 'targets', label: t('kpi.tabs.targets') },
                ]}
                data-testid="kpi-tab"
              />
            )}
            {manage && <RecomputeButton period={filters.period} />}
          </Flex>
        }
      />
      {tab === 'targets' && manage ? (
        <Suspense fallback={<FullPageSpin />}>
          <TargetsTab defaultCompany={companyOfMe} />
        </Suspense>
      ) : (
        <Flex vertical gap={12}>
          <KpiFilters value={filters} onChange={setFilters} />
          <ExecutiveOverview filters={filters} />
        </Flex>
      )}
    </>
  );
}
