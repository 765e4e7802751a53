import { App, Button, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAddTicketNote } from '../../api/tickets';
import { submitOnCtrlEnter } from '../../lib/keys';
import { useWriteError } from './ticketErrors';

interface Values {
  body: string;
  visibility: 'internal' | 'customer';
}

/** An internal note, or an update the customer sees (which counts as our first response). Ctrl+Enter saves. */
export function NoteForm({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const add = useAddTicketNote(ticketId);
  const onError = useWriteError();
  const { message } = App.useApp();
  const visibility = Form.useWatch('visibility', form);
  const onFinish = (v: Values) =>
    add.mutate(
      { body: v.body.trim(), visibility: v.visibility },
      {
        onSuccess: () => {
          form.resetFields(['body']);
          message.success(t('tickets.notes.added'));
        },
        onError: (e) => onError(e, { form }),
      },
    );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ visibility: 'internal' }}
      onFinish={onFinish}
      onKeyDown={submitOnCtrlEnter(() => form.submit())}
      autoComplete="off"
    >
      <Form.Item name="body" rules={[{ required: true, whitespace: true }, { max: 4000 }]} style={{ marginBottom: 8 }}>
        <Input.TextArea
          rows={2}
          placeholder={t('tickets.notes.placeholder')}
          data-testid="note-body"
          aria-label={t('tickets.notes.title')}
        />
      </Form.Item>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8}>
          <Form.Item name="visibility" noStyle>
            <Segmented
              options={[
                { value: 'internal', label: t('tickets.notes.internal') },
                { value: 'customer', label: t('tickets.notes.customer') },
              ]}
              data-testid="note-visibility"
            />
          </Form.Item>
          {visibility === 'customer' && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('tickets.notes.customerHint')}
            </Typography.Text>
          )}
        </Flex>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="note-submit">
          {t('tickets.notes.add')}
        </Button>
      </Flex>
    </Form>
  );
}
