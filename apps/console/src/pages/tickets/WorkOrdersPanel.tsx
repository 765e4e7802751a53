import type { Ticket, WorkOrder } from '@anju/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWatchedSuppliers } from '../../api/scorecards';
import { DateTime } from '../../components/DateTime';
import { useCan } from '../../lib/permissions';
import type { CrAction } from './WorkOrderModals';

// fetched when one opens
const WorkOrderCreateModal = lazy(async () => ({ default: (await import('./WorkOrderModals')).WorkOrderCreateModal }));
const WorkOrderActionModal = lazy(async () => ({ default: (await import('./WorkOrderModals')).WorkOrderActionModal }));

const STATUS_COLORS: Record<WorkOrder['status'], string> = {
  open: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  done: 'cyan',
  confirmed: 'success',
  rejected: 'error',
  cancelled: 'default',
};
/** What the CR side may do from each status (the assignee side works in "my work orders"). */
const CR_ACTIONS: Record<WorkOrder['status'], CrAction[]> = {
  open: ['cancel'],
  accepted: ['cancel'],
  in_progress: ['cancel'],
  done: ['confirm', 'reject'],
  confirmed: [],
  rejected: [],
  cancelled: [],
};

/** The ticket's work orders; the CR side creates them, then confirms, rejects or cancels. */
export function WorkOrdersPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ order: WorkOrder; action: CrAction } | null>(null);
  const canCreate = can('tickets.dispatch') && (ticket.status === 'dispatched' || ticket.status === 'processing');
  const canManage = can('tickets.manage');
  // a supplier on the watch list stays flagged on its orders, not only when it is chosen
  const watched = useWatchedSuppliers(can('scorecards.read'));
  const watchOf = (orgId: string) => watched.data?.find((w) => w.supplierId === orgId);
  return (
    <Flex vertical gap={12}>
      {canCreate && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="wo-create">
            {t('tickets.workOrders.create')}
          </Button>
        </div>
      )}
      <Table<WorkOrder>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={ticket.workOrders}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.workOrders.empty')} />,
        }}
        onRow={(w) => ({ 'data-testid': `wo-row-${w.seq}` }) as never}
        columns={[
          { title: '#', dataIndex: 'seq', width: 48 },
          { title: t('tickets.workOrders.titleField'), dataIndex: 'title' },
          {
            title: t('tickets.workOrders.assignee'),
            key: 'assignee',
            render: (_, w) => {
              const watch = watchOf(w.assigneeOrgId);
              return (
                <Space size={4}>
                  {w.assigneeOrgName}
                  {watch && (
                    <Tooltip title={t('tickets.workOrders.watchListed', { reason: watch.reason })}>
                      <Tag color="warning" data-testid={`wo-watched-${w.seq}`}>
                        {t('tickets.workOrders.watchTag')}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              );
            },
          },
          {
            title: t('tickets.status'),
            dataIndex: 'status',
            render: (s: WorkOrder['status']) => <Tag color={STATUS_COLORS[s]}>{t(`enums.workOrderStatus.${s}`)}</Tag>,
          },
          { title: t('tickets.sla.dueAt'), dataIndex: 'dueAt', render: (v: string | null) => <DateTime value={v} /> },
          {
            title: t('tickets.workOrders.result'),
            key: 'result',
            render: (_, w) => <Typography.Text type="secondary">{w.result ?? w.progress ?? '—'}</Typography.Text>,
          },
          {
            title: t('tickets.workOrders.doneAt'),
            dataIndex: 'doneAt',
            render: (v: string | null) => <DateTime value={v} />,
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, w: WorkOrder) => (
                    <Space size={4}>
                      {CR_ACTIONS[w.status].map((action) => (
                        <Button
                          key={action}
                          size="small"
                          type={action === 'confirm' ? 'primary' : 'default'}
                          danger={action === 'cancel'}
                          onClick={() => setActing({ order: w, action })}
                          data-testid={`wo-${action}-${w.seq}`}
                        >
                          {t(`tickets.workOrders.actions.${action}`)}
                        </Button>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Suspense fallback={null}>
        {creating && <WorkOrderCreateModal ticketId={ticket.id} onClose={() => setCreating(false)} />}
        {acting && (
          <WorkOrderActionModal
            ticketId={ticket.id}
            order={acting.order}
            action={acting.action}
            onClose={() => setActing(null)}
          />
        )}
      </Suspense>
    </Flex>
  );
}
