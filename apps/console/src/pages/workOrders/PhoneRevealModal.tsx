import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRevealWorkOrderPhone } from '../../api/workOrders';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';

interface Props {
  open: boolean;
  orderId: string;
  onRevealed: (phone: string) => void;
  onClose: () => void;
}

/** Asks for the reason (audited) and reveals the owner's phone of my running order. */
export function PhoneRevealModal({ open, orderId, onRevealed, onClose }: Props) {
  const { t } = useTranslation();
  const reveal = useRevealWorkOrderPhone(orderId);
  const errorText = useErrorText();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('workOrders.site.revealTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'wo-phone-submit' } as never}
      confirmLoading={reveal.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          reveal.mutate(reason.trim(), {
            onSuccess: (r) => onRevealed(r.phone),
            onError: (e) => {
              if (!applyServerErrors(form, e)) form.setFields([{ name: 'reason', errors: [errorText(e)] }]);
            },
          })
        }
      >
        <Form.Item
          name="reason"
          label={t('workOrders.site.revealReason')}
          rules={[{ required: true, whitespace: true, min: 2 }, { max: 200 }]}
        >
          <Input autoFocus placeholder={t('workOrders.site.revealReasonHint')} data-testid="wo-phone-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
