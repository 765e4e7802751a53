import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordAwardEntry } from '../../api/reports';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useErrorText } from '../../lib/errorText';
import './reportStrings';

interface Values {
  projectId: string;
  title: string;
  awardedOn: string;
}

/** Records a project's first city-level (or higher) professional award of `year` (analytics.manage, audited). */
export function AwardEntryModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const record = useRecordAwardEntry();
  const required = { required: true, message: t('reports.awards.entry.required') };

  const onOk = async () => {
    const values = await form.validateFields();
    record.mutate(
      { year, projectId: values.projectId, title: values.title.trim(), awardedOn: values.awardedOn.trim() },
      {
        onSuccess: () => {
          message.success(t('reports.awards.entry.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <Modal
      open
      title={`${t('reports.awards.entry.title')} · ${year}`}
      okText={t('reports.awards.entry.submit')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'award-entry-submit' }}
    >
      <Form form={form} layout="vertical" data-testid="award-entry-form">
        <Form.Item name="projectId" label={t('reports.awards.entry.project')} rules={[required]}>
          <OrgUnitTreeSelect selectable={(u) => u.type === 'project'} testId="award-entry-project" />
        </Form.Item>
        <Form.Item name="title" label={t('reports.awards.entry.awardTitle')} rules={[required, { min: 2, max: 200 }]}>
          <Input data-testid="award-entry-title" />
        </Form.Item>
        <Form.Item
          name="awardedOn"
          label={t('reports.awards.entry.awardedOn')}
          extra={t('reports.awards.entry.awardedOnHint')}
          rules={[
            required,
            {
              pattern: new RegExp(`^${year}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$`),
              message: t('reports.awards.entry.awardedOnHint'),
            },
          ]}
        >
          <Input placeholder={`${year}-05-20`} data-testid="award-entry-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
