import { useDefectCategories } from '../../api/tickets';
import { useBilingual } from '../../i18n';

/** The defect category's name in the UI language (the code while the list loads or when unknown). */
export function useCategoryName(): (code: string | null | undefined) => string {
  const { data } = useDefectCategories();
  const name = useBilingual();
  return (code) => {
    if (!code) return '—';
    const found = data?.find((c) => c.code === code);
    return found ? name(found) : code;
  };
}
