import type { Customer } from '@anju/contracts';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMergeCustomers } from '../../api/customers';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { CustomerPicker } from './CustomerPicker';
import { ReasonModal } from './ReasonModal';

/** Folds this customer (a duplicate) into the record that stays; then opens that record. */
export function MergeModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const merge = useMergeCustomers();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  return (
    <ReasonModal
      title={t('customers.mergeTitle', { name: customer.name })}
      warning={t('customers.mergeWarning', { name: customer.name })}
      submitText={t('customers.merge')}
      loading={merge.isPending}
      testId="customer-merge"
      onClose={onClose}
      onSubmit={(v, form) =>
        merge.mutate(
          { targetId: v.targetId as string, sourceId: customer.id, reason: v.reason.trim() },
          {
            onSuccess: (target) => {
              message.success(t('customers.merged', { name: target.name }));
              onClose();
              navigate(`/customers/${target.id}`, { replace: true });
            },
            onError: (e) => {
              applyServerErrors(form, e, { MERGE_SAME_CUSTOMER: 'targetId', CUSTOMER_ANONYMISED: 'targetId' });
              message.error(errorText(e));
            },
          },
        )
      }
    >
      <Form.Item
        name="targetId"
        label={t('customers.mergeTarget')}
        rules={[{ required: true }]}
        extra={t('customers.mergeTargetHint')}
      >
        <CustomerPicker excludeId={customer.id} testId="customer-merge-target" />
      </Form.Item>
    </ReasonModal>
  );
}
