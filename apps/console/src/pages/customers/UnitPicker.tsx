import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitCodes } from '../../api/customers';
import { useProjects } from '../../api/property';

interface ControlProps {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId?: string;
}

/** One project of the caller's scope, searched by name or code. */
export function ProjectSelect({ id, value, onChange, testId }: ControlProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useProjects(q);
  const projects = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      loading={query.isFetching}
      placeholder={t('customers.pickProject')}
      notFoundContent={query.isError ? t('customers.searchFailed') : t('customers.noProjects')}
      options={projects.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
      data-testid={testId}
    />
  );
}

/** One unit of `projectId`, found by the start of its code (3-2-15…). */
export function UnitSelect({ id, value, onChange, testId, projectId }: ControlProps & { projectId?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const query = useUnitCodes(projectId, code);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const found = (query.data?.items ?? []).map((u) => ({ value: u.id, label: u.code }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => {
        setPicked(options.find((o) => o.value === v) ?? null);
        onChange?.(v);
      }}
      allowClear
      disabled={!projectId}
      showSearch={{ filterOption: false, onSearch: (v) => setCode(v.trim()) }}
      loading={query.isFetching}
      placeholder={projectId ? t('customers.unitCodeHint') : t('customers.pickProjectFirst')}
      notFoundContent={query.isError ? t('customers.searchFailed') : t('customers.noUnits')}
      options={options}
      data-testid={testId}
    />
  );
}
