import type { CustomerSummary } from '@anju/contracts';
import { Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerSearch } from '../../api/customers';

interface Props {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** The customer being worked on: never offered. */
  excludeId: string;
  testId?: string;
}

/** The search box value after the user stops typing for `ms`. */
function useDebounced(value: string, ms = 300) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Finds another customer by name, mobile, last four digits, pinyin initials or unit code. */
export function CustomerPicker({ id, value, onChange, excludeId, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const search = useCustomerSearch(q, 20);
  // the chosen person stays labelled after the search text changes
  const [picked, setPicked] = useState<CustomerSummary | null>(null);
  const found = (search.data?.items ?? []).filter((c) => c.id !== excludeId);
  const items = picked && !found.some((c) => c.id === picked.id) ? [picked, ...found] : found;
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => {
        setPicked(items.find((c) => c.id === v) ?? null);
        onChange?.(v);
      }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={search.isFetching}
      placeholder={t('customers.pickCustomer')}
      notFoundContent={
        search.isError ? (
          <Typography.Text type="danger">{t('customers.searchFailed')}</Typography.Text>
        ) : q ? (
          t('customers.noMatch')
        ) : (
          t('customers.typeToSearch')
        )
      }
      options={items.map((c) => ({
        value: c.id,
        label: (
          <Space size={4}>
            <span>{c.name}</span>
            <Typography.Text type="secondary">
              {[c.primaryPhoneMasked, c.homes[0]].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Space>
        ),
      }))}
      data-testid={testId}
    />
  );
}
