import type { Ticket } from '@anju/contracts';
import { Alert, App, Button, Flex, Form, Input, Rate, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordCallback } from '../../api/tickets';
import { submitOnCtrlEnter } from '../../lib/keys';
import { useWriteError } from './ticketErrors';

interface Values {
  outcome: 'answered' | 'unanswered';
  method: 'phone' | 'sms_link' | 'visit';
  score?: number;
  comment?: string;
}

const METHODS = ['phone', 'sms_link', 'visit'] as const;

/** Records the callback of a closed ticket: a score 1–5 with a comment, or an unanswered attempt. */
export function CallbackForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const record = useRecordCallback(ticket.id);
  const onError = useWriteError();
  const { message } = App.useApp();
  const outcome = Form.useWatch('outcome', form) ?? 'answered';
  const score = Form.useWatch('score', form);
  const onFinish = (v: Values) =>
    record.mutate(
      v.outcome === 'answered'
        ? { outcome: 'answered', method: v.method, score: v.score ?? 0, comment: v.comment?.trim() || undefined }
        : { outcome: 'unanswered', method: v.method },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t('tickets.callback.recorded'));
        },
        onError: (e) => onError(e, { form }),
      },
    );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ outcome: 'answered', method: 'phone' }}
      onFinish={onFinish}
      onKeyDown={submitOnCtrlEnter(() => form.submit())}
      autoComplete="off"
    >
      <Flex gap={12} wrap>
        <Form.Item name="outcome" label={t('tickets.callback.outcome')}>
          <Segmented
            options={[
              { value: 'answered', label: t('tickets.callback.answered') },
              { value: 'unanswered', label: t('tickets.callback.unanswered') },
            ]}
            data-testid="callback-outcome"
          />
        </Form.Item>
        <Form.Item name="method" label={t('tickets.callback.method')}>
          <Select
            style={{ width: 140 }}
            options={METHODS.map((m) => ({ value: m, label: t(`tickets.callback.methods.${m}`) }))}
          />
        </Form.Item>
      </Flex>
      {outcome === 'answered' && (
        <>
          <Form.Item name="score" label={t('tickets.callback.score')} rules={[{ required: true }]}>
            <Rate data-testid="callback-score" />
          </Form.Item>
          {score !== undefined && score <= 2 && (
            <Alert type="warning" showIcon title={t('tickets.callback.lowScore')} style={{ marginBottom: 12 }} />
          )}
          <Form.Item name="comment" label={t('tickets.callback.comment')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} data-testid="callback-comment" />
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="callback-submit">
        {t('tickets.callback.submit')}
      </Button>
    </Form>
  );
}
