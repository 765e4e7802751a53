import { PERMISSIONS, type Permission } from '@anju/contracts';
import { Checkbox, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { groupPermissions } from '../../lib/permissions';
import { usePermissionLabel } from '../permissionStrings';

const GROUPS = groupPermissions(PERMISSIONS);

interface Props {
  value?: Permission[];
  onChange?: (value: Permission[]) => void;
  /** Permissions the editor may grant (the server refuses escalation); others are shown disabled. */
  grantable?: (permission: Permission) => boolean;
  testId?: string;
}

/** Every permission, grouped by the prefix before the dot, with a select-all per group. */
export function PermissionPicker({ value = [], onChange, grantable = () => true, testId }: Props) {
  const { t } = useTranslation();
  const label = usePermissionLabel();
  const selected = new Set(value);
  // keep the canonical order so the request and the display are stable
  const emit = (next: Set<Permission>) => onChange?.(PERMISSIONS.filter((p) => next.has(p)));
  const toggle = (list: readonly Permission[], on: boolean) => {
    const next = new Set(selected);
    for (const p of list) {
      if (on && grantable(p)) next.add(p);
      if (!on) next.delete(p);
    }
    emit(next);
  };

  return (
    <Flex vertical gap={8} data-testid={testId}>
      {GROUPS.map(([group, permissions]) => {
        const count = permissions.filter((p) => selected.has(p)).length;
        return (
          <Flex key={group} gap={12} align="baseline" wrap>
            <Checkbox
              style={{ width: 140, fontWeight: 600 }}
              checked={count === permissions.length}
              indeterminate={count > 0 && count < permissions.length}
              onChange={(e) => toggle(permissions, e.target.checked)}
              data-testid={`perm-group-${group}`}
            >
              {t(`permGroup.${group}`)}
            </Checkbox>
            <Flex gap={4} wrap style={{ flex: 1 }}>
              {permissions.map((p) => {
                const disabled = !grantable(p) && !selected.has(p);
                return (
                  <Tooltip key={p} title={p}>
                    <Checkbox
                      checked={selected.has(p)}
                      disabled={disabled}
                      onChange={(e) => toggle([p], e.target.checked)}
                      data-testid={`perm-${p}`}
                    >
                      {label(p)}
                      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                        {p}
                      </Typography.Text>
                    </Checkbox>
                  </Tooltip>
                );
              })}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}
