import type { Permission } from '@anju/contracts';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BuildOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  StarOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  TrophyOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Flex, Grid, Layout, Menu, type MenuProps, Tag, theme } from 'antd';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useMe } from '../api/auth';
import { useErrorText } from '../lib/errorText';
import { useCan } from '../lib/permissions';
import { FullPageSpin } from './guards';

// header widgets follow the shell: the bell's badge, popover and list and the language switch are not first-screen
const NotificationBell = lazy(async () => ({ default: (await import('./NotificationBell')).NotificationBell }));
const LanguageSwitch = lazy(async () => ({ default: (await import('./LanguageSwitch')).LanguageSwitch }));

type MenuKey =
  | 'home'
  | 'customers'
  | 'tickets'
  | 'ticketNew'
  | 'projects'
  | 'notices'
  | 'propertyVisits'
  | 'org'
  | 'users'
  | 'roles'
  | 'tokens'
  | 'audit'
  | 'imports'
  | 'workOrders'
  | 'sla'
  | 'surveys'
  | 'surveyCalls'
  | 'surveyResponses'
  | 'journeys'
  | 'journeyTasks'
  | 'disclosure'
  | 'acceptance'
  | 'openDays'
  | 'handover'
  | 'outbox'
  | 'club'
  | 'clubEvents'
  | 'clubPartners'
  | 'clubVouchers'
  | 'clubMagazine'
  | 'partnerHome'
  | 'services'
  | 'serviceRequests'
  | 'knowledge'
  | 'clusters'
  | 'groupCases'
  | 'lessons'
  | 'scorecards'
  | 'designFeedback'
  | 'eventDeliveries'
  | 'kpis'
  | 'complaintReport'
  | 'awards'
  | 'surveyDashboard'
  | 'historyImport'
  | 'profile';

interface NavItem {
  key: MenuKey;
  path: string;
  icon: ReactNode;
  permission?: Permission;
  /** Not for a contractor's users even when they hold the permission (the server answers them 403). */
  staffOnly?: boolean;
}

/** The side menu; an item shows only when the user holds its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined /> },
  { key: 'customers', path: '/customers', icon: <IdcardOutlined />, permission: 'customers.read' },
  { key: 'tickets', path: '/tickets', icon: <ProfileOutlined />, permission: 'tickets.read' },
  { key: 'ticketNew', path: '/tickets/new', icon: <PhoneOutlined />, permission: 'tickets.manage' },
  { key: 'projects', path: '/projects', icon: <BankOutlined />, permission: 'property.read' },
  { key: 'notices', path: '/notices', icon: <NotificationOutlined />, permission: 'property.read' },
  { key: 'propertyVisits', path: '/property-visits', icon: <TeamOutlined />, permission: 'property.read' },
  { key: 'org', path: '/org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { key: 'users', path: '/users', icon: <TeamOutlined />, permission: 'users.read' },
  { key: 'roles', path: '/roles', icon: <SafetyCertificateOutlined />, permission: 'roles.read' },
  { key: 'tokens', path: '/api-tokens', icon: <KeyOutlined />, permission: 'tokens.manage' },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'kpis', path: '/kpis', icon: <FlagOutlined />, permission: 'analytics.read' },
  { key: 'complaintReport', path: '/reports/complaints', icon: <FileTextOutlined />, permission: 'analytics.read' },
  { key: 'awards', path: '/awards', icon: <TrophyOutlined />, permission: 'analytics.read' },
  { key: 'surveyDashboard', path: '/dashboards/survey', icon: <BarChartOutlined />, permission: 'analytics.read' },
  { key: 'imports', path: '/imports', icon: <UploadOutlined />, permission: 'customers.import' },
  { key: 'historyImport', path: '/imports/history', icon: <UploadOutlined />, permission: 'history.import' },
  { key: 'workOrders', path: '/work-orders', icon: <ToolOutlined />, permission: 'workorders.handle' },
  { key: 'acceptance', path: '/acceptance', icon: <AuditOutlined />, permission: 'workorders.handle' },
  { key: 'sla', path: '/sla', icon: <FieldTimeOutlined />, permission: 'tickets.read' },
  { key: 'surveys', path: '/surveys', icon: <FormOutlined />, permission: 'surveys.manage' },
  { key: 'surveyCalls', path: '/survey-calls', icon: <PhoneOutlined />, permission: 'callbacks.record' },
  { key: 'surveyResponses', path: '/survey-responses', icon: <StarOutlined />, permission: 'callbacks.record' },
  { key: 'journeys', path: '/journeys', icon: <ScheduleOutlined />, permission: 'journeys.read' },
  { key: 'journeyTasks', path: '/journey-tasks', icon: <CarryOutOutlined />, permission: 'journeys.read' },
  { key: 'disclosure', path: '/disclosure', icon: <NotificationOutlined />, permission: 'journeys.read' },
  { key: 'openDays', path: '/open-days', icon: <FlagOutlined />, permission: 'journeys.read' },
  { key: 'handover', path: '/handover', icon: <KeyOutlined />, permission: 'journeys.read' },
  { key: 'club', path: '/club/members', icon: <IdcardOutlined />, permission: 'club.read' },
  { key: 'clubEvents', path: '/club/events', icon: <CalendarOutlined />, permission: 'club.read' },
  { key: 'clubPartners', path: '/club/partners', icon: <BankOutlined />, permission: 'club.read' },
  { key: 'clubVouchers', path: '/club/vouchers', icon: <ProfileOutlined />, permission: 'club.read' },
  { key: 'clubMagazine', path: '/club/magazine', icon: <ReadOutlined />, permission: 'club.read' },
  { key: 'partnerHome', path: '/partner', icon: <StarOutlined />, permission: 'club.partner' },
  { key: 'services', path: '/services', icon: <ProfileOutlined />, permission: 'services.read' },
  { key: 'serviceRequests', path: '/service-requests', icon: <CarryOutOutlined />, permission: 'services.read' },
  { key: 'knowledge', path: '/knowledge', icon: <ReadOutlined />, permission: 'knowledge.read' },
  { key: 'clusters', path: '/quality/clusters', icon: <AlertOutlined />, permission: 'quality.read' },
  { key: 'groupCases', path: '/quality/cases', icon: <ThunderboltOutlined />, permission: 'quality.read' },
  { key: 'lessons', path: '/quality/lessons', icon: <FlagOutlined />, permission: 'quality.read' },
  { key: 'scorecards', path: '/quality/scorecards', icon: <TrophyOutlined />, permission: 'scorecards.read' },
  {
    key: 'designFeedback',
    path: '/quality/design-feedback',
    icon: <BuildOutlined />,
    permission: 'scorecards.read',
    staffOnly: true,
  },
  { key: 'outbox', path: '/outbox', icon: <MailOutlined />, permission: 'outbox.read' },
  { key: 'eventDeliveries', path: '/event-deliveries', icon: <ThunderboltOutlined />, permission: 'events.manage' },
  { key: 'profile', path: '/profile', icon: <UserOutlined /> },
];

/** One line cut with "…" (antd Typography's ellipsis without its weight in the first screen). */
const ellipsis = {
  display: 'inline-block',
  overflow: 'hidden',
  whiteSpace: 'nowrap',
  textOverflow: 'ellipsis',
  verticalAlign: 'bottom',
} as const;

/** The item with the longest path the location starts with (`/tickets/new` before `/tickets`). */
const selectedKey = (pathname: string): MenuKey => {
  const matches = NAV_ITEMS.filter((item) => item.path !== '/' && pathname.startsWith(item.path));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key ?? 'home';
};

export function AppLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  // phones (contractors on site): no side menu until opened, a compact header
  const narrow = !Grid.useBreakpoint().md;

  const contractor = me?.orgUnit.type === 'contractor';
  const items: MenuProps['items'] = NAV_ITEMS.filter(
    (item) => (!item.permission || can(item.permission)) && !(item.staffOnly && contractor),
  ).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: <span data-testid={`menu-${item.key}`}>{t(`menu.${item.key}`)}</span>,
  }));

  const onLogout = () =>
    logout.mutate(undefined, { onError: (e) => message.error(`${t('header.logoutFailed')}: ${errorText(e)}`) });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={220}
        collapsedWidth={narrow ? 0 : 80}
        trigger={narrow ? null : undefined}
      >
        <Flex align="center" justify="center" style={{ height: 56, color: '#fff', fontWeight: 600, fontSize: 16 }}>
          {collapsed ? '安居' : t('app.name')}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedKey(location.pathname)]}
          items={items}
          onClick={({ key }) => {
            const target = NAV_ITEMS.find((item) => item.key === key);
            if (target) navigate(target.path);
            if (narrow) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            paddingInline: narrow ? 12 : 24,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex align="center" justify="space-between" style={{ height: '100%' }} gap={16}>
            {narrow ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setCollapsed((c) => !c)}
                aria-label={t('header.menu')}
                data-testid="menu-toggle"
              />
            ) : (
              <span style={{ color: token.colorTextSecondary }}>{t('app.console')}</span>
            )}
            <Flex align="center" gap={narrow ? 8 : 12} style={{ marginInlineStart: 'auto' }}>
              <span
                style={{ ...ellipsis, fontWeight: 600, maxWidth: narrow ? 96 : undefined }}
                data-testid="header-user"
              >
                {me?.displayName}
              </span>
              {me && !narrow && <Tag data-testid="header-org">{me.orgUnit.name}</Tag>}
              <Suspense fallback={null}>
                <NotificationBell />
                <LanguageSwitch />
              </Suspense>
              <Button
                icon={<LogoutOutlined />}
                onClick={onLogout}
                loading={logout.isPending}
                aria-label={t('header.logout')}
                data-testid="logout"
              >
                {!narrow && t('header.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 12 : 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
