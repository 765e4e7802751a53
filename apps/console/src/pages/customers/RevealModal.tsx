import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRevealField } from '../../api/customers';
import { applyServerErrors } from '../../lib/formErrors';

interface Props {
  open: boolean;
  customerId: string;
  field: 'phone' | 'idNumber';
  phoneId?: string;
  onRevealed: (value: string) => void;
  onClose: () => void;
}

/** Asks for the reason (audited) and reveals the full value. */
export function RevealModal({ open, customerId, field, phoneId, onRevealed, onClose }: Props) {
  const { t } = useTranslation();
  const reveal = useRevealField(customerId);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('customers.revealTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'reveal-submit' } as never}
      confirmLoading={reveal.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          reveal.mutate(
            { field, phoneId, reason },
            {
              onSuccess: (r) => onRevealed(r.value),
              onError: (e) => applyServerErrors(form, e),
            },
          )
        }
      >
        <Form.Item name="reason" label={t('customers.revealReason')} rules={[{ required: true, min: 2 }]}>
          <Input autoFocus data-testid="reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
