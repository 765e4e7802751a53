import { Button, Form, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { type KpiInfo, useUpsertKpiTarget } from '../../api/analytics';
import { fromEdited, toEdited } from './kpiShared';

interface Props {
  info: KpiInfo;
  companyId: string;
  year: number;
  initial: number;
  version: number | undefined;
  onSaved: (version: number) => void;
  onFailed: (error: unknown) => void;
}

/** One KPI's target, a percent edited as 0–100: validated here, saved with the version last seen. */
export function TargetEditor({ info, companyId, year, initial, version, onSaved, onFailed }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ target: number }>();
  const upsert = useUpsertKpiTarget();
  const percent = info.unit === 'percent';
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ target: toEdited(info.unit, initial) }}
      onFinish={({ target }) =>
        upsert.mutate(
          { kpi: info.code, companyId, year, target: fromEdited(info.unit, target), version },
          { onSuccess: (row) => onSaved(row.version), onError: onFailed },
        )
      }
    >
      <Space.Compact>
        <Form.Item
          name="target"
          noStyle={false}
          style={{ marginInlineEnd: 0 }}
          rules={[
            { required: true, message: percent ? t('kpi.targets.percentRule') : t('kpi.targets.rule') },
            {
              type: 'number',
              min: 0,
              max: percent ? 100 : 1_000_000,
              message: percent ? t('kpi.targets.percentRule') : t('kpi.targets.rule'),
            },
          ]}
        >
          <InputNumber
            style={{ width: 120 }}
            step={percent ? 0.5 : info.unit === 'ratio' ? 0.01 : 1}
            suffix={percent ? '%' : undefined}
            data-testid={`target-input-${info.code}`}
          />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={upsert.isPending} data-testid={`target-save-${info.code}`}>
          {t('kpi.targets.save')}
        </Button>
      </Space.Compact>
    </Form>
  );
}
