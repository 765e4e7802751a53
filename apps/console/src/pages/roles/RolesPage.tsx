import type { Role } from '@anju/contracts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, type TableColumnsType, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../api/roles';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { PermissionTags } from '../../components/tags';
import { useBilingual } from '../../i18n';
import { useCan } from '../../lib/permissions';

// its form (permission picker) is fetched when it opens
const RoleFormModal = lazy(async () => ({ default: (await import('./RoleFormModal')).RoleFormModal }));

type Dialog = { kind: 'create' } | { kind: 'edit'; id: string } | null;

export function RolesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const name = useBilingual();
  const query = useRoles();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canManage = can('roles.manage');
  const editing = dialog?.kind === 'edit' ? query.data?.find((r) => r.id === dialog.id) : undefined;

  const columns: TableColumnsType<Role> = [
    { key: 'key', title: t('roles.key'), dataIndex: 'key', width: 180 },
    { key: 'name', title: t('roles.name'), render: (_, r) => name(r), width: 160 },
    {
      key: 'builtin',
      title: t('roles.builtin'),
      width: 100,
      render: (_, r) => (r.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>),
    },
    {
      key: 'permissions',
      title: t('roles.permissions'),
      render: (_, r) => <PermissionTags permissions={r.permissions} />,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_, r) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setDialog({ kind: 'edit', id: r.id })}
          data-testid={`role-edit-${r.key}`}
        >
          {t('roles.editPermissions')}
        </Button>
      ),
    });
  }

  const createButton = canManage && (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setDialog({ kind: 'create' })}
      data-testid="roles-create"
    >
      {t('roles.create')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('roles.title')} extra={createButton} />
      <Card>
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <Table<Role>
            rowKey="id"
            columns={columns}
            dataSource={query.data}
            loading={query.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('roles.empty')} /> }}
          />
        )}
      </Card>
      <Suspense fallback={null}>
        {dialog?.kind === 'create' && <RoleFormModal onClose={() => setDialog(null)} />}
        {editing && <RoleFormModal role={editing} onClose={() => setDialog(null)} />}
      </Suspense>
    </>
  );
}
