import { BUILTIN_ROLES } from '@anju/contracts';
import { InputNumber, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../api/roles';
import { useBilingual } from '../../i18n';
import { useCan } from '../../lib/permissions';

interface DurationProps {
  id?: string;
  value?: number;
  onChange?: (minutes: number) => void;
  maxMinutes: number;
  disabled?: boolean;
  testId?: string;
}

/** Whole minutes entered as hours + minutes. */
export function DurationInput({ id, value, onChange, maxMinutes, disabled, testId }: DurationProps) {
  const { t } = useTranslation();
  const hours = value === undefined ? null : Math.floor(value / 60);
  const minutes = value === undefined ? null : value % 60;
  return (
    <Space.Compact data-testid={testId}>
      <InputNumber<number>
        id={id}
        min={0}
        max={Math.floor(maxMinutes / 60)}
        precision={0}
        value={hours}
        disabled={disabled}
        suffix={t('sla.policy.hours')}
        style={{ width: 120 }}
        onChange={(h) => onChange?.((h ?? 0) * 60 + (minutes ?? 0))}
      />
      <InputNumber<number>
        min={0}
        max={59}
        precision={0}
        value={minutes}
        disabled={disabled}
        suffix={t('sla.policy.minutes')}
        style={{ width: 110 }}
        onChange={(m) => onChange?.((hours ?? 0) * 60 + (m ?? 0))}
      />
    </Space.Compact>
  );
}

interface RoleKeysProps {
  id?: string;
  value?: string[];
  onChange?: (keys: string[]) => void;
  disabled?: boolean;
}

/** Role keys (the ladder notifies by key); the role list when readable, else the built-in keys, or type one. */
export function RoleKeySelect({ id, value, onChange, disabled }: RoleKeysProps) {
  const can = useCan();
  const name = useBilingual();
  const roles = useRoles({ enabled: can('roles.read') });
  const options = useMemo(() => {
    const list = roles.data
      ? roles.data.map((r) => ({ value: r.key, label: `${name(r)} (${r.key})` }))
      : BUILTIN_ROLES.map((k) => ({ value: k, label: k }));
    return list;
  }, [roles.data, name]);
  return (
    <Select<string[]>
      id={id}
      mode="tags"
      value={value}
      onChange={onChange}
      options={options}
      disabled={disabled}
      maxCount={5}
      loading={roles.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 220 }}
    />
  );
}
