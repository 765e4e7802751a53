import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useClubTiers } from '../../api/club';
import { type Benefit, useUpsertBenefit } from '../../api/clubPartners';
import { DateRangeField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { useTierName } from '../club/tierName';
import './clubPartnerStrings';

interface Values {
  title: string;
  discountText: string;
  tiers: string[];
  validity: [Dayjs, Dayjs];
  quota?: number | null;
  pointsPrice?: number | null;
  voucherDays: number;
  active: boolean;
}

/** Creates a partner's benefit or edits one (with the version read). */
export function BenefitFormModal({
  partnerId,
  benefit,
  onClose,
}: {
  partnerId: string;
  benefit?: Benefit;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upsert = useUpsertBenefit();
  const tiers = useClubTiers();
  const tierName = useTierName();

  const onFinish = (v: Values) => {
    upsert.mutate(
      {
        ...(benefit ? { id: benefit.id, version: benefit.version } : {}),
        partnerId,
        title: v.title.trim(),
        discountText: v.discountText.trim(),
        tiers: v.tiers,
        validFrom: v.validity[0].format('YYYY-MM-DD'),
        validTo: v.validity[1].format('YYYY-MM-DD'),
        quota: v.quota ?? null,
        pointsPrice: v.pointsPrice ?? 0,
        voucherDays: v.voucherDays,
        active: v.active,
      },
      {
        onSuccess: () => {
          message.success(t('clubPartners.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  const initial: Partial<Values> = benefit
    ? {
        title: benefit.title,
        discountText: benefit.discountText,
        tiers: benefit.tiers,
        validity: [dayjs(benefit.validFrom), dayjs(benefit.validTo)],
        quota: benefit.quota,
        pointsPrice: benefit.pointsPrice,
        voucherDays: benefit.voucherDays,
        active: benefit.active,
      }
    : { tiers: [], pointsPrice: 0, voucherDays: 30, active: true };

  return (
    <Modal
      open
      title={t(benefit ? 'clubPartners.edit' : 'clubPartners.addBenefit')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
    >
      <Form<Values> layout="vertical" onFinish={onFinish} initialValues={initial} data-testid="benefit-form">
        <Form.Item name="title" label={t('clubPartners.benefitTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="discountText"
          label={t('clubPartners.discountText')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="tiers" label={t('clubPartners.tiers')}>
          <Select
            mode="multiple"
            placeholder={t('clubPartners.allTiers')}
            options={(tiers.data ?? []).map((tier) => ({ value: tier.code, label: tierName(tier) }))}
          />
        </Form.Item>
        <Form.Item name="validity" label={t('clubPartners.validity')} rules={[{ required: true }]}>
          <DateRangeField />
        </Form.Item>
        <Form.Item name="quota" label={t('clubPartners.quota')}>
          <InputNumber min={0} precision={0} placeholder={t('clubPartners.unlimited')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="pointsPrice" label={t('clubPartners.pointsPrice')}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="voucherDays" label={t('clubPartners.voucherDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('clubPartners.active')}</Checkbox>
        </Form.Item>
        <FormFooter onCancel={onClose} submitText={t('common.save')} loading={upsert.isPending} testId="benefit-save" />
      </Form>
    </Modal>
  );
}
