import { CONSENT_CHANNELS, type Customer, DECLARABLE_KINDS, ID_TYPES, SOURCE_CHANNELS } from '@anju/contracts';
import { Alert, App, Checkbox, Divider, Drawer, Form, type FormRule, Input, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateCustomer } from '../../api/customers';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { changedConsents, diff, type EditValues, valuesOf } from './customerForm';
import { PhonesEditor, phonesRule } from './PhonesEditor';

/** `customer` is the page's latest copy, so after a 409 and refetch it carries the new version. */
export function CustomerEditDrawer({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateCustomer(customer.id);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState<string | null>(null);

  // after a 409 the customer is refetched: show what is stored now before the user retries
  useEffect(() => {
    if (conflict) form.setFieldsValue(valuesOf(customer));
  }, [form, customer, conflict]);

  const onFinish = (v: EditValues) => {
    const body = diff(customer, v);
    if (Object.keys(body).length === 1) return onClose();
    setConflict(null);
    update.mutate(body, {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
      onError: (e) => {
        if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(errorText(e));
        applyServerErrors(form, e, { ID_NUMBER_INVALID: 'idNumber' });
        message.error(errorText(e));
      },
    });
  };

  const consentSourceRule: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value?: string) => {
      if (changedConsents(customer, getFieldValue('consents')).length && !value?.trim())
        throw new Error(t('customers.consentSourceRequired'));
    },
  });

  return (
    <Drawer open title={t('customers.editTitle', { name: customer.name })} onClose={onClose} size={600} destroyOnHidden>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('customers.conflictReloaded')}
          style={{ marginBottom: 16 }}
          data-testid="customer-conflict"
        />
      )}
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={valuesOf(customer)}
        autoComplete="off"
      >
        <Form.Item name="name" label={t('customers.name')} rules={[{ required: true, whitespace: true }, { max: 20 }]}>
          <Input autoFocus data-testid="customer-name" />
        </Form.Item>
        <Form.Item name="gender" label={t('customers.gender')}>
          <Select
            options={(['male', 'female', 'unknown'] as const).map((g) => ({
              value: g,
              label: t(`customers.genders.${g}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="phones" label={t('customers.phones')} rules={[phonesRule(t)]}>
          <PhonesEditor current={customer.phones} />
        </Form.Item>
        <Form.Item name="birthday" label={t('customers.birthday')}>
          <DateField style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="email" label={t('customers.email')} rules={[{ type: 'email' }, { max: 120 }]}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="wechatId" label={t('customers.wechatId')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('customers.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idType" label={t('customers.idType')}>
          <Select allowClear options={ID_TYPES.map((x) => ({ value: x, label: t(`customers.idTypes.${x}`) }))} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('customers.idNumber')}
          rules={[{ max: 40 }]}
          extra={customer.idNumberMasked ? t('customers.idNumberKeep', { masked: customer.idNumberMasked }) : undefined}
        >
          <Input placeholder={customer.idNumberMasked ?? undefined} data-testid="customer-idNumber" />
        </Form.Item>
        <Form.Item name="sourceChannel" label={t('customers.sourceChannel')}>
          <Select
            allowClear
            options={SOURCE_CHANNELS.map((x) => ({ value: x, label: t(`customers.sourceChannels.${x}`) }))}
          />
        </Form.Item>
        <Form.Item name="declaredKinds" label={t('customers.declaredKinds')}>
          <Checkbox.Group options={DECLARABLE_KINDS.map((k) => ({ value: k, label: t(`customers.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('customers.tags')} rules={[{ type: 'array', max: 30 }]}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Divider>{t('customers.contactPrefs')}</Divider>
        <Form.Item
          name="doNotContact"
          label={t('customers.doNotContact')}
          valuePropName="checked"
          extra={t('customers.doNotContactHint')}
        >
          <Switch data-testid="customer-doNotContact" />
        </Form.Item>
        {CONSENT_CHANNELS.map((ch) => (
          <Form.Item
            key={ch}
            name={['consents', ch]}
            label={t('customers.consentFor', { channel: t(`enums.consentChannel.${ch}`) })}
            valuePropName="checked"
          >
            <Switch data-testid={`customer-consent-${ch}`} />
          </Form.Item>
        ))}
        <Form.Item
          name="consentSource"
          label={t('customers.consentSource')}
          dependencies={CONSENT_CHANNELS.map((ch) => ['consents', ch])}
          rules={[consentSourceRule, { max: 60 }]}
          extra={t('customers.consentChangeHint')}
        >
          <Input data-testid="customer-consentSource" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('common.save')}
          loading={update.isPending}
          testId="customer-submit"
        />
      </Form>
    </Drawer>
  );
}
