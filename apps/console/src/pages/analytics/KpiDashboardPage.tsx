import { Flex, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { ExecutiveOverview } from './ExecutiveOverview';
import { KpiFilters, type KpiFilterValues } from './KpiFilters';
import { lastMonth } from './kpiFormat';
import { RecomputeButton } from './RecomputeButton';
import { TargetsTab } from './TargetsTab';
import './analyticsStrings';

/** `/kpis`: every KPI of a scope and month against its target, the projects ranked, targets and recomputes. */
export function KpiDashboardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<KpiFilterValues>({ scope: me?.orgUnit.id, period: lastMonth() });
  const manage = can('analytics.manage');
  const companyOfMe =
    me && (me.orgUnit.type === 'city_company' || me.orgUnit.type === 'group') ? me.orgUnit.id : undefined;

  return (
    <>
      <PageHeader title={t('kpi.title')} extra={manage && <RecomputeButton period={filters.period} />} />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'figures',
            label: t('kpi.tabs.figures'),
            children: (
              <Flex vertical gap={12}>
                <KpiFilters value={filters} onChange={setFilters} />
                <ExecutiveOverview filters={filters} />
              </Flex>
            ),
          },
          ...(manage
            ? [{ key: 'targets', label: t('kpi.tabs.targets'), children: <TargetsTab defaultCompany={companyOfMe} /> }]
            : []),
        ]}
      />
    </>
  );
}
