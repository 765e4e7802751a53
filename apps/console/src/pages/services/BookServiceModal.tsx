import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomer } from '../../api/customers';
import { useCreateServiceRequest, useServices } from '../../api/services';
import { useErrorText } from '../../lib/errors';
import { CustomerPicker } from '../customers/CustomerPicker';

/** A customer's homes they own, to choose the one the service is for. */
function HomeSelect({
  customerId,
  value,
  onChange,
}: {
  customerId: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const customer = useCustomer(customerId);
  const homes = (customer.data?.homesDetail ?? []).filter((h) => h.role === 'owner');
  return (
    <Select
      value={value}
      onChange={onChange}
      loading={customer.isLoading}
      data-testid="service-book-home"
      options={homes.map((h) => ({ value: h.unitId, label: `${h.projectName} ${h.unitCode}` }))}
    />
  );
}

/** Staff book a service for a customer's home; answers the new request's id on close. */
export function BookServiceModal({ onClose }: { onClose: (id?: string) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const services = useServices();
  const create = useCreateServiceRequest();
  const [customerId, setCustomerId] = useState<string>();
  const [form] = Form.useForm<{ serviceId: string; unitId: string; note: string }>();
  const en = i18n.language.startsWith('en');
  return (
    <Modal
      open
      title={t('serviceCatalogue.book')}
      onCancel={() => onClose()}
      okButtonProps={{ loading: create.isPending, disabled: !customerId, 'data-testid': 'service-book-ok' } as never}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          customerId &&
          create.mutate(
            { ...v, customerId, note: v.note ?? '' },
            {
              onSuccess: (r) => {
                message.success(t('serviceCatalogue.booked'));
                onClose(r.id);
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item label={t('serviceCatalogue.customer')} required>
          <CustomerPicker value={customerId} onChange={setCustomerId} excludeId="" testId="service-book-customer" />
        </Form.Item>
        {customerId && (
          <Form.Item name="unitId" label={t('serviceCatalogue.home')} rules={[{ required: true }]}>
            <HomeSelect customerId={customerId} />
          </Form.Item>
        )}
        <Form.Item name="serviceId" label={t('serviceCatalogue.service')} rules={[{ required: true }]}>
          <Select
            data-testid="service-book-service"
            options={(services.data ?? [])
              .filter((s) => s.active)
              .map((s) => ({ value: s.id, label: en ? s.nameEn : s.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('serviceCatalogue.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
