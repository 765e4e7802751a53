import { MEMBER_CLASSES, type MemberClass } from '@anju/contracts/club';
import { App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnrolMember } from '../../api/club';
import { useErrorText } from '../../lib/errorText';
import { CustomerPicker } from '../customers/CustomerPicker';

/** Enrols a customer picked by name, mobile or unit; the class follows the customer's kinds unless staff give one. */
export function EnrolModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const enrol = useEnrolMember();
  const [customerId, setCustomerId] = useState<string>();
  const [klass, setKlass] = useState<MemberClass>();
  const onOk = () => {
    if (!customerId) return;
    enrol.mutate(
      { customerId, class: klass },
      {
        onSuccess: (m) => {
          onClose();
          modal.success({ title: t('club.enrol.done', { cardNo: m.cardNo }) });
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('club.enrol.title')}
      onCancel={onClose}
      onOk={onOk}
      okText={t('club.enrol.submit')}
      okButtonProps={{ disabled: !customerId, 'data-testid': 'club-enrol-ok' } as never}
      confirmLoading={enrol.isPending}
    >
      <Form layout="vertical">
        <Form.Item label={t('club.enrol.customer')} required>
          <CustomerPicker value={customerId} onChange={setCustomerId} excludeId="" testId="club-enrol-customer" />
        </Form.Item>
        <Form.Item label={t('club.enrol.class')}>
          <Select<MemberClass | undefined>
            allowClear
            placeholder={t('club.enrol.classAuto')}
            value={klass}
            onChange={setKlass}
            options={MEMBER_CLASSES.map((value) => ({ value, label: t(`club.classes.${value}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
