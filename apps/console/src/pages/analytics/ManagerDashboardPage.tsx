import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ManagerDashboard } from './ManagerDashboard';
import './analyticsStrings';

/** `/dashboards/manager`: the CR manager's dashboard of a scope (the caller's node by default). */
export function ManagerDashboardPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<string | undefined>();
  return (
    <>
      <PageHeader
        title={t('dashboards.manager')}
        extra={
          <OrgUnitTreeSelect
            value={scope}
            onChange={setScope}
            allowClear
            placeholder={t('kpi.scope')}
            selectable={(u) => u.type !== 'contractor' && u.type !== 'department'}
            style={{ minWidth: 220 }}
            testId="dash-scope"
          />
        }
      />
      <ManagerDashboard scope={scope} />
    </>
  );
}
