import { App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type Cluster, useCreateGroupCase } from '../../api/quality';
import { useErrorText } from '../../lib/errors';
import { StaffSelect } from './StaffSelect';

type Values = { title: string; ownerUserId: string; deadline: Dayjs; summary?: string };

/** Opens a group case from a cluster: its tickets are linked, the owner is told; then the case opens. */
export function OpenCaseModal({ cluster, onClose }: { cluster: Cluster; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const create = useCreateGroupCase();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    create.mutate(
      {
        clusterId: cluster.id,
        title: v.title,
        ownerUserId: v.ownerUserId,
        deadline: v.deadline.format('YYYY-MM-DD'),
        summary: v.summary ?? '',
      },
      {
        onSuccess: (c) => {
          void message.success(t('quality.cases.opened'));
          navigate(`/quality/cases/${c.id}`);
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  return (
    <Modal
      open
      title={t('quality.cases.open')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'case-open-submit' } as never}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ title: `${cluster.projectName} ${cluster.place ?? ''} ${t('quality.title')}`.trim() }}
      >
        <Form.Item name="title" label={t('quality.cases.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="case-title" />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t('quality.cases.owner')} rules={[{ required: true }]}>
          <StaffSelect testId="case-owner" />
        </Form.Item>
        <Form.Item name="deadline" label={t('quality.cases.deadline')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="case-deadline" />
        </Form.Item>
        <Form.Item name="summary" label={t('quality.cases.summary')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
