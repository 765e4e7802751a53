import { Alert, Button, Card, Table, type TableColumnsType, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { type Service, useServices } from '../../api/services';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import './serviceStrings';

const ServiceEditorDrawer = lazy(async () => ({
  default: (await import('./ServiceEditorDrawer')).ServiceEditorDrawer,
}));

/** Fen as yuan with two decimals. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The group's value-added service catalogue: every service with its steps; the group's managers edit it. */
export function ServicesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const services = useServices();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const canEdit = can('services.manage') && me?.orgUnit.type === 'group';
  const en = i18n.language.startsWith('en');

  const columns: TableColumnsType<Service> = [
    { key: 'code', title: t('serviceCatalogue.code'), dataIndex: 'code' },
    { key: 'name', title: t('serviceCatalogue.name'), render: (_, s) => (en ? s.nameEn : s.nameZh) },
    {
      key: 'availability',
      title: t('serviceCatalogue.availability'),
      render: (_, s) => t(`serviceCatalogue.availabilities.${s.availability}`),
    },
    {
      key: 'fee',
      title: t('serviceCatalogue.fee'),
      render: (_, s) => (s.feeFen === null ? t('serviceCatalogue.free') : yuan(s.feeFen)),
    },
    {
      key: 'members',
      title: t('serviceCatalogue.membersOnly'),
      render: (_, s) =>
        s.membersOnly ? <Tag color="gold">{t('serviceCatalogue.membersOnly')}</Tag> : t('serviceCatalogue.open'),
    },
    {
      key: 'steps',
      title: t('serviceCatalogue.steps'),
      render: (_, s) => s.steps.map((st) => (en ? st.nameEn : st.nameZh)).join(' → '),
    },
    {
      key: 'active',
      title: t('serviceCatalogue.status'),
      render: (_, s) => (
        <Tag color={s.active ? 'green' : 'default'}>
          {s.active ? t('serviceCatalogue.active') : t('serviceCatalogue.inactive')}
        </Tag>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('serviceCatalogue.title')}
        extra={
          canEdit ? (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="service-create">
              {t('serviceCatalogue.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        {!canEdit && (
          <Alert type="info" showIcon message={t('serviceCatalogue.readOnly')} style={{ marginBottom: 12 }} />
        )}
        <Table<Service>
          rowKey="id"
          loading={services.isLoading}
          dataSource={services.data ?? []}
          columns={columns}
          pagination={false}
          onRow={(s) =>
            ({
              'data-testid': `service-row-${s.code}`,
              style: canEdit ? { cursor: 'pointer' } : undefined,
              onClick: () => canEdit && setEditing(s),
            }) as never
          }
        />
      </Card>
      <Suspense fallback={null}>
        {editing && (
          <ServiceEditorDrawer service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        )}
      </Suspense>
    </>
  );
}
