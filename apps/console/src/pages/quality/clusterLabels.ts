import type { TFunction } from 'i18next';

/** Tag colours of the three levels (0: no open cluster). */
export const SEVERITY_COLOR = ['default', 'gold', 'orange', 'red'] as const;

/**
 * A cluster category's words: `cat:<code>` is a defect category (named by the category list), `cause:<code>` a
 * complaint cause (the KPI data's cause words).
 */
export function categoryLabel(c: string, t: TFunction, categoryName: (code: string) => string) {
  const [kind, code = ''] = c.split(':');
  return kind === 'cause' ? t(`kpiData.causes.${code}`, { defaultValue: code }) : categoryName(code);
}
