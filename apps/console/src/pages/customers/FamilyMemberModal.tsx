import type { Customer } from '@anju/contracts';
import { FAMILY_RELATIONS } from '@anju/contracts';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAddFamilyMember } from '../../api/customers';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { CustomerPicker } from './CustomerPicker';

interface Values {
  memberId: string;
  relation: (typeof FAMILY_RELATIONS)[number];
  unitId?: string;
  consentSource: string;
}

/** Registers another customer as a family member of this owner, with where their consent came from. */
export function FamilyMemberModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const add = useAddFamilyMember(customer.id);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const homes = customer.homesDetail.filter((h) => h.role === 'owner');

  const onFinish = (v: Values) =>
    add.mutate(
      { memberId: v.memberId, relation: v.relation, unitId: v.unitId ?? null, consentSource: v.consentSource.trim() },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e, { RELATION_INVALID: 'memberId', UNIT_NOT_FOUND: 'unitId' });
          message.error(errorText(e));
        },
      },
    );

  return (
    <Modal open title={t('customers.addFamily')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="memberId"
          label={t('customers.member')}
          rules={[{ required: true }]}
          extra={t('customers.memberHint')}
        >
          <CustomerPicker excludeId={customer.id} testId="family-member" />
        </Form.Item>
        <Form.Item name="relation" label={t('customers.relation')} rules={[{ required: true }]}>
          <Select
            options={FAMILY_RELATIONS.map((r) => ({ value: r, label: t(`customers.relations.${r}`) }))}
            data-testid="family-relation"
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('customers.forHome')}>
          <Select
            allowClear
            placeholder={t('customers.anyHome')}
            options={homes.map((h) => ({ value: h.unitId, label: `${h.projectName} ${h.unitCode}` }))}
          />
        </Form.Item>
        <Form.Item
          name="consentSource"
          label={t('customers.consentSource')}
          rules={[{ required: true, whitespace: true }, { max: 60 }]}
          extra={t('customers.consentSourceHint')}
        >
          <Input data-testid="family-consent" />
        </Form.Item>
        <FormFooter onCancel={onClose} submitText={t('common.save')} loading={add.isPending} testId="family-submit" />
      </Form>
    </Modal>
  );
}
