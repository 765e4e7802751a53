import { EyeOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRevealField } from '../../api/customers';
import { applyServerErrors } from '../../lib/formErrors';
import { useCan } from '../../lib/permissions';

type Props = { customerId: string; field: 'phone' | 'idNumber'; phoneId?: string; masked: string };

/** Shows a masked value; a role that may reveal gives a reason (audited) and sees the full value until it leaves. */
export function RevealButton({ customerId, field, phoneId, masked }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const reveal = useRevealField(customerId);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (value)
    return (
      <Typography.Text copyable data-testid="revealed-value">
        {value}
      </Typography.Text>
    );
  return (
    <Space>
      <span>{masked}</span>
      {can('customers.reveal') && (
        <Button
          size="small"
          icon={<EyeOutlined />}
          onClick={() => setOpen(true)}
          data-testid={`customer-reveal-${field}`}
        >
          {t('customers.reveal')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('customers.revealTitle')}
        onCancel={() => setOpen(false)}
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
                onSuccess: (r) => {
                  setValue(r.value);
                  setOpen(false);
                },
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
    </Space>
  );
}
