import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useDefectCategories } from '../../api/tickets';
import { useBilingual } from '../../i18n';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  style?: CSSProperties;
  /** One category at most (a filter), else several (an article's categories). */
  single?: boolean;
  testId?: string;
}

/** The tickets' defect categories, searchable by name or code. */
export function CategoryMultiSelect({ value, onChange, single, testId, ...rest }: Props) {
  const query = useDefectCategories();
  const name = useBilingual();
  const options = (query.data ?? []).map((c) => ({ value: c.code, label: `${name(c)} (${c.code})` }));
  return single ? (
    <Select<string>
      {...rest}
      allowClear
      value={value?.[0]}
      onChange={(v) => onChange?.(v ? [v] : [])}
      showSearch={{ optionFilterProp: 'label' }}
      loading={query.isLoading}
      options={options}
      data-testid={testId}
    />
  ) : (
    <Select<string[]>
      {...rest}
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      showSearch={{ optionFilterProp: 'label' }}
      loading={query.isLoading}
      options={options}
      maxCount={10}
      data-testid={testId}
    />
  );
}
