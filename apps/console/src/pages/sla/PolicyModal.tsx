import type { LadderStep, SlaPolicy } from '@anju/contracts';
import { Alert, App, Col, Form, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type UpsertSlaPolicyBody, useUpsertSlaPolicy } from '../../api/sla';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { LadderEditor } from './LadderEditor';
import { MAX_LIMIT_MINUTES, useSlaOptions } from './slaFields';
import { DurationInput } from './slaInputs';

export type PolicyValues = Omit<UpsertSlaPolicyBody, 'companyId' | 'ladder'> & {
  ladder: Omit<LadderStep, 'level'>[];
};

interface Props {
  companyId: string;
  /** The policy to edit or override; none creates a new one starting from `defaultLadder`. */
  policy?: SlaPolicy;
  defaultLadder: LadderStep[];
  onClose: () => void;
}

const valuesOf = (p: SlaPolicy | undefined, ladder: LadderStep[]): PolicyValues => ({
  ticketType: p?.ticketType ?? 'repair',
  categoryCode: p?.categoryCode ?? '',
  priority: (p?.priority ?? '') as PolicyValues['priority'],
  major: p?.major ?? '',
  node: p?.node ?? 'processing',
  limitMinutes: p?.limitMinutes ?? 480,
  mode: p?.mode ?? 'working',
  warnPercent: p?.warnPercent ?? 80,
  ladder: [...(p?.ladder ?? ladder)]
    .sort((a, b) => a.level - b.level)
    .map(({ delayMinutes, target, roles }) => ({ delayMinutes, target, roles })),
});

/** SLA_RULE_INVALID names the field in its details (`{ field: 'ladder', reason }`). */
const ruleField = (e: unknown) => {
  if (!(e instanceof ApiError) || e.code !== 'SLA_RULE_INVALID') return undefined;
  const d = e.details as { field?: unknown; reason?: unknown } | undefined;
  return typeof d?.field === 'string' ? { field: d.field, reason: String(d.reason ?? e.message) } : undefined;
};

/** Creates, edits or overrides one policy; the key fields (type … node) pick the row the upsert replaces. */
export function PolicyModal({ companyId, policy, defaultLadder, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PolicyValues>();
  const upsert = useUpsertSlaPolicy();
  const options = useSlaOptions();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const keyLocked = Boolean(policy);
  const required = { required: true, message: t('validation.required') };

  const onFinish = (v: PolicyValues) =>
    upsert.mutate(
      {
        ...v,
        companyId,
        ladder: v.ladder.map((s, i) => ({ ...s, level: i + 1 })),
      },
      {
        onSuccess: () => {
          message.success(t('sla.policy.saved'));
          onClose();
        },
        onError: (e) => {
          const rule = ruleField(e);
          if (rule) form.setFields([{ name: rule.field as 'ladder', errors: [rule.reason] }]);
          else applyServerErrors(form, e);
          message.error(errorText(e));
        },
      },
    );

  const title = !policy
    ? t('sla.policy.createTitle')
    : policy.builtin
      ? t('sla.policy.overrideTitle')
      : t('sla.policy.editTitle');
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden width={760}>
      <Form<PolicyValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={valuesOf(policy, defaultLadder)}
        autoComplete="off"
      >
        {!keyLocked && <Alert type="info" showIcon title={t('sla.policy.keyHint')} style={{ marginBottom: 16 }} />}
        <Row gutter={16}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="ticketType" label={t('sla.policy.type')} rules={[required]}>
              <Select options={options.types} disabled={keyLocked} data-testid="sla-policy-type" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="node" label={t('sla.policy.node')} rules={[required]}>
              <Select options={options.nodes} disabled={keyLocked} data-testid="sla-policy-node" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="categoryCode" label={t('sla.policy.category')}>
              <Select
                options={[options.any, ...options.categories]}
                loading={options.categoriesLoading}
                disabled={keyLocked}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="priority" label={t('sla.policy.priority')}>
              <Select options={[options.any, ...options.priorities]} disabled={keyLocked} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="major" label={t('sla.policy.major')}>
              <Select options={options.majors} disabled={keyLocked} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="warnPercent"
              label={t('sla.policy.warnPercent')}
              rules={[required, { type: 'integer', min: 1, max: 99, message: '1–99' }]}
            >
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} data-testid="sla-policy-warn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="limitMinutes"
              label={t('sla.policy.limit')}
              rules={[
                {
                  validator: (_, v: number | undefined) =>
                    v !== undefined && v >= 1 && v <= MAX_LIMIT_MINUTES
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('sla.policy.limitRange'))),
                },
              ]}
            >
              <DurationInput maxMinutes={MAX_LIMIT_MINUTES} testId="sla-policy-limit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mode" label={t('sla.policy.mode')} rules={[required]}>
              <Radio.Group options={options.modes} optionType="button" />
            </Form.Item>
          </Col>
        </Row>
        <LadderEditor />
        <FormFooter
          onCancel={onClose}
          submitText={t('common.save')}
          loading={upsert.isPending}
          testId="sla-policy-submit"
        />
      </Form>
    </Modal>
  );
}
