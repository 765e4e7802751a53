import type { Permission } from '@anju/contracts';
import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router-dom';
import { useMe } from '../api/auth';
import { ApiError } from '../api/client';
import { useCan } from '../lib/permissions';
import { ErrorState } from './ErrorState';

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
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />;
  }
  return <Outlet />;
}

function BackHomeButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  const { t } = useTranslation();
  if (!can(permission)) {
    return (
      <Result
        status="403"
        title={t('common.forbiddenTitle')}
        subTitle={t('common.forbiddenDesc')}
        extra={<BackHomeButton />}
      />
    );
  }
  return children;
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={t('common.notFoundDesc')}
      extra={<BackHomeButton />}
    />
  );
}
