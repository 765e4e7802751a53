import type { Notice } from '@anju/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<Notice['category'], string> = {
  construction: 'blue',
  design_change: 'orange',
  open_day: 'green',
  delivery: 'purple',
  community: 'cyan',
  other: 'default',
};

export function NoticeCategoryTag({ category }: { category: Notice['category'] }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[category]}>{t(`notices.categories.${category}`)}</Tag>;
}
