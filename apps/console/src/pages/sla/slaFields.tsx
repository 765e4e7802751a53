import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDefectCategories } from '../../api/sla';
import { useBilingual } from '../../i18n';
import { useEnumOptions } from '../../lib/enumOptions';

export const LADDER_TARGETS = ['project', 'city_company', 'region', 'group'] as const;
export const MAX_LIMIT_MINUTES = 60 * 24 * 365;
export const MAX_DELAY_MINUTES = 60 * 24 * 30;

/** Labelled options of the SLA enums; `any` adds the "matches everything" choice (''). */
export function useSlaOptions() {
  const { t } = useTranslation();
  const name = useBilingual();
  const categories = useDefectCategories();
  const options = useEnumOptions();
  return useMemo(() => {
    const any = { value: '', label: t('sla.any') };
    return {
      types: options('ticketType'),
      priorities: options('ticketPriority'),
      nodes: options('slaNode'),
      modes: (['working', 'calendar'] as const).map((v) => ({ value: v, label: t(`sla.modes.${v}`) })),
      majors: [any, ...(['yes', 'no'] as const).map((v) => ({ value: v, label: t(`sla.majorValues.${v}`) }))],
      targets: LADDER_TARGETS.map((v) => ({ value: v, label: t(`sla.targets.${v}`) })),
      categories: (categories.data ?? []).map((c) => ({ value: c.code, label: name(c), title: c.code })),
      categoriesLoading: categories.isLoading,
      any,
    };
  }, [t, name, options, categories.data, categories.isLoading]);
}

/** Category code → its name in the current language (the code itself when unknown). */
export function useCategoryName(): (code: string) => string {
  const { categories } = useSlaOptions();
  return (code) => categories.find((c) => c.value === code)?.label ?? code;
}
