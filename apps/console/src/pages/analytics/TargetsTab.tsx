import type { KpiCode } from '@anju/contracts/analytics';
import { App, Flex, InputNumber, Table, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KpiInfo, useKpis, useKpiValues } from '../../api/analytics';
import { isApiError } from '../../api/client';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useErrorText } from '../../lib/errors';
import { KpiHelp } from './KpiHelp';
import { formatKpiValue } from './kpiShared';
import { TargetEditor } from './TargetEditor';

/** Each KPI's target for a city company (or the group) and year, edited one at a time (analytics.manage). */
export function TargetsTab({ defaultCompany }: { defaultCompany?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const thisYear = new Date().getFullYear();
  const [companyId, setCompanyId] = useState<string | undefined>(defaultCompany);
  const [year, setYear] = useState(thisYear);
  // the version of each target this page last saved: sent back so a concurrent edit answers 409
  const versions = useRef(new Map<string, number>());
  const kpis = useKpis();
  const values = useKpiValues(
    { scope: companyId, period: String(year) },
    { enabled: Boolean(companyId) && year <= thisYear },
  );
  const current = useMemo(() => {
    const own = (values.data?.items ?? []).filter((v) => v.scopeId === companyId);
    return new Map(own.map((v) => [v.kpi, v.target]));
  }, [values.data, companyId]);

  const keyOf = (kpi: KpiCode) => `${companyId}|${year}|${kpi}`;
  const onSaved = (kpi: KpiCode, version: number) => {
    versions.current.set(keyOf(kpi), version);
    message.success(t('kpi.targets.saved', { kpi }));
  };
  const onFailed = (kpi: KpiCode, e: unknown) => {
    if (isApiError(e) && e.status === 409) {
      versions.current.delete(keyOf(kpi));
      message.error(t('kpi.targets.conflict'));
    } else if (isApiError(e) && e.code === 'KPI_TARGET_NOT_COMPANY') message.error(t('kpi.targets.notCompany'));
    else message.error(errorText(e));
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <OrgUnitTreeSelect
          value={companyId}
          onChange={setCompanyId}
          placeholder={t('kpi.targets.pickCompany')}
          selectable={(u) => u.type === 'city_company' || u.type === 'group'}
          style={{ minWidth: 220 }}
          testId="target-company"
        />
        <InputNumber
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          addonBefore={t('kpi.targets.year')}
          data-testid="target-year"
        />
      </Flex>
      <Table<KpiInfo>
        size="small"
        rowKey="code"
        pagination={false}
        loading={kpis.isLoading || values.isFetching}
        dataSource={companyId ? (kpis.data?.items ?? []) : []}
        locale={{ emptyText: t('kpi.targets.pickCompany') }}
        columns={[
          {
            title: 'KPI',
            dataIndex: 'code',
            render: (code: KpiCode) => (
              <Flex gap={6} align="center">
                <Typography.Text>
                  {code} {t(`kpiNames.${code}`)}
                </Typography.Text>
                <KpiHelp kpi={code} />
              </Flex>
            ),
          },
          {
            title: t('kpi.ownerTitle'),
            dataIndex: 'owner',
            render: (o: string) => t(`kpi.owner.${o}` as 'kpi.owner.design', o),
          },
          {
            title: t('kpi.targets.current'),
            key: 'current',
            render: (_, k) => {
              const target = current.get(k.code) ?? k.target;
              return (
                <span data-testid={`target-current-${k.code}`}>
                  {t(k.direction === 'at_least' ? 'kpi.atLeast' : 'kpi.atMost', {
                    target: formatKpiValue(k.unit, target),
                  })}
                </span>
              );
            },
          },
          {
            title: t('kpi.targets.edit'),
            key: 'edit',
            width: 260,
            render: (_, k) =>
              companyId && (
                <TargetEditor
                  key={keyOf(k.code)}
                  info={k}
                  companyId={companyId}
                  year={year}
                  initial={current.get(k.code) ?? k.target}
                  version={versions.current.get(keyOf(k.code))}
                  onSaved={(v) => onSaved(k.code, v)}
                  onFailed={(e) => onFailed(k.code, e)}
                />
              ),
          },
        ]}
      />
    </Flex>
  );
}
