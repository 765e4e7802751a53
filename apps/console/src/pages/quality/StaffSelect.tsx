import { Select } from 'antd';
import { useState } from 'react';
import { useUsers } from '../../api/users';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  testId?: string;
}

/** One active member of staff of the caller's scope, searched by name or user name. */
export function StaffSelect({ testId, ...rest }: Props) {
  const [q, setQ] = useState('');
  const users = useUsers({ q: q || undefined, status: 'active' });
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Select<string>
      {...rest}
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      loading={users.isFetching}
      options={items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
      data-testid={testId}
    />
  );
}
