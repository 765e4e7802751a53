import { PARTNER_CATEGORIES } from '@anju/contracts/club-partners';
import { Button, Card, Flex, Segmented, Table, type TableColumnsType, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Partner, type PartnerCategory, usePartners } from '../../api/clubPartners';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import './clubPartnerStrings';

const PartnerDrawer = lazy(async () => ({ default: (await import('./PartnerDrawer')).PartnerDrawer }));
const PartnerFormModal = lazy(async () => ({ default: (await import('./PartnerFormModal')).PartnerFormModal }));

/** The partner alliance (江山会): partners by category, each partner's drawer with benefits and accounts. */
export function ClubPartnersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [category, setCategory] = useState<PartnerCategory | 'all'>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const partners = usePartners(category === 'all' ? undefined : category);
  const columns: TableColumnsType<Partner> = [
    {
      key: 'name',
      title: t('clubPartners.name'),
      render: (_, p) => (
        <>
          {p.name} {!p.active && <Tag>{t('clubPartners.inactive')}</Tag>}
        </>
      ),
    },
    {
      key: 'category',
      title: t('clubPartners.category'),
      render: (_, p) => t(`clubPartners.categories.${p.category}`),
    },
    { key: 'contact', title: t('clubPartners.contactName'), render: (_, p) => p.contactName ?? '—' },
    { key: 'phone', title: t('clubPartners.contactPhone'), render: (_, p) => p.contactPhone ?? '—' },
    { key: 'benefits', title: t('clubPartners.benefitCount'), align: 'end', dataIndex: 'benefitCount' },
  ];
  return (
    <>
      <PageHeader
        title={t('clubPartners.title')}
        extra={
          can('club.manage') ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="partner-create">
              {t('clubPartners.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Segmented<PartnerCategory | 'all'>
            value={category}
            onChange={setCategory}
            options={[
              { value: 'all', label: t('clubPartners.allCategories') },
              ...PARTNER_CATEGORIES.map((value) => ({ value, label: t(`clubPartners.categories.${value}`) })),
            ]}
            style={{ overflowX: 'auto', maxWidth: '100%' }}
          />
          <Table<Partner>
            rowKey="id"
            dataSource={partners.data?.items ?? []}
            loading={partners.isPending}
            columns={columns}
            pagination={false}
            locale={{ emptyText: t('clubPartners.empty') }}
            onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: 'pointer' } })}
          />
        </Flex>
      </Card>
      <Suspense fallback={null}>
        {openId && <PartnerDrawer id={openId} onClose={() => setOpenId(null)} />}
        {creating && (
          <PartnerFormModal
            onClose={(id) => {
              setCreating(false);
              if (id) setOpenId(id);
            }}
          />
        )}
      </Suspense>
    </>
  );
}
