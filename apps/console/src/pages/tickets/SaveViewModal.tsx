import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { type TicketView, useSaveTicketView } from '../../api/ticketViews';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/formErrors';

/** Saves the queue's filters under a name (an existing name replaces that view). */
export function SaveViewModal({
  views,
  query,
  initialName,
  onClose,
}: {
  views: TicketView[];
  query: Record<string, string>;
  initialName?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ name: string }>();
  const name = Form.useWatch('name', form)?.trim();
  const save = useSaveTicketView();
  const replaces = views.some((v) => v.name === name);
  const onFinish = ({ name }: { name: string }) =>
    save.mutate(
      { name: name.trim(), query },
      {
        onSuccess: (view) => {
          message.success(t('tickets.views.saved', { name: view.name }));
          onClose();
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          message.error(errorText(e));
        },
      },
    );
  return (
    <Modal open title={t('tickets.views.save')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ name: initialName }} autoComplete="off">
        <Form.Item
          name="name"
          label={t('tickets.views.name')}
          rules={[{ required: true, whitespace: true }, { max: 40 }]}
          extra={replaces ? t('tickets.views.replaces') : t('tickets.views.nameHint')}
        >
          <Input autoFocus maxLength={40} data-testid="views-name" />
        </Form.Item>
        <FormFooter onCancel={onClose} submitText={t('common.save')} loading={save.isPending} testId="views-submit" />
      </Form>
    </Modal>
  );
}
