import type { HandoverSlot } from '@anju/contracts/handover';
import { App, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBookHandoverSlot } from '../../api/handover';
import { useErrorText } from '../../lib/errorText';
import { slotLabel } from './slotTime';

/**
 * The desk books a household into a slot, or moves it; full and past slots cannot be picked (a slot that filled up
 * meanwhile is 409 HANDOVER_SLOT_FULL, shown as such).
 */
export function BookModal({ unitId, slots, onClose }: { unitId: string; slots: HandoverSlot[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const book = useBookHandoverSlot();
  const [slotId, setSlotId] = useState<string>();
  const onOk = () => {
    if (!slotId) return;
    book.mutate({ unitId, slotId }, { onSuccess: onClose, onError: (e) => message.error(errorText(e)) });
  };
  return (
    <Modal
      open
      title={t('handover.pickSlot')}
      onCancel={onClose}
      onOk={onOk}
      okButtonProps={{ disabled: !slotId, 'data-testid': 'book-ok' } as never}
      confirmLoading={book.isPending}
    >
      <Radio.Group value={slotId} onChange={(e) => setSlotId(e.target.value)}>
        <Space direction="vertical">
          {slots.map((s) => (
            <Radio
              key={s.id}
              value={s.id}
              disabled={s.booked >= s.capacity || Date.parse(s.endsAt) <= Date.now()}
              data-testid={`pick-slot-${s.id}`}
            >
              {slotLabel(s.startsAt, s.endsAt)} · {t('handover.available', { count: s.capacity - s.booked })}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </Modal>
  );
}
