import type { KpiCode } from '@anju/contracts/analytics';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The KPI's KPIS.md definition (how it is counted) behind a "?" next to its name. */
export function KpiHelp({ kpi }: { kpi: KpiCode }) {
  const { t } = useTranslation();
  return (
    <Popover
      title={`${kpi} ${t(`kpiNames.${kpi}`)}`}
      content={
        <Typography.Paragraph style={{ maxWidth: 420, margin: 0 }} data-testid={`kpi-help-text-${kpi}`}>
          {t(`kpiHelp.${kpi}`)}
        </Typography.Paragraph>
      }
    >
      <QuestionCircleOutlined
        aria-label={t('kpi.help')}
        style={{ color: 'rgba(0,0,0,0.45)', cursor: 'help' }}
        data-testid={`kpi-help-${kpi}`}
      />
    </Popover>
  );
}
