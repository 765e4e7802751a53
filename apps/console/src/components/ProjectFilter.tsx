import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjects } from '../api/property';

/** The props a form's select control takes (antd Form.Item passes id, value and onChange). */
export interface SelectControlProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  autoFocus?: boolean;
  style?: CSSProperties;
  testId?: string;
}

/** One project of the caller's scope, searched by name or code (a ticket's projectId is the project's id). */
export function ProjectFilter({ testId, ...rest }: SelectControlProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useProjects(q);
  const projects = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Select<string>
      allowClear
      {...rest}
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      loading={query.isFetching}
      placeholder={rest.placeholder ?? t('tickets.project')}
      notFoundContent={query.isError ? t('tickets.loadFailed') : undefined}
      options={projects.map((p) => ({ value: p.id, label: p.name }))}
      data-testid={testId}
    />
  );
}
