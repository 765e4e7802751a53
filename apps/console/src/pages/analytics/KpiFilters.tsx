import { Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardFilters } from '../../api/analytics';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { MonthSelect } from './kpiShared';

export type KpiFilterValues = DashboardFilters & { period: string };

interface Props {
  value: KpiFilterValues;
  onChange: (next: KpiFilterValues) => void;
}

/** Scope (the caller's subtree), month (up to this one), product type and finish. */
export function KpiFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<KpiFilterValues>) => onChange({ ...value, ...patch });
  // the product type applies on Enter or when the field is left, not at every keystroke
  const [productType, setProductType] = useState(value.productType ?? '');
  useEffect(() => setProductType(value.productType ?? ''), [value.productType]);
  const applyProductType = () => {
    const next = productType.trim() || undefined;
    if (next !== value.productType) set({ productType: next });
  };
  return (
    <Flex gap={8} wrap align="center">
      <OrgUnitTreeSelect
        value={value.scope}
        onChange={(scope) => set({ scope })}
        placeholder={t('kpi.scope')}
        style={{ minWidth: 220 }}
        selectable={(u) => u.type !== 'contractor'}
        testId="kpi-scope"
      />
      <MonthSelect
        value={value.period}
        onChange={(period) => set({ period })}
        label={t('kpi.month')}
        testId="kpi-month"
      />
      <Input
        allowClear
        placeholder={t('kpi.productType')}
        style={{ width: 140 }}
        value={productType}
        onChange={(e) => {
          setProductType(e.target.value);
          if (!e.target.value) set({ productType: undefined });
        }}
        onPressEnter={applyProductType}
        onBlur={applyProductType}
        data-testid="kpi-product-type"
      />
      <Select<'bare' | 'finished' | ''>
        style={{ width: 140 }}
        value={value.finish ?? ''}
        onChange={(v) => set({ finish: v || undefined })}
        options={[
          { value: '', label: `${t('kpi.finish')}: ${t('kpi.all')}` },
          { value: 'bare', label: t('kpi.finishes.bare') },
          { value: 'finished', label: t('kpi.finishes.finished') },
        ]}
        data-testid="kpi-finish"
      />
    </Flex>
  );
}
