import type { OrgUnit } from '@anju/contracts';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../../api/org';
import { type MembersOf, useOrgUnitMembers } from '../../api/users';
import { useCan } from '../../lib/permissions';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The unit the ticket goes to; nothing can be picked before it is chosen. */
  orgUnitId?: string;
  testId?: string;
}

/** No one is placed in a department: its people sit in the parent unit with the department set on them. */
const membersOf = (unit: OrgUnit | undefined): MembersOf | null => {
  if (!unit) return null;
  if (unit.type !== 'department') return { orgUnitId: unit.id };
  return unit.parentId ? { orgUnitId: unit.parentId, departmentId: unit.id } : null;
};

/** One active person of the chosen department / contractor / unit, searched by name or user name (needs `users.read`). */
export function AssigneeUserSelect({ orgUnitId, testId, ...rest }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const units = useOrgUnits({}, { enabled: can('org.read') });
  const members = useMemo(() => membersOf(units.data?.find((u) => u.id === orgUnitId)), [units.data, orgUnitId]);
  const query = useOrgUnitMembers(members);
  const options = (query.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  return (
    <Select<string>
      {...rest}
      allowClear
      disabled={!orgUnitId}
      showSearch={{ optionFilterProp: 'label' }}
      loading={query.isFetching}
      placeholder={orgUnitId ? t('tickets.fields.assigneeUserHint') : t('tickets.fields.assigneeUserPickOrgFirst')}
      notFoundContent={
        query.isError
          ? t('tickets.fields.assigneeUserLoadFailed')
          : query.isFetching
            ? undefined
            : t('tickets.fields.assigneeUserNone')
      }
      options={options}
      data-testid={testId}
    />
  );
}
