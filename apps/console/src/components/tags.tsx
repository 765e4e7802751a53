import type { OrgUnit, OrgUnitType, Permission } from '@anju/contracts';
import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../i18n';
import { usePermissionLabel } from '../pages/permissionStrings';

const TYPE_COLORS: Record<OrgUnitType, string> = {
  group: 'magenta',
  region: 'purple',
  city_company: 'blue',
  project: 'green',
  department: 'cyan',
  contractor: 'orange',
};

/** 集团 / 区域 / … ; departments show their kind: 部门 · 工程. */
export function OrgTypeTag({ unit }: { unit: Pick<OrgUnit, 'type' | 'departmentKind'> }) {
  const { t } = useTranslation();
  const kind =
    unit.type === 'department' && unit.departmentKind ? ` · ${t(`departmentKind.${unit.departmentKind}`)}` : '';
  return (
    <Tag color={TYPE_COLORS[unit.type]} style={{ marginInlineEnd: 0 }}>
      {t(`orgType.${unit.type}`)}
      {kind}
    </Tag>
  );
}

export function RoleTags({ roles }: { roles: readonly { id: string; key: string; nameZh: string; nameEn: string }[] }) {
  const name = useBilingual();
  if (roles.length === 0) return <span>—</span>;
  return (
    <Flex wrap gap={4}>
      {roles.map((r) => (
        <Tag key={r.id} color="geekblue" style={{ marginInlineEnd: 0 }} data-testid={`role-tag-${r.key}`}>
          {name(r)}
        </Tag>
      ))}
    </Flex>
  );
}

export function PermissionTags({ permissions }: { permissions: readonly Permission[] }) {
  const label = usePermissionLabel();
  const { t } = useTranslation();
  if (permissions.length === 0) return <span>{t('roles.noPermissions')}</span>;
  return (
    <Flex wrap gap={4}>
      {permissions.map((p) => (
        <Tooltip key={p} title={p}>
          <Tag style={{ marginInlineEnd: 0 }}>{label(p)}</Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
