import { Form, Input, Modal } from 'antd';
import { useErrorText } from '../lib/errors';
import { applyServerErrors } from '../lib/formErrors';

interface Props {
  open: boolean;
  title: string;
  reasonLabel: string;
  reasonHint?: string;
  /** `<prefix>-reason` on the field, `<prefix>-submit` on the button */
  testIdPrefix: string;
  pending: boolean;
  /** Does the audited act with the reason given; an error is shown on the field. */
  submit: (reason: string, callbacks: { onError: (e: unknown) => void }) => void;
  onClose: () => void;
}

/** Asks why before an audited act (revealing a phone or an ID number): a reason of 2–200 characters. */
export function ReasonModal({ open, title, reasonLabel, reasonHint, testIdPrefix, pending, submit, onClose }: Props) {
  const errorText = useErrorText();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': `${testIdPrefix}-submit` } as never}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          submit(reason.trim(), {
            onError: (e) => {
              if (!applyServerErrors(form, e)) form.setFields([{ name: 'reason', errors: [errorText(e)] }]);
            },
          })
        }
      >
        <Form.Item
          name="reason"
          label={reasonLabel}
          rules={[{ required: true, whitespace: true, min: 2 }, { max: 200 }]}
        >
          <Input autoFocus placeholder={reasonHint} data-testid={`${testIdPrefix}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
