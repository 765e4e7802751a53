import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { RouterProvider } from 'react-router-dom';
import { ApiError, setAuthRequiredHandler } from './api/client';
import { useLanguage } from './i18n';
import { router } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a 4xx will not change on retry; network blips and 5xx get one more try (phones on the move)
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 1,
    },
  },
});

/** The owner cookie is gone or expired: drop everything cached and go to the login page, coming back after. */
setAuthRequiredHandler(() => {
  // the router's own state keeps the basename (/m); links and navigate() add it back
  const { search } = router.state.location;
  const pathname = router.state.location.pathname.replace(/^\/m(?=\/|$)/, '') || '/';
  if (pathname === '/login') return;
  queryClient.clear();
  void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

export function Root() {
  const lang = useLanguage();
  return (
    <ConfigProvider locale={lang === 'en-US' ? enUS : zhCN}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}
