import { App, Form, Input, InputNumber, Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { type UpdateClubSettingsBody, useClubSettings, useUpdateClubSettings } from '../../api/club';
import { ErrorAlert } from '../../components/ErrorState';
import { useErrorText } from '../../lib/errorText';
import { applyServerErrors } from '../../lib/formErrors';

type Values = { name: string; approvalThreshold: number; expiryYears: number | null; referralDiscountNote: string };

/** The club's name, the approval threshold of manual adjustments, the points expiry plan and the referral note. */
export function SettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useClubSettings();
  const save = useUpdateClubSettings();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const s = settings.data;
  const onFinish = (v: Values) => {
    if (!s) return;
    const body: UpdateClubSettingsBody = {
      name: v.name,
      approvalThreshold: v.approvalThreshold,
      expiryYears: v.expiryYears ?? null,
      referralDiscountNote: v.referralDiscountNote?.trim() ? v.referralDiscountNote.trim() : null,
      version: s.version,
    };
    save.mutate(body, {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
      onError: (e) => {
        if (!applyServerErrors(form, e)) message.error(errorText(e));
      },
    });
  };
  return (
    <Modal
      open
      title={t('club.settings.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'club-settings-save', disabled: !s } as never}
      destroyOnHidden
    >
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => settings.refetch()} />}
      {!s ? (
        settings.isPending && <Spin />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            name: s.name,
            approvalThreshold: s.approvalThreshold,
            expiryYears: s.expiryYears,
            referralDiscountNote: s.referralDiscountNote ?? '',
          }}
        >
          <Form.Item
            name="name"
            label={t('club.settings.name')}
            rules={[{ required: true, whitespace: true, max: 60 }]}
          >
            <Input maxLength={60} data-testid="club-settings-name" />
          </Form.Item>
          <Form.Item
            name="approvalThreshold"
            label={t('club.settings.threshold')}
            extra={t('club.settings.thresholdHint')}
            rules={[{ required: true }]}
          >
            <InputNumber<number> min={0} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="expiryYears" label={t('club.settings.expiryYears')} extra={t('club.settings.expiryHint')}>
            <InputNumber<number>
              min={1}
              max={10}
              precision={0}
              placeholder={t('club.settings.never')}
              style={{ width: 160 }}
              data-testid="club-settings-expiry"
            />
          </Form.Item>
          <Form.Item
            name="referralDiscountNote"
            label={t('club.settings.referralNote')}
            extra={t('club.settings.referralHint')}
            rules={[{ max: 200 }]}
          >
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
