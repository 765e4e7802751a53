import { HANDOVER_REFUSAL_REASONS, type HandoverRefusalReason } from '@anju/contracts/handover';
import { App, Checkbox, Flex, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefuseHandover } from '../../api/handover';
import { useErrorText } from '../../lib/errorText';

/** The owner will not take the keys: reasons and their own words; a follow-up ticket opens for the CR team. */
export function RefuseModal({ id, version, onClose }: { id: string; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const refuse = useRefuseHandover(id);
  const [reasons, setReasons] = useState<HandoverRefusalReason[]>([]);
  const [note, setNote] = useState('');
  const onOk = () =>
    refuse.mutate(
      { version, reasons, note },
      {
        onSuccess: (detail) => {
          message.success(t('handover.refusedDone', { number: detail.followUpTicket?.number ?? '' }));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  return (
    <Modal
      open
      title={t('handover.refuseTitle')}
      onCancel={onClose}
      onOk={onOk}
      okButtonProps={{ danger: true, disabled: reasons.length === 0 }}
      confirmLoading={refuse.isPending}
    >
      <Flex vertical gap={12}>
        <Checkbox.Group
          value={reasons}
          onChange={(v) => setReasons(v as HandoverRefusalReason[])}
          options={HANDOVER_REFUSAL_REASONS.map((r) => ({ value: r, label: t(`handover.reasonNames.${r}`) }))}
        />
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          placeholder={t('handover.note')}
          onChange={(e) => setNote(e.target.value)}
        />
      </Flex>
    </Modal>
  );
}
