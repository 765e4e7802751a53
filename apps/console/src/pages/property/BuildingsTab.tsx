import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Building } from '../../api/property';
import { useCan } from '../../lib/permissions';

// fetched when it opens
const BuildingCreateModal = lazy(async () => ({
  default: (await import('./BuildingCreateModal')).BuildingCreateModal,
}));

export function BuildingsTab({
  projectId,
  buildings,
  loading,
}: {
  projectId: string;
  buildings: Building[];
  loading: boolean;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12}>
      {can('property.manage') && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="building-add">
            {t('property.addBuilding')}
          </Button>
        </Flex>
      )}
      <Table<Building>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={buildings}
        pagination={false}
        locale={{ emptyText: <Empty description={t('property.noBuildings')} /> }}
        columns={[
          { title: t('property.phase'), dataIndex: 'phase', render: (v: string) => v || '—' },
          { title: t('property.buildingCode'), dataIndex: 'code' },
          { title: t('property.name'), dataIndex: 'name' },
          { title: t('property.floors'), dataIndex: 'floors', render: (v: number | null) => v ?? '—' },
          { title: t('property.unitCount'), dataIndex: 'unitCount' },
        ]}
      />
      <Suspense fallback={null}>
        {adding && <BuildingCreateModal projectId={projectId} onClose={() => setAdding(false)} />}
      </Suspense>
    </Flex>
  );
}
