import type { Me } from '@anju/contracts';
import { Card, Descriptions, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { useMe } from '../api/auth';
import { FullPageSpin } from '../components/guards';
import { OrgTypeTag, RoleTags } from '../components/tags';

// each role's home is its own chunk: the dashboards and their strings load only for the role that shows them
const ExecutiveHome = lazy(async () => ({ default: (await import('./analytics/ExecutiveHome')).ExecutiveHome }));
const ManagerDashboard = lazy(async () => ({
  default: (await import('./analytics/ManagerDashboard')).ManagerDashboard,
}));
const DepartmentDashboard = lazy(async () => ({
  default: (await import('./analytics/DepartmentDashboard')).DepartmentDashboard,
}));
const AgentWorkbench = lazy(async () => ({ default: (await import('./analytics/AgentWorkbench')).AgentWorkbench }));

type Home = 'contractor' | 'executive' | 'manager' | 'agent' | 'department' | 'welcome';
const AGENT_ROLES = new Set(['hotline_agent', 'cr_specialist', 'repair_coordinator']);

/** Which home a user gets, by role (the first that applies) and the permissions it needs. */
export function homeOf(me: Pick<Me, 'roles' | 'permissions'>): Home {
  const roles = new Set(me.roles.map((r) => r.key));
  const can = (p: Me['permissions'][number]) => me.permissions.includes(p);
  if (roles.has('executive') && can('analytics.read')) return 'executive';
  if (roles.has('cr_manager') && can('analytics.read')) return 'manager';
  if ([...roles].some((r) => AGENT_ROLES.has(r)) && can('tickets.read')) return 'agent';
  if (roles.has('department_staff') && can('analytics.read')) return 'department';
  if (roles.has('contractor')) return 'contractor';
  return 'welcome';
}

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
