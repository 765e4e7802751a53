import { SURVEY_CHANNELS } from '@anju/contracts/surveys';
import { Alert, Form, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeliveryBatches } from '../../api/property';
import { type SendSurveyInput, type SentSurveys, type Survey, useSendSurvey } from '../../api/surveys';
import { useTicketSearch } from '../../api/tickets';
import { FormFooter } from '../../components/FormFooter';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useErrorText } from '../../lib/errors';
import { UnitSelect } from '../customers/UnitPicker';
import { useSurveyWords } from './surveyWords';

type Target = 'ticket' | 'unit' | 'annual' | 'product_types';
type Values = {
  target: Target;
  ticketId?: string;
  projectId?: string;
  unitId?: string;
  batchId?: string;
  share?: number | null;
  perType?: number | null;
  channel: SendSurveyInput['channel'];
};

/** A ticket found by its number (or title words). */
function TicketSelect(props: { id?: string; value?: string; onChange?: (v?: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useTicketSearch(q);
  return (
    <Select<string>
      {...props}
      allowClear
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      loading={found.isFetching}
      placeholder={t('surveys.sendDialog.pickTicket')}
      options={(found.data ?? []).map((tk) => ({ value: tk.id, label: `${tk.number} ${tk.title}` }))}
      data-testid="send-ticket"
    />
  );
}

function BatchSelect({ projectId, ...rest }: { projectId: string; value?: string; onChange?: (v?: string) => void }) {
  const batches = useDeliveryBatches(projectId);
  return (
    <Select<string>
      {...rest}
      loading={batches.isFetching}
      options={(batches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
      data-testid="send-batch"
    />
  );
}

function bodyOf(v: Values): SendSurveyInput {
  const channel = v.channel;
  if (v.target === 'ticket') return { channel, subject: { type: 'ticket', id: v.ticketId as string } };
  if (v.target === 'unit') return { channel, subject: { type: 'unit', id: v.unitId as string } };
  if (v.target === 'annual')
    return { channel, sample: { sample: 'annual', projectId: v.projectId as string, share: v.share ?? undefined } };
  return {
    channel,
    sample: { sample: 'product_types', batchId: v.batchId as string, perType: v.perType ?? undefined },
  };
}

/** Sends the survey about one ticket or home, or to a sample of a project or a delivery batch; shows what was sent. */
export function SendSurveyModal({ survey, onClose }: { survey: Survey; onClose: () => void }) {
  const { t } = useTranslation();
  const words = useSurveyWords();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const send = useSendSurvey();
  const [result, setResult] = useState<SentSurveys | null>(null);
  const target = Form.useWatch('target', form) ?? 'ticket';
  const projectId = Form.useWatch('projectId', form);
  const required = [{ required: true }];

  const submit = (v: Values) => {
    setResult(null);
    send.mutate({ code: survey.code, ...bodyOf(v) }, { onSuccess: setResult });
  };

  return (
    <Modal
      open
      title={t('surveys.sendDialog.title', { name: words.name(survey) })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ target: 'ticket', channel: 'phone' }}
        onFinish={submit}
        onValuesChange={() => send.reset()}
      >
        <Form.Item label={t('surveys.sendDialog.target')} name="target">
          <Radio.Group
            data-testid="send-target"
            options={[
              { value: 'ticket', label: t('surveys.sendDialog.ticket') },
              { value: 'unit', label: t('surveys.sendDialog.unit') },
              { value: 'annual', label: t('surveys.sendDialog.sampleAnnual') },
              { value: 'product_types', label: t('surveys.sendDialog.sampleTypes') },
            ]}
          />
        </Form.Item>
        {target === 'ticket' ? (
          <Form.Item label={t('surveys.sendDialog.ticket')} name="ticketId" rules={required}>
            <TicketSelect />
          </Form.Item>
        ) : (
          <Form.Item label={t('surveys.sendDialog.project')} name="projectId" rules={required}>
            <ProjectFilter testId="send-project" placeholder={t('surveys.sendDialog.project')} />
          </Form.Item>
        )}
        {target === 'unit' && (
          <Form.Item label={t('surveys.sendDialog.unit')} name="unitId" rules={required}>
            <UnitSelect projectId={projectId} testId="send-unit" />
          </Form.Item>
        )}
        {target === 'annual' && (
          <Form.Item label={t('surveys.sendDialog.share')} name="share">
            <InputNumber min={0.01} max={1} step={0.05} placeholder={String(survey.settings.sampleShare ?? 0.1)} />
          </Form.Item>
        )}
        {target === 'product_types' && projectId && (
          <>
            <Form.Item label={t('surveys.sendDialog.batch')} name="batchId" rules={required}>
              <BatchSelect projectId={projectId} />
            </Form.Item>
            <Form.Item label={t('surveys.sendDialog.perType')} name="perType">
              <InputNumber min={1} max={100} precision={0} placeholder={String(survey.settings.sampleSize ?? 5)} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('surveys.sendDialog.channel')} name="channel">
          <Radio.Group
            optionType="button"
            options={SURVEY_CHANNELS.map((c) => ({ value: c, label: words.channel(c) }))}
            data-testid="send-channel"
          />
        </Form.Item>
        {result && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('surveys.sendDialog.result', { sent: result.items.length, skipped: result.skipped })}
            data-testid="send-result"
          />
        )}
        {send.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={errorText(send.error)}
            data-testid="send-error"
          />
        )}
        <FormFooter
          onCancel={onClose}
          submitText={t('surveys.sendDialog.submit')}
          loading={send.isPending}
          testId="send-submit"
        />
      </Form>
    </Modal>
  );
}
