import { Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router-dom';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { DepartmentDashboard } from './DepartmentDashboard';
import { lastMonth, MonthSelect } from './kpiShared';
import { ManagerDashboard } from './ManagerDashboard';

/**
 * `/dashboards/manager` (the CR manager's day, of the caller's node by default) and `/dashboards/department` (a
 * department's month, the caller's own department by default): one route, one chunk.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { kind } = useParams<{ kind: string }>();
  const [scope, setScope] = useState<string | undefined>();
  const [period, setPeriod] = useState(lastMonth());
  if (kind !== 'manager' && kind !== 'department') return <Navigate to="/" replace />;
  const department = kind === 'department';
  return (
    <>
      <PageHeader
        title={t(department ? 'dashboards.department' : 'dashboards.manager')}
        extra={
          <Flex gap={8} wrap>
            <OrgUnitTreeSelect
              key={kind}
              value={scope}
              onChange={setScope}
              allowClear
              placeholder={t('kpi.scope')}
              selectable={(u) =>
                department ? u.type === 'department' || u.type === 'contractor' : u.type !== 'contractor'
              }
              style={{ minWidth: 220 }}
              testId="dash-scope"
            />
            {department && <MonthSelect value={period} onChange={setPeriod} label={t('kpi.month')} />}
          </Flex>
        }
      />
      {department ? <DepartmentDashboard filters={{ scope, period }} /> : <ManagerDashboard scope={scope} />}
    </>
  );
}
