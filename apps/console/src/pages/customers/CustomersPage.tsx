import type { CustomerSummary } from '@anju/contracts';
import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type CustomerFilters, exportCustomers, useCustomerSearch, useCustomers } from '../../api/customers';
import { type CursorQuery, CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { KindTags } from '../../components/KindTags';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';

// its form and unit picker are fetched when it opens
const CustomerCreateModal = lazy(async () => ({
  default: (await import('./CustomerCreateModal')).CustomerCreateModal,
}));

const KINDS = ['prospect', 'buyer', 'owner', 'family', 'employee', 'public'] as const;

/** Search first (mobile, last four digits, name, pinyin initials, unit code, ID number), else the paged list. */
export function CustomersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<CustomerFilters>({});
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const search = useCustomerSearch(q);
  const list = useCustomers(filters, q.length === 0);
  // a search answers one page; the list loads more
  const active: CursorQuery<CustomerSummary> = q ? search : list;
  // the workbook holds what the screen is showing: the search, or the list with its filters
  const onExport = async () => {
    setExporting(true);
    try {
      await exportCustomers(q ? { q } : filters);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          <Space>
            {can('customers.export') && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void onExport()}
                loading={exporting}
                data-testid="customers-export"
              >
                {t('customers.export')}
              </Button>
            )}
            {can('customers.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="customers-create"
              >
                {t('customers.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.Search
            autoFocus
            allowClear
            enterButton={<SearchOutlined />}
            placeholder={t('customers.searchHint')}
            onSearch={(value) => setQ(value.trim())}
            data-testid="customers-search"
          />
          {!q && (
            <Space wrap>
              <Select
                allowClear
                style={{ width: 160 }}
                placeholder={t('customers.kind')}
                value={filters.kind}
                onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
                options={KINDS.map((k) => ({ value: k, label: t(`customers.kinds.${k}`) }))}
              />
              <Space>
                <Switch
                  checked={Boolean(filters.duplicateSuspected)}
                  onChange={(v) => setFilters((f) => ({ ...f, duplicateSuspected: v || undefined }))}
                />
                <Typography.Text>{t('customers.duplicatesOnly')}</Typography.Text>
              </Space>
            </Space>
          )}
          <CursorTable<CustomerSummary>
            query={active}
            rowKey="id"
            loading={active.isLoading}
            emptyText={q ? t('customers.noMatch') : t('customers.empty')}
            onRow={(c) =>
              ({
                onClick: () => navigate(`/customers/${c.id}`),
                style: { cursor: 'pointer' },
                'data-testid': `customer-row-${c.name}`,
              }) as never
            }
            columns={[
              { title: t('customers.name'), dataIndex: 'name' },
              {
                title: t('customers.kind'),
                dataIndex: 'kinds',
                render: (kinds: CustomerSummary['kinds']) => <KindTags kinds={kinds} />,
              },
              { title: t('customers.phone'), dataIndex: 'primaryPhoneMasked' },
              { title: t('customers.homes'), dataIndex: 'homes', render: (homes: string[]) => homes.join('；') },
              {
                title: t('customers.tags'),
                dataIndex: 'tags',
                render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>),
              },
              {
                title: '',
                dataIndex: 'duplicateSuspected',
                render: (dup: boolean) => (dup ? <Tag color="warning">{t('customers.duplicate')}</Tag> : null),
              },
              {
                title: t('customers.createdAt'),
                dataIndex: 'createdAt',
                render: (v: string) => <DateTime value={v} />,
              },
            ]}
          />
        </Space>
      </Card>
      {creating && (
        <Suspense fallback={null}>
          <CustomerCreateModal onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </>
  );
}
