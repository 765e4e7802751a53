import { ROOMS } from '@anju/contracts';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DesignFeedback } from '../../api/scorecards';
import { useCategoryName } from '../tickets/categoryName';
import './scorecardStrings';

export type FeedbackRow = DesignFeedback['acrossProjects'][number] & { projectId?: string; projectName?: string };

const isRoom = (r: string | null): r is (typeof ROOMS)[number] => ROOMS.includes(r as (typeof ROOMS)[number]);

/** A row's key: its project (if any), product type, layout, room and category. */
export const feedbackKey = (r: FeedbackRow) =>
  [r.projectId ?? '', r.productType ?? '', r.layout ?? '', r.room ?? '', r.category ?? ''].join('|');

/** A part in words: the room (the tickets' room names; none when not recorded) and the defect category's name. */
export function usePartLabel() {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  return (r: Pick<FeedbackRow, 'room' | 'category'>) => {
    const room = isRoom(r.room) ? t(`tickets.rooms.${r.room}`) : r.room;
    return room ? `${room} · ${categoryName(r.category)}` : categoryName(r.category);
  };
}

/** The columns of the design-feedback tables: with the project first when `withProject`. */
export function useFeedbackColumns(withProject: boolean): TableColumnsType<FeedbackRow> {
  const { t } = useTranslation();
  const part = usePartLabel();
  const none = t('designFeedback.noProductType');
  return [
    ...(withProject ? [{ key: 'project', title: t('designFeedback.project'), dataIndex: 'projectName' } as const] : []),
    { key: 'productType', title: t('designFeedback.productType'), render: (_, r) => r.productType ?? none },
    { key: 'layout', title: t('designFeedback.layout'), render: (_, r) => r.layout ?? none },
    { key: 'part', title: t('designFeedback.part'), render: (_, r) => part(r) },
    {
      key: 'repairs',
      title: t('designFeedback.designRepairs'),
      dataIndex: 'repairs',
      align: 'right',
      sorter: (a, b) => a.repairs - b.repairs,
    },
    {
      key: 'households',
      title: t('designFeedback.households'),
      dataIndex: 'households',
      align: 'right',
      sorter: (a, b) => a.households - b.households,
    },
    {
      key: 'mismatches',
      title: t('designFeedback.drawingMismatches'),
      dataIndex: 'drawingMismatches',
      align: 'right',
      sorter: (a, b) => a.drawingMismatches - b.drawingMismatches,
    },
  ];
}
