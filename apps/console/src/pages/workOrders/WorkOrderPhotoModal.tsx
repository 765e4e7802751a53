import type { TicketPhoto, TicketPhotoRole, WorkOrder } from '@anju/contracts';
import { CheckCircleTwoTone } from '@ant-design/icons';
import { Button, Flex, Modal, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoUploadButton } from '../../components/PhotoUploadButton';

/** The assignee adds before/after photos of the work to the order's ticket (after by default). */
export function WorkOrderPhotoModal({ order, onClose }: { order: WorkOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<TicketPhotoRole>('after');
  const [added, setAdded] = useState<TicketPhoto[]>([]);
  return (
    <Modal
      open
      title={t('workOrders.photoTitle', { name: `${order.ticketNumber} #${order.seq} ${order.title}` })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="wo-photo-close">
          {t('common.close')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Segmented<TicketPhotoRole>
          block
          value={role}
          onChange={setRole}
          options={[
            { value: 'after', label: t('workOrders.photoRoles.after') },
            { value: 'before', label: t('workOrders.photoRoles.before') },
          ]}
          data-testid="wo-photo-role"
        />
        <Typography.Text type="secondary">{t('workOrders.photoHint')}</Typography.Text>
        <PhotoUploadButton
          ticketId={order.ticketId}
          role={role}
          block
          size="middle"
          label={t('workOrders.photoPick')}
          testId="wo-photo-upload"
          onUploaded={(photo) => setAdded((list) => [...list, photo])}
        />
        {added.map((p) => (
          <Typography.Text key={p.id}>
            <CheckCircleTwoTone twoToneColor="#52c41a" /> {t(`workOrders.photoRoles.${p.role}`)} · {p.name}
          </Typography.Text>
        ))}
      </Flex>
    </Modal>
  );
}
