import type { Customer, OwnershipEndReason } from '@anju/contracts';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useEndOwnership } from '../../api/customers';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { useEnumOptions } from '../../lib/enumOptions';
import { useErrorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { applyFieldErrors } from '../../lib/formErrors';

type Home = Customer['homesDetail'][number];

interface Values {
  reason: OwnershipEndReason;
  endedOn: Dayjs;
  note?: string;
}

/** Today's calendar date in China, `YYYY-MM-DD` (the server refuses a later one). */
const todayInChina = () => formatDateTime(new Date().toISOString()).slice(0, 10);

/**
 * Ends one of the customer's homes: why (resold, transferred, contract cancelled, entered by mistake), on which day
 * (today by default, never later, never before the contract) and an optional note. Enter in the note submits.
 */
export function EndOwnershipModal({
  customerId,
  home,
  onClose,
}: {
  customerId: string;
  home: Home & { ownershipId: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const end = useEndOwnership(customerId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const options = useEnumOptions();
  const today = todayInChina();

  const onFinish = (v: Values) =>
    end.mutate(
      {
        ownershipId: home.ownershipId,
        reason: v.reason,
        endedOn: v.endedOn.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
      },
      {
        onSuccess: () => {
          message.success(t('customers.ownershipEnded'));
          onClose();
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          message.error(errorText(e));
        },
      },
    );

  const outOfRange = (d: Dayjs) => {
    const day = d.format('YYYY-MM-DD');
    return day > today || (home.contractDate !== null && day < home.contractDate);
  };

  return (
    <Modal
      open
      title={t('customers.endOwnershipTitle', { project: home.projectName, unit: home.unitCode })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('customers.endOwnershipWarning')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ endedOn: dayjs(today) }}
        autoComplete="off"
      >
        <Form.Item name="reason" label={t('customers.endReason')} rules={[{ required: true }]}>
          <Select
            autoFocus
            options={options('ownershipEndReason')}
            placeholder={t('customers.endReason')}
            data-testid="end-ownership-reason"
          />
        </Form.Item>
        <Form.Item
          name="endedOn"
          label={t('customers.endedOn')}
          extra={t('customers.endedOnHint')}
          rules={[{ required: true }]}
        >
          <DateField style={{ width: '100%' }} disabledDate={outOfRange} allowClear={false} />
        </Form.Item>
        <Form.Item name="note" label={t('customers.note')} rules={[{ max: 200 }]}>
          <Input maxLength={200} data-testid="end-ownership-note" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('customers.endOwnership')}
          loading={end.isPending}
          testId="end-ownership-submit"
        />
      </Form>
    </Modal>
  );
}
