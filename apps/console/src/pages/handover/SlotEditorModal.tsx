import type { HandoverSlot } from '@anju/contracts/handover';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpsertHandoverSlots } from '../../api/handover';
import { useErrorText } from '../../lib/errorText';
import { slotInstant, slotParts } from './slotTime';

type Row = { key: string; id?: string; day: string; from: string; to: string; capacity: number };

/** The batch's slots as one list (day, China start and end time, capacity): saved together, rows left out go. */
export function SlotEditorModal({
  batchId,
  slots,
  onClose,
}: {
  batchId: string;
  slots: HandoverSlot[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useUpsertHandoverSlots(batchId);
  const [rows, setRows] = useState<Row[]>(() =>
    slots.map((s) => ({
      key: s.id,
      id: s.id,
      day: slotParts(s.startsAt).day,
      from: slotParts(s.startsAt).time,
      to: slotParts(s.endsAt).time,
      capacity: s.capacity,
    })),
  );
  const change = (key: string, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const last = rows.at(-1);
    setRows((all) => [
      ...all,
      { key: crypto.randomUUID(), day: last?.day ?? '', from: last?.to ?? '09:00', to: '', capacity: 10 },
    ]);
  };
  const onOk = () =>
    save.mutate(
      {
        slots: rows.map((r) => ({
          ...(r.id ? { id: r.id } : {}),
          startsAt: slotInstant(r.day, r.from),
          endsAt: slotInstant(r.day, r.to),
          capacity: r.capacity,
        })),
      },
      { onSuccess: onClose, onError: (e) => message.error(errorText(e)) },
    );

  return (
    <Modal
      open
      title={t('handover.editSlots')}
      onCancel={onClose}
      onOk={onOk}
      confirmLoading={save.isPending}
      width={640}
    >
      <Flex vertical gap={8}>
        {rows.map((r, i) => (
          <Flex key={r.key} gap={8} align="center" wrap data-testid={`slot-row-${i}`}>
            <Input
              type="date"
              value={r.day}
              onChange={(e) => change(r.key, { day: e.target.value })}
              style={{ width: 150 }}
            />
            <Input
              type="time"
              aria-label={t('handover.start')}
              value={r.from}
              onChange={(e) => change(r.key, { from: e.target.value })}
              style={{ width: 110 }}
            />
            <Input
              type="time"
              aria-label={t('handover.end')}
              value={r.to}
              onChange={(e) => change(r.key, { to: e.target.value })}
              style={{ width: 110 }}
            />
            <InputNumber
              min={1}
              max={500}
              value={r.capacity}
              addonBefore={t('handover.capacity')}
              onChange={(v) => change(r.key, { capacity: v ?? 1 })}
              style={{ width: 150 }}
            />
            <Button
              icon={<DeleteOutlined />}
              aria-label="delete"
              onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
            />
          </Flex>
        ))}
        <Button icon={<PlusOutlined />} onClick={add} data-testid="slot-add">
          {t('handover.addSlot')}
        </Button>
      </Flex>
    </Modal>
  );
}
