import type { OrgUnit, User } from '@anju/contracts';
import { type FormRule as Rule, Select } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../../api/org';
import { useRoles } from '../../api/roles';
import { useBilingual } from '../../i18n';
import { indexById, selfAndAncestors } from '../../lib/orgTree';
import { useCan } from '../../lib/permissions';
import { isMobile, isStrongPassword, USERNAME_PATTERN } from '../../lib/validation';

/**
 * Departments a user placed at `orgUnitId` may belong to: those whose parent is that unit or one
 * of its ancestors (the server's DEPARTMENT_INVALID rule). With no unit chosen, every department.
 */
export function useDepartments(): { list: (orgUnitId: string | undefined) => OrgUnit[]; loading: boolean } {
  const can = useCan();
  const { data: units, isLoading } = useOrgUnits({}, { enabled: can('org.read') });
  const byId = useMemo(() => indexById(units ?? []), [units]);
  const list = useCallback(
    (orgUnitId: string | undefined) => {
      const departments = (units ?? []).filter((u) => u.type === 'department');
      if (!orgUnitId) return departments;
      const chain = new Set(selfAndAncestors(orgUnitId, byId).map((u) => u.id));
      return departments.filter((d) => d.parentId !== null && chain.has(d.parentId));
    },
    [units, byId],
  );
  return { list, loading: isLoading };
}

interface DepartmentSelectProps {
  orgUnitId: string | undefined;
  value?: string | null;
  onChange?: (value: string | null) => void;
  testId?: string;
}

export function DepartmentSelect({ orgUnitId, value, onChange, testId }: DepartmentSelectProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const byId = useMemo(() => new Map(departments.list(undefined).map((d) => [d.id, d])), [departments]);
  const options = departments.list(orgUnitId).map((d) => {
    const parent = d.parentId ? byId.get(d.parentId) : undefined;
    return {
      value: d.id,
      label: d.departmentKind ? `${d.name} · ${t(`departmentKind.${d.departmentKind}`)}` : d.name,
      title: parent?.name,
    };
  });
  return (
    <Select<string | null>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={departments.loading}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      data-testid={testId}
    />
  );
}

interface RoleSelectProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Roles the user already has, so their names show even without `roles.read`. */
  current?: User['roles'];
  testId?: string;
}

export function RoleSelect({ value, onChange, current = [], testId }: RoleSelectProps) {
  const can = useCan();
  const name = useBilingual();
  const { data: roles, isLoading } = useRoles({ enabled: can('roles.read') });
  const options = useMemo(() => {
    const all = new Map<string, { key: string; nameZh: string; nameEn: string }>();
    for (const r of current) all.set(r.id, r);
    for (const r of roles ?? []) all.set(r.id, r);
    return [...all.entries()].map(([id, r]) => ({ value: id, label: name(r), title: r.key }));
  }, [roles, current, name]);
  return (
    <Select<string[]>
      mode="multiple"
      loading={isLoading}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      maxCount={10}
      data-testid={testId}
    />
  );
}

interface UserRules {
  required: Rule;
  username: Rule[];
  displayName: Rule[];
  password: Rule[];
  optionalPassword: Rule[];
  email: Rule[];
  phone: Rule[];
  roleIds: Rule[];
}

/** Client-side copies of the server's rules; the server stays the judge. */
export function useUserRules(): UserRules {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: Rule = { required: true, message: t('validation.required') };
    const passwordRule: Rule = {
      validator: (_, v: string | undefined) =>
        !v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordRule'))),
    };
    return {
      required,
      username: [required, { pattern: USERNAME_PATTERN, message: t('validation.usernameRule') }],
      displayName: [
        { ...required, whitespace: true },
        { max: 20, message: t('validation.maxLength', { max: 20 }) },
      ],
      password: [required, passwordRule],
      optionalPassword: [passwordRule],
      email: [
        { type: 'email', message: t('validation.email') },
        { max: 120, message: t('validation.maxLength', { max: 120 }) },
      ],
      phone: [
        {
          validator: (_, v: string | undefined) =>
            !v || isMobile(v) ? Promise.resolve() : Promise.reject(new Error(t('validation.phone'))),
        },
      ],
      roleIds: [{ required: true, type: 'array', min: 1, message: t('validation.required') }],
    };
  }, [t]);
}

/** '' → null so optional text fields clear on the server. */
export const blankToNull = (v: string | undefined | null): string | null => (v?.trim() ? v.trim() : null);
