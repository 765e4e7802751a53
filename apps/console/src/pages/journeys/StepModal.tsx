import type { JourneyStep, ProjectMilestone } from '@anju/contracts/journeys';
import {
  Alert,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  type FormRule as Rule,
  Select,
  Switch,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter';
import { ChecklistEditor } from './ChecklistEditor';
import { BATCH_ANCHORS, useInLanguage, useJourneyOptions, useOffsetInWords } from './journeyFields';

type StepValues = Omit<JourneyStep, 'repeat' | 'milestone' | 'warrantyPart'> & {
  milestone?: ProjectMilestone | null;
  warrantyPart?: string | null;
  repeats: boolean;
  everyMonths?: number | null;
};

interface Props {
  /** The step to edit; none adds a new one. */
  step?: JourneyStep;
  /** Keys of the template's other steps (a key is unique in its template). */
  otherKeys: string[];
  onApply: (step: JourneyStep) => void;
  onClose: () => void;
}

const STEP_KEY = /^[a-z0-9][a-z0-9_]{0,39}$/;

const NEW_STEP: StepValues = {
  key: '',
  name: { zh: '', en: '' },
  anchor: 'contract_signed',
  milestone: null,
  warrantyPart: null,
  offset: { months: 0, days: 0 },
  repeats: false,
  everyMonths: 3,
  kind: 'call',
  performer: 'cr_specialist',
  scope: 'household',
  limitWorkingDays: 3,
  requiresDisclosure: false,
  checklist: [],
  script: { zh: '', en: '' },
};

const valuesOf = (s: JourneyStep | undefined): StepValues =>
  s ? { ...s, repeats: Boolean(s.repeat), everyMonths: s.repeat?.everyMonths ?? 3 } : NEW_STEP;

/** The form's values as a step, with the fields its anchor does not use cleared. */
const stepOf = (v: StepValues): JourneyStep => ({
  key: v.key.trim(),
  name: { zh: v.name.zh.trim(), en: v.name.en.trim() },
  anchor: v.anchor,
  milestone: v.anchor === 'milestone' ? (v.milestone ?? null) : null,
  warrantyPart: v.anchor === 'warranty_expiry' ? (v.warrantyPart?.trim() ?? null) : null,
  offset: { months: v.offset.months ?? 0, days: v.offset.days ?? 0 },
  repeat:
    v.anchor === 'contract_signed' && v.repeats ? { everyMonths: v.everyMonths ?? 1, until: 'planned_delivery' } : null,
  kind: v.kind,
  performer: v.performer,
  scope: v.scope,
  limitWorkingDays: v.limitWorkingDays,
  requiresDisclosure: Boolean(v.requiresDisclosure),
  checklist: (v.checklist ?? []).map((c) => ({ key: c.key.trim(), zh: c.zh.trim(), en: c.en.trim() })),
  script: { zh: (v.script?.zh ?? '').trim(), en: (v.script?.en ?? '').trim() },
});

/** Edits every field of one step; OK puts it into the template being edited (saved with "Save as new version"). */
export function StepModal({ step, otherKeys, onApply, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StepValues>();
  const options = useJourneyOptions();
  const text = useInLanguage();
  const words = useOffsetInWords();
  const anchor = Form.useWatch('anchor', form) ?? valuesOf(step).anchor;
  const repeats = Form.useWatch('repeats', form);
  const timing = Form.useWatch([], form) as StepValues | undefined;
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const maxLength = (max: number): Rule => ({ max, message: t('validation.maxLength', { max }) });
  const integer = (min: number, max: number): Rule => ({
    type: 'integer',
    min,
    max,
    message: `${min} – ${max}`,
  });

  const offsetRule: Rule = ({ getFieldValue }) => ({
    validator: () => {
      const months = Number(getFieldValue(['offset', 'months']) ?? 0);
      const days = Number(getFieldValue(['offset', 'days']) ?? 0);
      if (months * days < 0) return Promise.reject(new Error(t('journeys.step.offsetSigns')));
      if (Math.abs(months * 30 + days) > 3650) return Promise.reject(new Error(t('journeys.step.offsetRange')));
      return Promise.resolve();
    },
  });
  const scopeRule: Rule = ({ getFieldValue }) => ({
    validator: (_, scope: string) =>
      scope === 'batch' && !BATCH_ANCHORS.includes(getFieldValue('anchor'))
        ? Promise.reject(new Error(t('journeys.step.batchHint')))
        : Promise.resolve(),
  });

  const preview = timing?.offset && timing.anchor ? words(stepOf({ ...NEW_STEP, ...timing })) : null;
  return (
    <Modal
      open
      title={step ? t('journeys.step.editTitle', { name: text(step.name) }) : t('journeys.step.createTitle')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={860}
    >
      <Form<StepValues>
        form={form}
        layout="vertical"
        initialValues={valuesOf(step)}
        onFinish={(v) => onApply(stepOf(v))}
        autoComplete="off"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="key"
              label={t('journeys.step.key')}
              extra={step ? undefined : t('journeys.step.keyHint')}
              rules={[
                required,
                { pattern: STEP_KEY, message: t('journeys.step.keyFormat') },
                {
                  validator: (_, v: string) =>
                    otherKeys.includes((v ?? '').trim())
                      ? Promise.reject(new Error(t('journeys.step.keyTaken')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input disabled={Boolean(step)} autoFocus={!step} data-testid="journey-step-key" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['name', 'zh']} label={t('journeys.step.nameZh')} rules={[required, maxLength(40)]}>
              <Input autoFocus={Boolean(step)} data-testid="journey-step-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['name', 'en']} label={t('journeys.step.nameEn')} rules={[required, maxLength(40)]}>
              <Input data-testid="journey-step-name-en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="anchor" label={t('journeys.step.anchor')} rules={[required]}>
              <Select options={options.anchors} data-testid="journey-step-anchor" />
            </Form.Item>
          </Col>
          {anchor === 'milestone' && (
            <Col xs={24} md={8}>
              <Form.Item name="milestone" label={t('journeys.step.milestone')} rules={[required]}>
                <Select options={options.milestones} />
              </Form.Item>
            </Col>
          )}
          {anchor === 'warranty_expiry' && (
            <Col xs={24} md={8}>
              <Form.Item name="warrantyPart" label={t('journeys.step.warrantyPart')} rules={[required, maxLength(40)]}>
                <Input />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={4}>
            <Form.Item
              name={['offset', 'months']}
              label={t('journeys.step.offsetMonths')}
              rules={[{ required: true, message: t('validation.required') }, integer(-120, 120)]}
            >
              <InputNumber precision={0} style={{ width: '100%' }} data-testid="journey-step-months" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name={['offset', 'days']}
              label={t('journeys.step.offsetDays')}
              dependencies={[['offset', 'months']]}
              rules={[{ required: true, message: t('validation.required') }, integer(-3650, 3650), offsetRule]}
            >
              <InputNumber precision={0} style={{ width: '100%' }} data-testid="journey-step-days" />
            </Form.Item>
          </Col>
        </Row>
        <Alert
          type="info"
          title={preview ?? t('journeys.step.offsetHint')}
          description={preview ? t('journeys.step.offsetHint') : undefined}
          style={{ marginBottom: 16 }}
          data-testid="journey-step-when"
        />
        <Row gutter={16}>
          {anchor === 'contract_signed' && (
            <Col xs={24} md={8}>
              <Form.Item label={t('journeys.step.repeat')} extra={t('journeys.step.repeatHint')}>
                <Flex gap={8} align="center">
                  <Form.Item name="repeats" valuePropName="checked" noStyle>
                    <Switch data-testid="journey-step-repeats" />
                  </Form.Item>
                  {repeats && (
                    <Form.Item name="everyMonths" noStyle rules={[integer(1, 24)]}>
                      <InputNumber min={1} max={24} precision={0} suffix={t('journeys.step.repeatEvery')} />
                    </Form.Item>
                  )}
                </Flex>
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('journeys.step.kind')} rules={[required]}>
              <Select options={options.kinds} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="performer" label={t('journeys.step.performer')} rules={[required]}>
              <Select options={options.performers} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="scope" label={t('journeys.step.scope')} dependencies={['anchor']} rules={[scopeRule]}>
              <Radio.Group options={options.scopes} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="limitWorkingDays"
              label={t('journeys.step.limit')}
              rules={[{ required: true, message: t('validation.required') }, integer(1, 60)]}
            >
              <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="requiresDisclosure"
          valuePropName="checked"
          label={t('journeys.step.requiresDisclosure')}
          extra={t('journeys.step.requiresDisclosureHint')}
        >
          <Switch data-testid="journey-step-requires-disclosure" />
        </Form.Item>
        <ChecklistEditor />
        <Form.Item name={['script', 'zh']} label={t('journeys.step.scriptZh')} rules={[maxLength(2000)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name={['script', 'en']} label={t('journeys.step.scriptEn')} rules={[maxLength(4000)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <FormFooter onCancel={onClose} submitText={t('journeys.step.apply')} testId="journey-step-apply" />
      </Form>
    </Modal>
  );
}
