import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserFilters as Filters } from '../../api/types';
import { useUsers } from '../../api/users';
import { useCursorRows } from '../../components/CursorTable';
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
  const users = useCursorRows(query);
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
        <UsersTable query={query} onEdit={canManage ? (u) => setEditingId(u.id) : undefined} />
      </Card>
      <Suspense fallback={null}>
        {creating && <UserCreateModal onClose={() => setCreating(false)} />}
        {editing && <UserEditDrawer user={editing} onClose={() => setEditingId(undefined)} />}
      </Suspense>
    </>
  );
}
