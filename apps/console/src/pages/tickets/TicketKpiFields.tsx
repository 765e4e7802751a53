import { COMPLAINT_CAUSES, type Ticket, type TicketType } from '@anju/contracts';
import { App, Checkbox, Flex, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateTicket } from '../../api/tickets';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import '../kpiDataStrings';
import type { KpiValues } from './kpiValues';
import { useWriteError } from './ticketErrors';

/** The fields of the ticket's type, for intake and edit forms: leak, drawing mismatch, contractor; or the cause. */
export function KpiFormItems({ type }: { type: TicketType | undefined }) {
  const { t } = useTranslation();
  if (type === 'complaint') {
    return (
      <Form.Item name="complaintCause" label={t('kpiData.complaintCause')} style={{ minWidth: 220 }}>
        <Select
          allowClear
          options={COMPLAINT_CAUSES.map((c) => ({ value: c, label: t(`kpiData.causes.${c}`) }))}
          data-testid="kpi-complaintCause"
        />
      </Form.Item>
    );
  }
  if (type !== 'repair') return null;
  return (
    <Flex gap={16} wrap align="end">
      <Form.Item name="leak" valuePropName="checked">
        <Checkbox data-testid="kpi-leak">{t('kpiData.leak')}</Checkbox>
      </Form.Item>
      <Form.Item name="drawingMismatch" valuePropName="checked">
        <Checkbox data-testid="kpi-drawingMismatch">{t('kpiData.drawingMismatch')}</Checkbox>
      </Form.Item>
      <Form.Item name="responsibleOrgId" label={t('kpiData.responsibleOrg')} style={{ flex: '1 1 240px' }}>
        <OrgUnitTreeSelect
          allowClear
          placeholder={t('kpiData.responsibleOrgHint')}
          selectable={(u) => u.active && u.type === 'contractor'}
          testId="kpi-responsibleOrg"
        />
      </Form.Item>
    </Flex>
  );
}

/** The dialog that edits a ticket's KPI fields (loaded when opened). */
export function KpiEditModal({ ticket: k, onClose }: { ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<KpiValues>();
  const update = useUpdateTicket(k.id);
  const onError = useWriteError();
  const { message } = App.useApp();
  const onFinish = (v: KpiValues) => {
    const body =
      k.type === 'complaint'
        ? { complaintCause: v.complaintCause ?? null }
        : {
            leak: Boolean(v.leak),
            drawingMismatch: Boolean(v.drawingMismatch),
            responsibleOrgId: v.responsibleOrgId ?? null,
          };
    update.mutate(
      { version: k.version, ...body },
      {
        onSuccess: () => {
          message.success(t('kpiData.saved'));
          onClose();
        },
        onError: (e) => onError(e, { form, onStale: onClose }),
      },
    );
  };
  return (
    <Modal
      open
      title={t('kpiData.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'ticket-kpi-save' } as never}
      destroyOnHidden
    >
      <Form<KpiValues>
        form={form}
        layout="vertical"
        initialValues={{
          leak: k.leak,
          drawingMismatch: k.drawingMismatch,
          complaintCause: k.complaintCause,
          responsibleOrgId: k.responsibleOrgId,
        }}
        onFinish={onFinish}
      >
        <KpiFormItems type={k.type} />
      </Form>
    </Modal>
  );
}
