import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExecutiveOverview } from './ExecutiveOverview';
import { lastMonth } from './kpiShared';

/** An executive's home: the KPIs of their own scope for last month, then the ranked projects. */
export function ExecutiveHome({ scope }: { scope: string }) {
  const { t } = useTranslation();
  const period = lastMonth();
  return (
    <div data-testid="home-executive">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('kpi.title')} · {period}
      </Typography.Title>
      <ExecutiveOverview filters={{ scope, period }} compact />
    </div>
  );
}
