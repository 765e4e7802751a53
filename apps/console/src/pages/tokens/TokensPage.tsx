import type { ApiToken } from '@anju/contracts';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './adminStrings';
import { useApiTokens, useRevokeApiToken } from '../../api/tokens';
import { DateTime } from '../../components/DateTime';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { PermissionTags } from '../../components/tags';
import { useErrorText } from '../../lib/errors';
import { isFuture } from '../../lib/format';
import { TokenSecretModal } from './TokenSecretModal';

// its form (scope picker, permission list, expiry) is fetched when it opens
const TokenCreateModal = lazy(async () => ({ default: (await import('./TokenCreateModal')).TokenCreateModal }));

type Status = 'active' | 'revoked' | 'expired';
const statusOf = (token: ApiToken): Status => {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && !isFuture(token.expiresAt)) return 'expired';
  return 'active';
};
const STATUS_COLOR: Record<Status, string> = { active: 'success', revoked: 'default', expired: 'warning' };

export function TokensPage() {
  const { t } = useTranslation();
  const query = useApiTokens();
  const revoke = useRevokeApiToken();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const onRevoke = (token: ApiToken) =>
    revoke.mutateAsync(token.id).then(
      () => void message.success(t('tokens.revokedOk')),
      (e: unknown) => void message.error(errorText(e)),
    );

  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', title: t('tokens.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('tokens.prefix'), render: (_, r) => <Typography.Text code>{r.prefix}</Typography.Text> },
    {
      key: 'permissions',
      title: t('tokens.permissions'),
      render: (_, r) => <PermissionTags permissions={r.permissions} />,
    },
    { key: 'orgUnit', title: t('tokens.orgUnit'), dataIndex: 'orgUnitName' },
    { key: 'createdBy', title: t('tokens.createdBy'), dataIndex: 'createdBy' },
    { key: 'createdAt', title: t('tokens.createdAt'), render: (_, r) => <DateTime value={r.createdAt} /> },
    {
      key: 'expires',
      title: t('tokens.expires'),
      render: (_, r) => (r.expiresAt ? <DateTime value={r.expiresAt} /> : t('tokens.never')),
    },
    { key: 'lastUsed', title: t('tokens.lastUsed'), render: (_, r) => <DateTime value={r.lastUsedAt} /> },
    {
      key: 'status',
      title: t('tokens.status'),
      render: (_, r) => {
        const status = statusOf(r);
        return (
          <span>
            <Tag color={STATUS_COLOR[status]}>{t(`tokens.${status}`)}</Tag>
            {r.revokedAt && <DateTime value={r.revokedAt} />}
          </span>
        );
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'end',
      render: (_, r) =>
        !r.revokedAt && (
          <Popconfirm
            title={t('tokens.revokeConfirm')}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onRevoke(r)}
          >
            <Button size="small" danger icon={<StopOutlined />} data-testid={`token-revoke-${r.name}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tokens-create">
      {t('tokens.create')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('tokens.title')} extra={createButton} />
      <Card>
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            columns={columns}
            dataSource={query.data}
            loading={query.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('tokens.empty')} /> }}
          />
        )}
      </Card>
      <Suspense fallback={null}>
        {creating && (
          <TokenCreateModal
            onClose={() => setCreating(false)}
            onCreated={(token) => {
              setCreating(false);
              setSecret(token);
            }}
          />
        )}
      </Suspense>
      {secret && <TokenSecretModal token={secret} onClose={() => setSecret(null)} />}
    </>
  );
}
