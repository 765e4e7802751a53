import type { AcceptanceFinding } from '@anju/contracts/acceptance';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateAcceptanceFinding } from '../../api/acceptance';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { submitOnCtrlEnter } from '../../lib/keys';

export type FindingAction = 'rectify' | 'verify' | 'reopen';

interface Props {
  finding: AcceptanceFinding;
  action: FindingAction;
  onClose: () => void;
}

/** Rectify (the contractor), verify or reopen (staff) a finding with a note; sends the finding's version. */
export function FindingActionModal({ finding, action, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ note?: string }>();
  const update = useUpdateAcceptanceFinding();
  const noteRequired = action !== 'verify';
  const onFinish = ({ note }: { note?: string }) =>
    update.mutate(
      { id: finding.id, action, version: finding.version, note: note?.trim() || null },
      {
        onSuccess: () => {
          message.success(t('acceptance.actionDone'));
          onClose();
        },
        onError: (e) => {
          if (hasCode(e, 'VERSION_CONFLICT')) {
            message.warning(t('acceptance.stale'));
            return onClose();
          }
          if (!applyServerErrors(form, e)) form.setFields([{ name: 'note', errors: [errorText(e)] }]);
        },
      },
    );
  return (
    <Modal
      open
      title={t(`acceptance.actionTitle.${action}`, { unit: finding.unitCode })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`acceptance.${action}`)}
      okButtonProps={{ 'data-testid': 'finding-action-submit', danger: action === 'reopen' } as never}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <p>{finding.description}</p>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="note"
          label={t('acceptance.note')}
          rules={[{ required: noteRequired, whitespace: true }, { max: 500 }]}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            onKeyDown={submitOnCtrlEnter(() => form.submit())}
            data-testid="finding-action-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
