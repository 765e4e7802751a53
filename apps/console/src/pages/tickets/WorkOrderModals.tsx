import type { WorkOrder } from '@anju/contracts';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateWorkOrder, useUpdateWorkOrder } from '../../api/tickets';
import { FormFooter } from '../../components/FormFooter';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useWriteError } from './ticketErrors';
import { WatchListAlert } from './WatchListAlert';

export type CrAction = 'confirm' | 'reject' | 'cancel';

/** A new work order for a department or contractor; its own clock starts. */
export function WorkOrderCreateModal({ ticketId, onClose }: { ticketId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; assigneeOrgId: string }>();
  const create = useCreateWorkOrder(ticketId);
  const assigneeOrgId = Form.useWatch('assigneeOrgId', form);
  const onError = useWriteError();
  const { message } = App.useApp();
  const onFinish = (v: { title: string; assigneeOrgId: string }) =>
    create.mutate(
      { title: v.title.trim(), assigneeOrgId: v.assigneeOrgId },
      {
        onSuccess: () => {
          message.success(t('common.created'));
          onClose();
        },
        onError: (e) => onError(e, { form, onStale: onClose }),
      },
    );
  return (
    <Modal open title={t('tickets.workOrders.create')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
        <Form.Item
          name="title"
          label={t('tickets.workOrders.titleField')}
          rules={[{ required: true, whitespace: true }, { max: 200 }]}
        >
          <Input autoFocus data-testid="wo-title" />
        </Form.Item>
        <Form.Item name="assigneeOrgId" label={t('tickets.workOrders.assignee')} rules={[{ required: true }]}>
          <OrgUnitTreeSelect
            placeholder={t('tickets.workOrders.assigneeHint')}
            selectable={(u) => u.type === 'department' || u.type === 'contractor'}
            testId="wo-assignee"
          />
        </Form.Item>
        <WatchListAlert orgUnitId={assigneeOrgId} />
        <FormFooter onCancel={onClose} submitText={t('common.create')} loading={create.isPending} testId="wo-submit" />
      </Form>
    </Modal>
  );
}

/** Confirm, reject (send back) or cancel a work order, with an optional note; sends the order's version. */
export function WorkOrderActionModal({
  ticketId,
  order,
  action,
  onClose,
}: {
  ticketId: string;
  order: WorkOrder;
  action: CrAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const update = useUpdateWorkOrder(ticketId);
  const onError = useWriteError();
  const { message } = App.useApp();
  const onFinish = (v: { note?: string }) =>
    update.mutate(
      { workOrderId: order.id, action, version: order.version, note: v.note?.trim() || undefined },
      {
        onSuccess: () => {
          message.success(t('tickets.workOrders.updated'));
          onClose();
        },
        onError: (e) => onError(e, { form, onStale: onClose }),
      },
    );
  return (
    <Modal
      open
      title={`${t(`tickets.workOrders.actions.${action}`)} · #${order.seq} ${order.title}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
        <Form.Item
          name="note"
          label={action === 'reject' ? t('tickets.workOrders.rejectNote') : t('tickets.fields.note')}
          rules={[{ required: action === 'reject', whitespace: true }, { max: 2000 }]}
        >
          <Input autoFocus data-testid="wo-action-note" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t(`tickets.workOrders.actions.${action}`)}
          loading={update.isPending}
          testId="wo-action-submit"
        />
      </Form>
    </Modal>
  );
}
