import type { MyHome } from '@anju/contracts';
import { useTranslation } from 'react-i18next';
import type { MyDefectCategory } from '../../api/categories';
import { formatDate } from '../../lib/format';

/**
 * Whether the chosen defect is still under warranty, shown before submitting: the category's part category looked
 * up in the home's warranty items.
 */
export function WarrantyHint({
  home,
  category,
  testId,
}: {
  home: MyHome | undefined;
  category: MyDefectCategory | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  if (!home || !category) return null;
  const part = t(`enums.partCategory.${category.partCategory}`);
  const item = home.warranty.find((w) => w.partCategory === category.partCategory);
  const status = item?.status ?? 'unknown';
  const date = item?.expiresOn ? formatDate(item.expiresOn) : '';
  const text =
    status === 'in_warranty'
      ? date
        ? t('repair.warrantyIn', { part, date })
        : t('repair.warrantyInNoDate', { part })
      : status === 'expired'
        ? t('repair.warrantyExpired', { part, date })
        : t('repair.warrantyUnknown', { part });
  return (
    <p className={`warranty-hint warranty-hint-${status}`} data-testid={testId} data-status={status} role="status">
      {text}
    </p>
  );
}
