import type { Unit } from '@anju/contracts';
import { Descriptions, Drawer, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitWarranty } from '../../api/property';

const WARRANTY_COLOR = { in_warranty: 'green', expired: 'red', unknown: 'default' } as const;

/** One home: its facts and, per part category, whether it is under warranty today and until when. */
export function UnitDrawer({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation();
  const warranty = useUnitWarranty(unit.id);
  return (
    <Drawer open width={560} title={`${unit.projectName} ${unit.code}`} onClose={onClose}>
      <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('property.status')}>{t(`property.statuses.${unit.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('property.finish')}>{t(`property.finishes.${unit.finish}`)}</Descriptions.Item>
        <Descriptions.Item label={t('property.area')}>{unit.area ?? '—'} m²</Descriptions.Item>
        <Descriptions.Item label={t('property.layout')}>{unit.layout ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('property.deliveredOn')}>{unit.deliveredOn ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="partCategory"
        loading={warranty.isLoading}
        pagination={false}
        dataSource={warranty.data?.items ?? []}
        columns={[
          {
            title: t('property.part'),
            dataIndex: 'partCategory',
            render: (c: string) => t(`property.parts.${c}`, { defaultValue: c }),
          },
          {
            title: t('property.warranty'),
            dataIndex: 'status',
            render: (s: keyof typeof WARRANTY_COLOR) => (
              <Tag color={WARRANTY_COLOR[s]}>{t(`property.warrantyStatus.${s}`)}</Tag>
            ),
          },
          { title: t('property.expiresOn'), dataIndex: 'expiresOn', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Drawer>
  );
}
