import { EditOutlined, KeyOutlined, PlusOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Space, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Building, type DeliveryBatch, useDeliveryBatches } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { useCan } from '../../lib/permissions';
import '../kpiDataStrings';

// fetched when one opens
const AssignUnitsModal = lazy(async () => ({ default: (await import('./AssignUnitsModal')).AssignUnitsModal }));
const DeliveryBatchModal = lazy(async () => ({ default: (await import('./DeliveryBatchModal')).DeliveryBatchModal }));

type Dialog = { kind: 'create' } | { kind: 'edit'; id: string } | { kind: 'assign'; id: string } | null;

/** Mass deliveries of the project: planned and actual dates, unit count; create, edit and fill a batch. */
export function DeliveryBatchesTab({ projectId, buildings }: { projectId: string; buildings: Building[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('property.manage');
  const query = useDeliveryBatches(projectId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const batches = query.data?.items ?? [];
  // the latest copy from the list, so after a 409 and refetch the form carries the new version
  const current = dialog && dialog.kind !== 'create' ? batches.find((b) => b.id === dialog.id) : undefined;
  const close = () => setDialog(null);

  if (query.isError && !query.data)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;

  return (
    <Flex vertical gap={12}>
      {canManage && (
        <Flex justify="flex-end">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="batch-create"
          >
            {t('property.newBatch')}
          </Button>
        </Flex>
      )}
      <Table<DeliveryBatch>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={batches}
        pagination={false}
        locale={{ emptyText: <Empty description={t('property.noBatches')} /> }}
        onRow={(b) => ({ 'data-testid': `batch-row-${b.name}` }) as never}
        columns={[
          { title: t('property.batchName'), dataIndex: 'name' },
          { title: t('property.plannedDate'), dataIndex: 'plannedDate', render: (v: string | null) => v ?? '—' },
          {
            title: t('property.actualDate'),
            dataIndex: 'actualDate',
            render: (v: string | null) => (v ? <Tag color="green">{v}</Tag> : '—'),
          },
          {
            title: t('kpiData.areaReportDate'),
            dataIndex: 'areaReportDate',
            render: (v: string | null) => v ?? '—',
          },
          { title: t('property.unitCount'), dataIndex: 'unitCount' },
          ...(can('journeys.read')
            ? [
                {
                  title: t('menu.handover'),
                  key: 'handover',
                  render: (_: unknown, b: DeliveryBatch) => (
                    <Link to={`/handover/batches/${b.id}`} data-testid={`batch-handover-${b.name}`}>
                      <KeyOutlined /> {t('menu.handover')}
                    </Link>
                  ),
                },
              ]
            : []),
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, b: DeliveryBatch) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setDialog({ kind: 'edit', id: b.id })}
                        data-testid={`batch-edit-${b.name}`}
                      >
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="small"
                        icon={<UsergroupAddOutlined />}
                        onClick={() => setDialog({ kind: 'assign', id: b.id })}
                        disabled={buildings.length === 0}
                        data-testid={`batch-assign-${b.name}`}
                      >
                        {t('property.assignUnits')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Suspense fallback={null}>
        {dialog?.kind === 'create' && <DeliveryBatchModal projectId={projectId} onClose={close} />}
        {dialog?.kind === 'edit' && current && (
          <DeliveryBatchModal projectId={projectId} batch={current} onClose={close} />
        )}
        {dialog?.kind === 'assign' && current && (
          <AssignUnitsModal projectId={projectId} batch={current} buildings={buildings} onClose={close} />
        )}
      </Suspense>
    </Flex>
  );
}
