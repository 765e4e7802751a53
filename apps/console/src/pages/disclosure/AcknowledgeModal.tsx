import type { DisclosurePack } from '@anju/contracts/disclosure';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAcknowledgeDisclosure } from '../../api/disclosure';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { CustomerPicker } from '../customers/CustomerPicker';

interface Props {
  /** The latest list copy of the pack (after a stale answer it carries the new version). */
  pack: DisclosurePack;
  onClose: () => void;
}

/** Records at the sales office that a buyer read and acknowledged the pack's current version. */
export function AcknowledgeModal({ pack, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ customerId: string }>();
  const acknowledge = useAcknowledgeDisclosure();
  const [stale, setStale] = useState(false);

  const onFinish = ({ customerId }: { customerId: string }) => {
    setStale(false);
    acknowledge.mutate(
      { projectId: pack.projectId, customerId, version: pack.version },
      {
        onSuccess: () => {
          message.success(t('disclosure.ackDone'));
          onClose();
        },
        onError: (e) => {
          if (hasCode(e, 'DISCLOSURE_VERSION_STALE')) return setStale(true);
          if (!applyServerErrors(form, e, { CUSTOMER_NOT_FOUND: 'customerId' }))
            form.setFields([{ name: 'customerId', errors: [errorText(e)] }]);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('disclosure.ackTitle', { project: pack.projectName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('disclosure.acknowledge')}
      okButtonProps={{ 'data-testid': 'ack-submit' } as never}
      confirmLoading={acknowledge.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong data-testid="ack-version">
          {t('disclosure.ackVersion', { n: pack.version })}
        </Typography.Text>
        <br />
        <Typography.Text type="secondary">{t('disclosure.ackHint')}</Typography.Text>
      </Typography.Paragraph>
      {stale && <Alert type="warning" showIcon title={t('disclosure.ackStale')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="customerId" label={t('disclosure.customer')} rules={[{ required: true }]}>
          <CustomerPicker excludeId="" testId="ack-customer" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
