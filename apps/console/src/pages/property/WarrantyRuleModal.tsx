import { WARRANTY_PERIOD_KINDS } from '@anju/contracts';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpsertWarrantyRule, type WarrantyRule } from '../../api/property';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { blankToNull, type PeriodKind, usePeriodText, usePropertyRules } from './fields';

interface Values {
  periodKind: PeriodKind;
  periodValue: number;
  note?: string;
}

interface Props {
  projectId: string;
  /** The effective rule of one part category (a project override, the company default or the statutory one). */
  rule: WarrantyRule;
  onClose: () => void;
}

/** Sets this project's warranty period for one part category; never below the statutory minimum. */
export function WarrantyRuleModal({ projectId, rule, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const upsert = useUpsertWarrantyRule(projectId);
  const rules = usePropertyRules();
  const periodText = usePeriodText();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const statutory = rule.statutory;

  const onFinish = (v: Values) =>
    upsert.mutate(
      {
        projectId,
        partCategory: rule.partCategory,
        periodKind: v.periodKind,
        periodValue: v.periodValue,
        note: blankToNull(v.note),
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e, { WARRANTY_BELOW_STATUTORY: 'periodValue' });
          message.error(errorText(e));
        },
      },
    );

  return (
    <Modal
      open
      title={t('property.editRule', { part: t(`property.parts.${rule.partCategory}`) })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('property.statutory')}: {periodText(statutory)} · {t('property.overrideHint')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          periodKind: rule.periodKind,
          periodValue: rule.periodValue,
          // the note of the company default is not carried into a new override
          note: rule.projectId === projectId ? (rule.note ?? '') : '',
        }}
        autoComplete="off"
      >
        <Form.Item name="periodKind" label={t('property.periodKind')} rules={[rules.required]}>
          <Select
            options={WARRANTY_PERIOD_KINDS.map((k) => ({ value: k, label: t(`property.periodKinds.${k}`) }))}
            data-testid="rule-periodKind"
          />
        </Form.Item>
        <Form.Item
          name="periodValue"
          label={t('property.periodValue')}
          rules={[
            rules.required,
            rules.integer(1, 100),
            // mirrors the server's floor: the value may not fall below the statutory one
            {
              validator: (_, v: number | null) =>
                v == null || v >= statutory.value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('property.v.belowStatutory', { period: periodText(statutory) }))),
            },
          ]}
        >
          <InputNumber<number>
            autoFocus
            min={1}
            max={100}
            precision={0}
            style={{ width: '100%' }}
            data-testid="rule-periodValue"
          />
        </Form.Item>
        <Form.Item name="note" label={t('property.note')} rules={[rules.max(200)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} data-testid="rule-note" />
        </Form.Item>
        <FormFooter onCancel={onClose} submitText={t('common.save')} loading={upsert.isPending} testId="rule-submit" />
      </Form>
    </Modal>
  );
}
