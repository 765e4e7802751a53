import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCreateCustomer } from '../../api/customers';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { applyServerErrors } from '../../lib/formErrors';

type Values = { name: string; phone: string; gender: string; idNumber?: string; orgUnitId: string };

/** The essentials of a new customer; the rest is edited on the 360 page or imported. */
export function CustomerCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateCustomer();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = (v: Values) =>
    create.mutate(
      {
        name: v.name,
        gender: v.gender,
        phones: [{ phone: v.phone, isPrimary: true }],
        idNumber: v.idNumber || null,
        orgUnitId: v.orgUnitId,
      },
      {
        onSuccess: ({ customer, duplicates }) => {
          if (duplicates.length)
            message.warning(t('customers.duplicatesFound', { names: duplicates.map((d) => d.name).join('、') }));
          onClose();
          navigate(`/customers/${customer.id}`);
        },
        onError: (e) => applyServerErrors(form, e, { ID_NUMBER_INVALID: 'idNumber' }),
      },
    );
  return (
    <Modal
      open
      title={t('customers.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ gender: 'unknown' }}>
        <Form.Item name="name" label={t('customers.name')} rules={[{ required: true }, { max: 20 }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('customers.phone')}
          rules={[{ required: true }, { pattern: /^(\+?86[- ]?)?1[3-9]\d{9}$/, message: t('customers.badMobile') }]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="gender" label={t('customers.gender')}>
          <Select
            options={(['male', 'female', 'unknown'] as const).map((g) => ({
              value: g,
              label: t(`customers.genders.${g}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="idNumber" label={t('customers.idNumber')}>
          <Input />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('customers.registeredAt')} rules={[{ required: true }]}>
          <OrgUnitTreeSelect selectable={(u) => u.type !== 'department'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
