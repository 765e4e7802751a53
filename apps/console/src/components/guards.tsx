import type { Permission } from '@anju/contracts';
import { Flex, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { useMe } from '../api/auth';
import { ApiError } from '../api/client';
import { useCan } from '../lib/permissions';

// failures and refusals are rare; their antd Result (and its illustrations) stays out of the first screen
const ErrorState = lazy(async () => ({ default: (await import('./ErrorState')).ErrorState }));
const StatusResult = lazy(async () => ({ default: (await import('./StatusResult')).StatusResult }));

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders the signed-in part of the console once /api/auth/me answers; a 401 goes to /login (client.ts). */
export function AuthGate() {
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <FullPageSpin />;
    return (
      <Suspense fallback={<FullPageSpin />}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </Suspense>
    );
  }
  return <Outlet />;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  if (!can(permission)) {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <StatusResult status="403" />
      </Suspense>
    );
  }
  return children;
}

export function NotFound() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <StatusResult status="404" />
    </Suspense>
  );
}
