import type { Me } from '@anju/contracts';
import { Card, Descriptions, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { useMe } from '../api/auth';
import { FullPageSpin } from '../components/guards';
import { OrgTypeTag, RoleTags } from '../components/tags';
import { homeOf } from './homeOf';

// each role's home is its own chunk: the dashboards and their strings load only for the role that shows them
const ExecutiveHome = lazy(async () => ({ default: (await import('./analytics/ExecutiveHome')).ExecutiveHome }));
const ManagerDashboard = lazy(async () => ({
  default: (await import('./analytics/ManagerDashboard')).ManagerDashboard,
}));
const DepartmentDashboard = lazy(async () => ({
  default: (await import('./analytics/DepartmentDashboard')).DepartmentDashboard,
}));
const AgentWorkbench = lazy(async () => ({ default: (await import('./analytics/AgentWorkbench')).AgentWorkbench }));

function Welcome({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="home-welcome">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'username', label: t('home.username'), children: me.username },
          {
            key: 'org',
            label: t('home.orgUnit'),
            children: (
              <Space>
                {me.orgUnit.name}
                <OrgTypeTag unit={{ type: me.orgUnit.type, departmentKind: null }} />
              </Space>
            ),
          },
          { key: 'roles', label: t('home.roles'), children: <RoleTags roles={me.roles} /> },
          { key: 'permissions', label: t('home.permissions'), children: me.permissions.length },
        ]}
      />
    </Card>
  );
}

/** The home page of each role: an executive's KPIs, a CR manager's day, an agent's workbench, a department's. */
export function HomePage() {
  const { data: me } = useMe();
  if (!me) return null;
  const home = homeOf(me);
  if (home === 'contractor') return <Navigate to="/work-orders" replace />;
  if (home === 'partner') return <Navigate to="/partner" replace />;
  if (home === 'welcome') return <Welcome me={me} />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      {home === 'executive' && <ExecutiveHome scope={me.orgUnit.id} />}
      {home === 'manager' && <ManagerDashboard />}
      {home === 'agent' && <AgentWorkbench userId={me.id} />}
      {home === 'department' && <DepartmentDashboard />}
    </Suspense>
  );
}
