import { Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Benefit } from '../../api/clubPartners';
import './clubPartnerStrings';

/** Benefits with their offer, tiers, validity, quota left and points price; a row opens the editor when given. */
export function BenefitsTable({
  benefits,
  loading,
  onOpen,
}: {
  benefits: Benefit[];
  loading?: boolean;
  onOpen?: (b: Benefit) => void;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Benefit> = [
    {
      key: 'title',
      title: t('clubPartners.benefitTitle'),
      render: (_, b) => (
        <>
          {b.title} {!b.active && <Tag>{t('clubPartners.inactive')}</Tag>}
          <div style={{ color: '#888' }}>{b.discountText}</div>
        </>
      ),
    },
    {
      key: 'tiers',
      title: t('clubPartners.tiers'),
      render: (_, b) => (b.tiers.length ? b.tiers.join(', ') : t('clubPartners.allTiers')),
    },
    { key: 'validity', title: t('clubPartners.validity'), render: (_, b) => `${b.validFrom} – ${b.validTo}` },
    {
      key: 'quota',
      title: t('clubPartners.remaining'),
      align: 'end',
      render: (_, b) => (b.quota === null ? t('clubPartners.unlimited') : `${b.remaining} / ${b.quota}`),
    },
    {
      key: 'points',
      title: t('clubPartners.pointsPrice'),
      align: 'end',
      render: (_, b) => (b.pointsPrice ? b.pointsPrice : t('clubPartners.free')),
    },
  ];
  return (
    <Table<Benefit>
      size="small"
      rowKey="id"
      dataSource={benefits}
      columns={columns}
      loading={loading}
      pagination={false}
      onRow={(b) => ({ onClick: onOpen ? () => onOpen(b) : undefined, style: onOpen ? { cursor: 'pointer' } : {} })}
    />
  );
}
