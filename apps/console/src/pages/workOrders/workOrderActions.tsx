import type { WorkOrder } from '@anju/contracts';
import { CameraOutlined, CheckCircleOutlined, CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { WorkOrderStatus } from '../../api/workOrders';

/** A stale version or a status someone else already moved on: both answer 409. */
export const isConflict = (e: unknown) => e instanceof ApiError && e.status === 409;

/** Statuses whose clock is still running on the assignee's side. */
export const isRunning = (s: WorkOrderStatus) => s === 'open' || s === 'accepted' || s === 'in_progress';

const STATUS_COLORS: Record<WorkOrderStatus, string> = {
  open: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  done: 'success',
  confirmed: 'green',
  rejected: 'error',
  cancelled: 'default',
};

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`enums.workOrderStatus.${status}`)}
    </Tag>
  );
}

interface ActionsProps {
  order: WorkOrder;
  accepting: boolean;
  onAccept: () => void;
  onNote: (action: 'progress' | 'done') => void;
  onPhoto: () => void;
  block?: boolean;
}

/** The assignee's buttons: Accept an open order; report progress or completion of an accepted one; add photos. */
export function WorkOrderActions({ order, accepting, onAccept, onNote, onPhoto, block }: ActionsProps) {
  const { t } = useTranslation();
  const size = block ? 'middle' : 'small';
  if (!isRunning(order.status)) return null;
  const photo = (
    <Button size={size} block={block} icon={<CameraOutlined />} onClick={onPhoto} data-testid={`wo-photo-${order.id}`}>
      {t('workOrders.addPhoto')}
    </Button>
  );
  return (
    <Flex gap={8} wrap={!block} style={block ? { width: '100%' } : undefined}>
      {order.status === 'open' ? (
        <Button
          type="primary"
          size={size}
          block={block}
          icon={<CheckOutlined />}
          loading={accepting}
          onClick={onAccept}
          data-testid={`wo-accept-${order.id}`}
        >
          {t('workOrders.accept')}
        </Button>
      ) : (
        <>
          <Button
            size={size}
            block={block}
            icon={<EditOutlined />}
            onClick={() => onNote('progress')}
            data-testid={`wo-progress-${order.id}`}
          >
            {t('workOrders.progress')}
          </Button>
          <Button
            type="primary"
            size={size}
            block={block}
            icon={<CheckCircleOutlined />}
            onClick={() => onNote('done')}
            data-testid={`wo-done-${order.id}`}
          >
            {t('workOrders.done')}
          </Button>
        </>
      )}
      {photo}
    </Flex>
  );
}
