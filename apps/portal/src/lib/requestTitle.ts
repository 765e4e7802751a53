import { ROOMS, type TitleParts } from '@anju/contracts';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../i18n';

type Named = { code?: string; nameZh: string; nameEn: string };

/**
 * A request's title in the portal's language: one made from what the owner picked (room, where, problem type) is
 * said again from those; one made from the owner's own words is shown as they wrote it. `categories` are the
 * defect categories (or the one category) whose names the title may need.
 */
export function useRequestTitle(): (
  request: { title: string; titleParts: TitleParts | null },
  categories: Named[] | Named | null | undefined,
) => string {
  const { t } = useTranslation();
  const name = useBilingual();
  return ({ title, titleParts: p }, categories) => {
    if (!p) return title;
    const room = p.room && p.room !== 'other' && (ROOMS as readonly string[]).includes(p.room) ? p.room : null;
    const category = Array.isArray(categories) ? categories.find((c) => c.code === p.categoryCode) : categories;
    const words = [room ? t(`enums.room.${room as 'kitchen'}`) : null, p.location, category ? name(category) : null];
    return words.filter(Boolean).join(' ') || title;
  };
}
