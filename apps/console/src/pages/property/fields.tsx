import type { OrgUnit, WARRANTY_PERIOD_KINDS } from '@anju/contracts';
import { type FormRule as Rule, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useCan } from '../../lib/permissions';
import { ORG_CODE_PATTERN } from '../../lib/validation';

/** '' → null so optional text fields clear on the server. */
export const blankToNull = (v: string | undefined | null): string | null => (v?.trim() ? v.trim() : null);

/** DatePicker value ↔ the API's calendar day (`YYYY-MM-DD`). */
export const toDay = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const fromDay = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);

export type PeriodKind = (typeof WARRANTY_PERIOD_KINDS)[number];

/** `{ kind: 'years', value: 5 }` → "5 年" / "5 years". */
export function usePeriodText(): (p: { kind: PeriodKind; value: number }) => string {
  const { t } = useTranslation();
  return useCallback((p) => t(`property.period.${p.kind}`, { n: p.value }), [t]);
}

const isCityCompany = (u: OrgUnit) => u.type === 'city_company';

interface CityCompanySelectProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Companies known without `org.read` (those of the projects already listed). */
  known: { id: string; name: string }[];
  autoFocus?: boolean;
  testId?: string;
}

/** The org tree with only city companies selectable; without `org.read`, the companies the caller already sees. */
export function CityCompanySelect({ known, testId, ...rest }: CityCompanySelectProps) {
  const can = useCan();
  const { data: me } = useMe();
  const options = useMemo(() => {
    const all = new Map(known.map((c) => [c.id, c.name]));
    if (me?.orgUnit.type === 'city_company') all.set(me.orgUnit.id, me.orgUnit.name);
    return [...all.entries()].map(([value, label]) => ({ value, label }));
  }, [known, me]);
  if (can('org.read')) return <OrgUnitTreeSelect {...rest} selectable={isCityCompany} testId={testId} />;
  return (
    <Select<string>
      {...rest}
      value={rest.value ?? undefined}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
    />
  );
}

interface PropertyRules {
  required: Rule;
  max: (n: number) => Rule;
  integer: (min: number, max: number) => Rule;
  name: (max: number) => Rule[];
  projectCode: Rule[];
  buildingCode: Rule[];
  productTypes: Rule[];
  area: Rule[];
}

/** Client-side copies of the server's rules (contracts/property.ts and the building route); the server stays the judge. */
export function usePropertyRules(): PropertyRules {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: Rule = { required: true, message: t('validation.required') };
    const max = (n: number): Rule => ({ max: n, message: t('validation.maxLength', { max: n }) });
    const integer = (min: number, maxValue: number): Rule => ({
      type: 'integer',
      min,
      max: maxValue,
      message: t('property.v.integerRange', { min, max: maxValue }),
    });
    return {
      required,
      max,
      integer,
      name: (n: number): Rule[] => [{ ...required, whitespace: true }, max(n)],
      projectCode: [required, { pattern: ORG_CODE_PATTERN, message: t('validation.codeRule') }],
      buildingCode: [required, { pattern: /^[A-Za-z0-9-]{1,20}$/, message: t('property.v.buildingCode') }],
      productTypes: [
        { type: 'array', max: 20, message: t('property.v.productTypesCount', { max: 20 }) },
        {
          validator: (_: unknown, v: string[] | undefined) =>
            (v ?? []).every((x) => x.trim().length >= 1 && x.trim().length <= 20)
              ? Promise.resolve()
              : Promise.reject(new Error(t('property.v.productTypeLength', { max: 20 }))),
        },
      ],
      area: [{ type: 'number', min: 0.01, max: 10_000, message: t('property.v.area') }],
    };
  }, [t]);
}
