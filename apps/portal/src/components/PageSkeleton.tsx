import { Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** Grey placeholder lines while a page or its data loads. */
export function PageSkeleton({ rows = 5 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="page-skeleton" role="status" aria-busy="true" aria-label={t('common.loading')}>
      <Skeleton.Title animated />
      <Skeleton.Paragraph lineCount={rows} animated />
    </div>
  );
}
