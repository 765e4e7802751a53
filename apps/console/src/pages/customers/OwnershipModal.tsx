import { App, Form, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAddOwnership } from '../../api/customers';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyFieldErrors, applyServerErrors } from '../../lib/formErrors';
import { ProjectSelect, UnitSelect } from './UnitPicker';

interface Values {
  projectId?: string;
  unitId: string;
  sharePercent?: number | null;
  firstVisitDate?: Dayjs | null;
  contractDate?: Dayjs | null;
  deliveryDate?: Dayjs | null;
  moveInDate?: Dayjs | null;
}

export const dayOf = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

/** Links a home to the customer: pick the project, then the unit by its code. */
export function OwnershipModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const add = useAddOwnership(customerId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const projectId = Form.useWatch('projectId', form);

  const onFinish = (v: Values) =>
    add.mutate(
      {
        unitId: v.unitId,
        sharePercent: v.sharePercent ?? null,
        firstVisitDate: dayOf(v.firstVisitDate),
        contractDate: dayOf(v.contractDate),
        deliveryDate: dayOf(v.deliveryDate),
        moveInDate: dayOf(v.moveInDate),
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e, { UNIT_NOT_FOUND: 'unitId' }) || applyFieldErrors(form, e);
          message.error(errorText(e));
        },
      },
    );

  return (
    <Modal open title={t('customers.addHome')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(changed) => {
          if ('projectId' in changed) form.setFieldValue('unitId', undefined);
        }}
      >
        <Form.Item name="projectId" label={t('customers.project')} rules={[{ required: true }]}>
          <ProjectSelect testId="ownership-project" />
        </Form.Item>
        <Form.Item name="unitId" label={t('customers.unit')} rules={[{ required: true }]}>
          <UnitSelect projectId={projectId} testId="ownership-unit" />
        </Form.Item>
        <Form.Item name="sharePercent" label={t('customers.sharePercent')}>
          <InputNumber min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="firstVisitDate" label={t('customers.firstVisitDate')}>
          <DateField style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contractDate" label={t('customers.contractDate')}>
          <DateField style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="deliveryDate" label={t('customers.deliveryDate')} extra={t('customers.deliveryDateHint')}>
          <DateField style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="moveInDate" label={t('customers.moveInDate')}>
          <DateField style={{ width: '100%' }} />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('common.save')}
          loading={add.isPending}
          testId="ownership-submit"
        />
      </Form>
    </Modal>
  );
}
