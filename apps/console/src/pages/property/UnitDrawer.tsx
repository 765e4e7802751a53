import type { Unit } from '@anju/contracts';
import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Spin, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitWarranty } from '../../api/property';
import { ErrorAlert } from '../../components/ErrorState';
import { useCan } from '../../lib/permissions';

// the edit form (date, number and autocomplete fields) is fetched when editing starts
const UnitEditForm = lazy(async () => ({ default: (await import('./UnitEditForm')).UnitEditForm }));

const WARRANTY_COLOR = { in_warranty: 'green', expired: 'red', unknown: 'default' } as const;

interface Props {
  unit: Unit;
  productTypes: string[];
  onClose: () => void;
}

/** One home: its facts (editable with property.manage) and, per part category, whether it is under warranty. */
export function UnitDrawer({ unit, productTypes, onClose }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const warranty = useUnitWarranty(unit.id);
  const editButton = can('property.manage') && !editing && (
    <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="unit-edit">
      {t('common.edit')}
    </Button>
  );
  return (
    <Drawer
      open
      size={560}
      title={`${unit.projectName} ${unit.code}`}
      extra={editButton}
      onClose={onClose}
      destroyOnHidden
    >
      {editing ? (
        <Suspense fallback={<Spin />}>
          <UnitEditForm unit={unit} productTypes={productTypes} onDone={() => setEditing(false)} />
        </Suspense>
      ) : (
        <>
          <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('property.status')}>{t(`property.statuses.${unit.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('property.finish')}>{t(`property.finishes.${unit.finish}`)}</Descriptions.Item>
            <Descriptions.Item label={t('property.area')}>{unit.area ?? '—'} m²</Descriptions.Item>
            <Descriptions.Item label={t('property.layout')}>{unit.layout ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('property.productType')}>{unit.productType ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('kpiData.surveyedArea')}>{unit.surveyedArea ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('property.deliveredOn')}>{unit.deliveredOn ?? '—'}</Descriptions.Item>
          </Descriptions>
          {warranty.isError && (
            <ErrorAlert error={warranty.error} onRetry={() => void warranty.refetch()} retrying={warranty.isFetching} />
          )}
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
        </>
      )}
    </Drawer>
  );
}
