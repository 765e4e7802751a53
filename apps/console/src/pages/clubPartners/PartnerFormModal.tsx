import { PARTNER_CATEGORIES } from '@anju/contracts/club-partners';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Partner, type PartnerCategory, useUpsertPartner } from '../../api/clubPartners';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import './clubPartnerStrings';

interface Values {
  name: string;
  category: PartnerCategory;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  description?: string;
  active: boolean;
}

const orNull = (s?: string) => (s?.trim() ? s.trim() : null);

/** Creates a partner or edits one (with the version read); closes with the partner's id. */
export function PartnerFormModal({ partner, onClose }: { partner?: Partner; onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upsert = useUpsertPartner();
  const onFinish = (v: Values) =>
    upsert.mutate(
      {
        ...(partner ? { id: partner.id, version: partner.version } : {}),
        name: v.name.trim(),
        category: v.category,
        contactName: orNull(v.contactName),
        contactPhone: orNull(v.contactPhone),
        address: orNull(v.address),
        description: orNull(v.description),
        active: v.active,
      },
      {
        onSuccess: (saved) => {
          message.success(t('clubPartners.saved'));
          onClose(saved.id);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  const initial: Partial<Values> = partner
    ? {
        name: partner.name,
        category: partner.category,
        contactName: partner.contactName ?? undefined,
        contactPhone: partner.contactPhone ?? undefined,
        address: partner.address ?? undefined,
        description: partner.description ?? undefined,
        active: partner.active,
      }
    : { category: 'decoration', active: true };
  return (
    <Modal
      open
      title={t(partner ? 'clubPartners.edit' : 'clubPartners.create')}
      onCancel={() => onClose()}
      footer={null}
      destroyOnHidden
    >
      <Form<Values> layout="vertical" onFinish={onFinish} initialValues={initial} data-testid="partner-form">
        <Form.Item name="name" label={t('clubPartners.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="category" label={t('clubPartners.category')} rules={[{ required: true }]}>
          <Select
            options={PARTNER_CATEGORIES.map((value) => ({ value, label: t(`clubPartners.categories.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="contactName" label={t('clubPartners.contactName')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('clubPartners.contactPhone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label={t('clubPartners.address')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={t('clubPartners.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('clubPartners.active')}</Checkbox>
        </Form.Item>
        <FormFooter
          onCancel={() => onClose()}
          submitText={t('common.save')}
          loading={upsert.isPending}
          testId="partner-save"
        />
      </Form>
    </Modal>
  );
}
