import type { Permission } from '@anju/contracts';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Flex, Layout, Menu, type MenuProps, Tag, Typography, theme } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useMe } from '../api/auth';
import { useErrorText } from '../lib/errors';
import { useCan } from '../lib/permissions';
import { FullPageSpin } from './guards';
import { LanguageSwitch } from './LanguageSwitch';

type MenuKey =
  | 'home'
  | 'customers'
  | 'projects'
  | 'org'
  | 'users'
  | 'roles'
  | 'tokens'
  | 'audit'
  | 'imports'
  | 'profile';

interface NavItem {
  key: MenuKey;
  path: string;
  icon: ReactNode;
  permission?: Permission;
}

/** The side menu; an item shows only when the user holds its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined /> },
  { key: 'customers', path: '/customers', icon: <IdcardOutlined />, permission: 'customers.read' },
  { key: 'projects', path: '/projects', icon: <BankOutlined />, permission: 'property.read' },
  { key: 'org', path: '/org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { key: 'users', path: '/users', icon: <TeamOutlined />, permission: 'users.read' },
  { key: 'roles', path: '/roles', icon: <SafetyCertificateOutlined />, permission: 'roles.read' },
  { key: 'tokens', path: '/api-tokens', icon: <KeyOutlined />, permission: 'tokens.manage' },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'imports', path: '/imports', icon: <UploadOutlined />, permission: 'customers.import' },
  { key: 'profile', path: '/profile', icon: <UserOutlined /> },
];

const selectedKey = (pathname: string): MenuKey => {
  const match = NAV_ITEMS.find((item) => item.path !== '/' && pathname.startsWith(item.path));
  return match?.key ?? 'home';
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

  const items: MenuProps['items'] = NAV_ITEMS.filter((item) => !item.permission || can(item.permission)).map(
    (item) => ({
      key: item.key,
      icon: item.icon,
      label: <span data-testid={`menu-${item.key}`}>{t(`menu.${item.key}`)}</span>,
    }),
  );

  const onLogout = () =>
    logout.mutate(undefined, { onError: (e) => message.error(`${t('header.logoutFailed')}: ${errorText(e)}`) });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={220}>
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
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            paddingInline: 24,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex align="center" justify="space-between" style={{ height: '100%' }} gap={16}>
            <Typography.Text type="secondary">{t('app.console')}</Typography.Text>
            <Flex align="center" gap={12}>
              <Typography.Text strong data-testid="header-user">
                {me?.displayName}
              </Typography.Text>
              {me && <Tag data-testid="header-org">{me.orgUnit.name}</Tag>}
              <LanguageSwitch />
              <Button icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending} data-testid="logout">
                {t('header.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
