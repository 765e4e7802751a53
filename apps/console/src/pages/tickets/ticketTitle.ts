import { ROOMS, type TitleParts } from '@anju/contracts';
import { useTranslation } from 'react-i18next';
import { useCategoryName } from './categoryName';

/** Rooms with a name of their own ('other' is said by the place the owner typed). */
const NAMED_ROOMS = new Set<string>(ROOMS.filter((r) => r !== 'other'));

/**
 * A ticket's title in the console's language: one made from the owner's picks in the portal (room, where,
 * defect category) is said again from those; a typed title is shown as it was typed.
 */
export function useTicketTitle(): (ticket: { title: string; titleParts: TitleParts | null }) => string {
  const { t } = useTranslation();
  const category = useCategoryName();
  return ({ title, titleParts: p }) => {
    if (!p) return title;
    const room = p.room && NAMED_ROOMS.has(p.room) ? t(`tickets.rooms.${p.room as 'kitchen'}`) : null;
    return [room, p.location, category(p.categoryCode)].filter(Boolean).join(' ');
  };
}
