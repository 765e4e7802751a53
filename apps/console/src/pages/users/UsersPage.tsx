import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserFilters as Filters } from '../../api/types';
import { useUsers } from '../../api/users';
import { ErrorAlert, ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { UserFilters } from './UserFilters';
import { UsersTable } from './UsersTable';

// fetched when opened (forms, role and department pickers)
const UserCreateModal = lazy(async () => ({ default: (await import('./UserCreateModal')).UserCreateModal }));
const UserEditDrawer = lazy(async () => ({ default: (await import('./UserEditDrawer')).UserEditDrawer }));

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string>();
  const query = useUsers(filters);
  const users = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const editing = editingId ? users.find((u) => u.id === editingId) : undefined;
  const canManage = can('users.manage');

  const createButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
      {t('users.create')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('users.title')} extra={createButton} />
      <Card>
        <UserFilters value={filters} onChange={setFilters} />
        {query.isError && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <Flex vertical gap={12}>
            {query.isError && (
              <ErrorAlert
                error={query.error}
                onRetry={() => void (query.isFetchNextPageError ? query.fetchNextPage() : query.refetch())}
              />
            )}
            <UsersTable
              users={users}
              loading={query.isPending || (query.isFetching && !query.isFetchingNextPage)}
              onEdit={canManage ? (u) => setEditingId(u.id) : undefined}
            />
            <Flex justify="center" align="center" gap={12}>
              {users.length > 0 && (
                <Typography.Text type="secondary">{t('common.loaded', { count: users.length })}</Typography.Text>
              )}
              {query.hasNextPage ? (
                <Button
                  onClick={() => void query.fetchNextPage()}
                  loading={query.isFetchingNextPage}
                  data-testid="users-load-more"
                >
                  {t('common.loadMore')}
                </Button>
              ) : (
                users.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
              )}
            </Flex>
          </Flex>
        )}
      </Card>
      <Suspense fallback={null}>
        {creating && <UserCreateModal onClose={() => setCreating(false)} />}
        {editing && <UserEditDrawer user={editing} onClose={() => setEditingId(undefined)} />}
      </Suspense>
    </>
  );
}
