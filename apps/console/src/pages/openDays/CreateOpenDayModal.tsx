import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCreateOpenDay } from '../../api/openDays';
import { useDeliveryBatches } from '../../api/property';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useErrorText } from '../../lib/errors';

interface Values {
  projectId?: string;
  batchId?: string;
  title: string;
  day?: Dayjs;
  start: string;
  end: string;
  location: string;
  capacity?: number | null;
  inviteBySms: boolean;
}

/** The batches of the chosen project (an open day may be for one of them). */
function BatchSelect({ projectId, ...rest }: { projectId: string; value?: string; onChange?: (v?: string) => void }) {
  const { t } = useTranslation();
  const batches = useDeliveryBatches(projectId);
  return (
    <Select<string>
      allowClear
      {...rest}
      loading={batches.isFetching}
      placeholder={t('openDays.noBatch')}
      options={(batches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
      data-testid="open-day-batch"
    />
  );
}

/** Creates an open day (times in China time on its day); closes with the new open day's id. */
export function CreateOpenDayModal({ onClose }: { onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateOpenDay();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const projectId = Form.useWatch('projectId', form);

  const onFinish = (v: Values) => {
    const day = v.day?.format('YYYY-MM-DD') ?? '';
    create.mutate(
      {
        projectId: v.projectId ?? '',
        batchId: v.batchId ?? null,
        title: v.title.trim(),
        heldOn: day,
        startsAt: `${day}T${v.start}:00+08:00`,
        endsAt: `${day}T${v.end}:00+08:00`,
        location: v.location.trim(),
        capacity: v.capacity ?? null,
        inviteBySms: v.inviteBySms,
      },
      {
        onSuccess: (created) => {
          message.success(t('openDays.created'));
          onClose(created.id);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <Modal open title={t('openDays.create')} onCancel={() => onClose()} footer={null} destroyOnHidden width={560}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ title: '', start: '09:00', end: '12:00', location: '', inviteBySms: false }}
        autoComplete="off"
        data-testid="open-day-form"
      >
        <Form.Item name="projectId" label={t('openDays.project')} rules={[{ required: true }]}>
          <ProjectFilter allowClear={false} testId="open-day-project" />
        </Form.Item>
        {projectId && (
          <Form.Item name="batchId" label={t('openDays.batch')}>
            <BatchSelect projectId={projectId} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('openDays.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="open-day-title" />
        </Form.Item>
        <Form.Item name="day" label={t('openDays.day')} rules={[{ required: true }]}>
          <DateField style={{ width: '100%' }} data-testid="open-day-day" />
        </Form.Item>
        <Form.Item label={t('openDays.time')} required style={{ marginBottom: 0 }}>
          <Form.Item name="start" rules={[{ required: true }]} style={{ display: 'inline-block', width: '48%' }}>
            <Input type="time" aria-label={t('openDays.start')} data-testid="open-day-start" />
          </Form.Item>
          <Form.Item
            name="end"
            rules={[{ required: true }]}
            style={{ display: 'inline-block', width: '48%', marginLeft: '4%' }}
          >
            <Input type="time" aria-label={t('openDays.end')} data-testid="open-day-end" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="location" label={t('openDays.location')} rules={[{ max: 200 }]}>
          <Input data-testid="open-day-location" />
        </Form.Item>
        <Form.Item name="capacity" label={t('openDays.capacity')}>
          <InputNumber min={1} max={100000} placeholder={t('openDays.noLimit')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="inviteBySms" valuePropName="checked">
          <Checkbox data-testid="open-day-invite">{t('openDays.invite')}</Checkbox>
        </Form.Item>
        <FormFooter
          onCancel={() => onClose()}
          submitText={t('openDays.create')}
          loading={create.isPending}
          testId="open-day-submit"
        />
      </Form>
    </Modal>
  );
}
