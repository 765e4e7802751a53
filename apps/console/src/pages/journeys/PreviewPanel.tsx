import type { JourneyAnchors, JourneyMilestones, JourneyStep } from '@anju/contracts/journeys';
import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreviewJourney } from '../../api/journeys';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorState';
import { applyServerErrors } from '../../lib/formErrors';
import { capitalize } from './journeyWords';
import { PreviewTable } from './PreviewTable';

/** The six household dates and the anchor each one is. */
export const ANCHOR_FIELDS = [
  ['firstVisit', 'first_visit'],
  ['contractSigned', 'contract_signed'],
  ['plannedDelivery', 'planned_delivery'],
  ['actualDelivery', 'actual_delivery'],
  ['handover', 'handover'],
  ['moveIn', 'move_in'],
] as const satisfies readonly (readonly [keyof JourneyAnchors, JourneyStep['anchor']])[];
const MILESTONE_FIELDS = [
  ['structureToppedOut', 'structure_topped_out'],
  ['completionAcceptance', 'completion_acceptance'],
] as const satisfies readonly (readonly [keyof JourneyMilestones, string])[];

type Dates<K extends string> = Partial<Record<K, Dayjs | null>>;
interface Values {
  anchors: Dates<keyof JourneyAnchors>;
  milestones: Dates<keyof JourneyMilestones>;
}

/** Picked days as `YYYY-MM-DD`, the empty ones left out. */
const isoDates = <K extends string>(dates: Dates<K> = {}) =>
  Object.fromEntries(
    Object.entries(dates).flatMap(([k, d]) => (d ? [[k, (d as Dayjs).format('YYYY-MM-DD')]] : [])),
  ) as Partial<Record<K, string>>;

interface Props {
  companyId: string;
  templateId: string;
  /** The steps on screen (saved or not), to name a step's milestone or part. */
  steps: JourneyStep[];
  /** Steps edited but not saved: the preview plans these instead of the saved template. */
  unsaved?: JourneyStep[];
}

/** A household's due dates under this template (or the unsaved edits of it), step by step. */
export function PreviewPanel({ companyId, templateId, steps, unsaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const preview = usePreviewJourney();
  // what the shown answer was computed for: edits after it make it stale
  const source = unsaved ?? templateId;
  const [ranFor, setRanFor] = useState<unknown>();
  const fresh = ranFor === source;

  const onFinish = (v: Values) => {
    setRanFor(source);
    preview.mutate(
      {
        companyId,
        ...(unsaved ? { steps: unsaved } : { templateId }),
        anchors: isoDates(v.anchors),
        milestones: isoDates(v.milestones),
      },
      { onError: (e) => applyServerErrors(form, e) },
    );
  };

  const dateCol = (name: [keyof Values, string], label: string) => (
    <Col key={name[1]} xs={12} sm={8} lg={6} xl={3}>
      <Form.Item name={name} label={label} style={{ marginBottom: 12 }}>
        <DateField style={{ width: '100%' }} data-testid={`journey-preview-${name[1]}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Card size="small" title={t('journeys.preview.title')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('journeys.preview.hint')}</Typography.Text>
        {unsaved && <Alert type="info" showIcon title={t('journeys.preview.draftHint')} />}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ anchors: {}, milestones: {} }}>
          <Row gutter={12}>
            {ANCHOR_FIELDS.map(([field, anchor]) => dateCol(['anchors', field], t(`journeys.anchorDates.${anchor}`)))}
            {MILESTONE_FIELDS.map(([field, milestone]) =>
              dateCol(['milestones', field], capitalize(t(`journeys.milestones.${milestone}`))),
            )}
          </Row>
          <Button
            type="primary"
            htmlType="submit"
            icon={<CalculatorOutlined />}
            loading={preview.isPending}
            data-testid="journey-preview-run"
          >
            {t('journeys.preview.run')}
          </Button>
        </Form>
        {preview.isError && <ErrorAlert error={preview.error} />}
        {preview.data && !fresh && <Alert type="warning" showIcon title={t('journeys.preview.stale')} />}
        <PreviewTable items={fresh ? (preview.data?.items ?? []) : []} steps={steps} loading={preview.isPending} />
      </Flex>
    </Card>
  );
}
