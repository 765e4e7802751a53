import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../api/roles';
import type { UserFilters as Filters, UserStatus } from '../../api/types';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useBilingual } from '../../i18n';
import { useCan } from '../../lib/permissions';

interface Props {
  value: Filters;
  onChange: (value: Filters) => void;
}

export function UserFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const name = useBilingual();
  const roles = useRoles({ enabled: can('roles.read') });
  const [q, setQ] = useState(value.q ?? '');
  const set = (patch: Filters) => onChange({ ...value, ...patch });

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('users.searchPlaceholder')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          // clearing applies at once; typed text applies on Enter
          if (!e.target.value) set({ q: undefined });
        }}
        onPressEnter={() => set({ q: q.trim() || undefined })}
        style={{ width: 220 }}
        data-testid="users-filter-q"
      />
      {can('org.read') && (
        <OrgUnitTreeSelect
          allowClear
          placeholder={t('users.filterOrgUnit')}
          value={value.orgUnitId}
          onChange={(orgUnitId) => set({ orgUnitId })}
          style={{ width: 220 }}
          testId="users-filter-org"
        />
      )}
      {can('roles.read') && (
        <Select<string>
          allowClear
          placeholder={t('users.filterRole')}
          value={value.roleKey}
          onChange={(roleKey) => set({ roleKey })}
          loading={roles.isLoading}
          options={(roles.data ?? []).map((r) => ({ value: r.key, label: name(r) }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 180 }}
          data-testid="users-filter-role"
        />
      )}
      <Select<UserStatus>
        allowClear
        placeholder={t('users.filterStatus')}
        value={value.status}
        onChange={(status) => set({ status })}
        options={[
          { value: 'active', label: t('users.statusActive') },
          { value: 'disabled', label: t('users.statusDisabled') },
        ]}
        style={{ width: 140 }}
        data-testid="users-filter-status"
      />
      <Button
        onClick={() => {
          setQ('');
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
