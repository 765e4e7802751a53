import { TabBar } from 'antd-mobile';
import { AppOutline, EditSOutline, SoundOutline, UnorderedListOutline, UserOutline } from 'antd-mobile-icons';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMyProfile } from '../api/me';
import { PageSkeleton } from './PageSkeleton';

const TABS = [
  { key: '/', icon: <AppOutline />, label: 'tabs.home' },
  { key: '/report', icon: <EditSOutline />, label: 'tabs.report' },
  { key: '/requests', icon: <UnorderedListOutline />, label: 'tabs.requests' },
  { key: '/notices', icon: <SoundOutline />, label: 'tabs.notices' },
  { key: '/me', icon: <UserOutline />, label: 'tabs.me' },
] as const;

/** The five tab pages share this frame: the page scrolls, the TabBar stays at the bottom. */
export function TabLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const profile = useMyProfile().data;
  const badges: Record<string, number> = {
    '/requests': profile?.unreadUpdates ?? 0,
    '/notices': profile?.unreadNotices ?? 0,
  };

  return (
    <div className="tab-layout">
      <main className="tab-layout-body">
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="tab-layout-bar" aria-label={t('app.name')}>
        <TabBar activeKey={pathname} onChange={(key) => navigate(key)} safeArea>
          {TABS.map((tab) => {
            const count = badges[tab.key] ?? 0;
            return (
              <TabBar.Item
                key={tab.key}
                icon={tab.icon}
                title={t(tab.label)}
                badge={count > 0 ? (count > 99 ? '99+' : count) : undefined}
                data-testid={`tab-${tab.key === '/' ? 'home' : tab.key.slice(1)}`}
                aria-current={pathname === tab.key ? 'page' : undefined}
              />
            );
          })}
        </TabBar>
      </nav>
    </div>
  );
}
