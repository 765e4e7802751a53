import type { User } from '@anju/contracts';
import { EditOutlined } from '@ant-design/icons';
import { Button, Flex, type TableColumnsType, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { type CursorQuery, CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { RoleTags } from '../../components/tags';
import { isFuture } from '../../lib/format';

interface Props {
  query: CursorQuery<User>;
  onEdit?: (user: User) => void;
}

/** `data-testid` is not in antd's row attribute type; it is a valid DOM attribute all the same. */
const rowProps = (user: User) => ({ 'data-testid': `user-row-${user.username}` }) as HTMLAttributes<HTMLElement>;

export function UsersTable({ query, onEdit }: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('users.username'), dataIndex: 'username', fixed: 'start' },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    { key: 'orgUnit', title: t('users.orgUnit'), dataIndex: 'orgUnitName' },
    { key: 'department', title: t('users.department'), render: (_, u) => u.departmentName ?? '—' },
    { key: 'roles', title: t('users.roles'), render: (_, u) => <RoleTags roles={u.roles} /> },
    {
      key: 'status',
      title: t('users.status'),
      render: (_, u) => (
        <Flex gap={4} wrap>
          {u.status === 'active' ? (
            <Tag color="success">{t('users.statusActive')}</Tag>
          ) : (
            <Tag color="default">{t('users.statusDisabled')}</Tag>
          )}
          {isFuture(u.lockedUntil) && <Tag color="error">{t('users.locked')}</Tag>}
        </Flex>
      ),
    },
    { key: 'lockedUntil', title: t('users.lockedUntil'), render: (_, u) => <DateTime value={u.lockedUntil} /> },
    { key: 'lastLogin', title: t('users.lastLogin'), render: (_, u) => <DateTime value={u.lastLoginAt} /> },
  ];
  if (onEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'end',
      render: (_, u) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(u)} data-testid={`user-edit-${u.username}`}>
          {t('common.edit')}
        </Button>
      ),
    });
  }
  return (
    <CursorTable<User>
      query={query}
      rowKey="id"
      columns={columns}
      onRow={rowProps}
      emptyText={t('users.empty')}
      loadMoreTestId="users-load-more"
    />
  );
}
