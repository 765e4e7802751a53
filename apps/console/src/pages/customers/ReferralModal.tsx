import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Outcome, useAddReferral } from '../../api/customers';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { CustomerPicker } from './CustomerPicker';
import { OUTCOMES } from './ReferralOutcome';
import { ProjectSelect } from './UnitPicker';

interface Values {
  referredId: string;
  projectId?: string;
  outcome: Outcome;
  note?: string;
}

/** Records that this customer brought someone in (for a project, optionally) and how far they got. */
export function ReferralModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const add = useAddReferral(customerId);
  const { message } = App.useApp();
  const errorText = useErrorText();

  const onFinish = (v: Values) =>
    add.mutate(
      { referredId: v.referredId, projectId: v.projectId ?? null, outcome: v.outcome, note: v.note?.trim() || null },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e, { RELATION_INVALID: 'referredId' });
          message.error(errorText(e));
        },
      },
    );

  return (
    <Modal open title={t('customers.addReferral')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ outcome: 'referred' }}>
        <Form.Item name="referredId" label={t('customers.referredPerson')} rules={[{ required: true }]}>
          <CustomerPicker excludeId={customerId} testId="referral-person" />
        </Form.Item>
        <Form.Item name="projectId" label={t('customers.project')}>
          <ProjectSelect testId="referral-project" />
        </Form.Item>
        <Form.Item name="outcome" label={t('customers.outcome')}>
          <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`customers.outcomes.${o}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('customers.note')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <FormFooter onCancel={onClose} submitText={t('common.save')} loading={add.isPending} testId="referral-submit" />
      </Form>
    </Modal>
  );
}
