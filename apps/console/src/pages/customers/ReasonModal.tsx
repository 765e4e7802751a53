import { Alert, Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter';

export type ReasonValues = { reason: string; confirm?: string } & Record<string, unknown>;

interface Props {
  title: ReactNode;
  /** What will happen, shown as a warning above the fields. */
  warning: ReactNode;
  submitText: ReactNode;
  loading: boolean;
  onSubmit: (values: ReasonValues, form: ReturnType<typeof Form.useForm<ReasonValues>>[0]) => void;
  onClose: () => void;
  /** When set, the user must also type this (e.g. the customer's name) to confirm. */
  confirmPhrase?: string;
  /** Extra fields above the reason. */
  children?: ReactNode;
  testId: string;
}

/** A destructive or sensitive action that needs a typed reason (kept in the audit log), optionally a typed name. */
export function ReasonModal({
  title,
  warning,
  submitText,
  loading,
  onSubmit,
  onClose,
  confirmPhrase,
  children,
  testId,
}: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReasonValues>();
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Form<ReasonValues> form={form} layout="vertical" onFinish={(v) => onSubmit(v, form)} autoComplete="off">
        {children}
        <Form.Item
          name="reason"
          label={t('customers.auditReason')}
          rules={[{ required: true, whitespace: true }, { min: 2 }, { max: 200 }]}
        >
          <Input.TextArea rows={2} autoFocus={!children} data-testid={`${testId}-reason`} />
        </Form.Item>
        {confirmPhrase && (
          <Form.Item
            name="confirm"
            label={t('customers.typeToConfirm', { phrase: confirmPhrase })}
            rules={[
              {
                validator: async (_, value?: string) => {
                  if (value?.trim() !== confirmPhrase) throw new Error(t('customers.confirmMismatch'));
                },
              },
            ]}
          >
            <Input data-testid={`${testId}-confirm`} />
          </Form.Item>
        )}
        <FormFooter onCancel={onClose} submitText={submitText} loading={loading} testId={`${testId}-submit`} />
      </Form>
    </Modal>
  );
}
