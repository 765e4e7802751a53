import type { WorkOrder } from '@anju/contracts';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateWorkOrder } from '../../api/workOrders';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { isConflict } from './workOrderActions';

interface Props {
  order: WorkOrder;
  action: 'progress' | 'done';
  onClose: () => void;
}

/** Reports progress or completion with a note; a 409 closes the modal and the list reloads. */
export function WorkOrderNoteModal({ order, action, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const update = useUpdateWorkOrder();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const onFinish = ({ note }: { note: string }) =>
    update.mutate(
      { id: order.id, action, version: order.version, note: note.trim() },
      {
        onSuccess: () => {
          message.success(t(action === 'done' ? 'workOrders.doneSaved' : 'workOrders.progressSaved'));
          onClose();
        },
        onError: (e) => {
          if (isConflict(e)) {
            message.warning(t('workOrders.conflictReloaded', { error: errorText(e) }));
            onClose();
            return;
          }
          applyServerErrors(form, e);
          message.error(errorText(e));
        },
      },
    );

  const label = t(action === 'done' ? 'workOrders.resultNote' : 'workOrders.progressNote');
  return (
    <Modal
      open
      title={t(action === 'done' ? 'workOrders.doneTitle' : 'workOrders.progressTitle', { name: order.title })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={520}
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ note: '' }}>
        <Form.Item
          name="note"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 2000, message: t('validation.maxLength', { max: 2000 }) },
          ]}
        >
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="wo-note" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t(action === 'done' ? 'workOrders.done' : 'workOrders.progress')}
          loading={update.isPending}
          testId="wo-note-submit"
        />
      </Form>
    </Modal>
  );
}
