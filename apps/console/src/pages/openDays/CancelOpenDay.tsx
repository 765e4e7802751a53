import type { OpenDayDetail } from '@anju/contracts/open-days';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenDayCancel } from '../../api/openDays';
import { useErrorText } from '../../lib/errors';

/** Calls off a planned open day with a reason (journeys.manage); the registered buyers who consented get an SMS. */
export function CancelOpenDay({ day }: { day: OpenDayDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useOpenDayCancel();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const submit = ({ reason }: { reason: string }) =>
    cancel.mutate(
      { id: day.id, version: day.version, reason: reason.trim() },
      {
        onSuccess: () => {
          message.success(t('openDays.cancelled'));
          setOpen(false);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="open-day-cancel">
        {t('openDays.cancel')}
      </Button>
      <Modal
        open={open}
        title={t('openDays.cancelTitle', { title: day.title })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('openDays.cancelConfirm')}
        okButtonProps={{ danger: true, loading: cancel.isPending, ...{ 'data-testid': 'open-day-cancel-confirm' } }}
        destroyOnHidden
      >
        <p>{t('openDays.cancelHint', { n: day.registered })}</p>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('openDays.cancelReason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount autoFocus data-testid="open-day-cancel-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
