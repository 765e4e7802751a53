import { DatePicker, Flex } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { DepartmentDashboard } from './DepartmentDashboard';
import { lastMonth, monthDay } from './kpiFormat';
import './analyticsStrings';

/** `/dashboards/department`: a department's dashboard (the caller's own department by default). */
export function DepartmentDashboardPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<string | undefined>();
  const [period, setPeriod] = useState(lastMonth());
  return (
    <>
      <PageHeader
        title={t('dashboards.department')}
        extra={
          <Flex gap={8} wrap>
            <OrgUnitTreeSelect
              value={scope}
              onChange={setScope}
              allowClear
              placeholder={t('kpi.scope')}
              selectable={(u) => u.type === 'department' || u.type === 'contractor'}
              style={{ minWidth: 220 }}
              testId="dash-scope"
            />
            <DatePicker
              picker="month"
              allowClear={false}
              value={monthDay(period)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
              aria-label={t('kpi.month')}
            />
          </Flex>
        }
      />
      <DepartmentDashboard filters={{ scope, period }} />
    </>
  );
}
