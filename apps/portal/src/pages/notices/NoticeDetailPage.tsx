import { Button, Tag } from 'antd-mobile';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useMarkNoticeRead, useMyNotice } from '../../api/notices';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { PhotoGrid } from '../../components/PhotoGrid';
import { formatDateTime } from '../../lib/format';

/** One notice; opening it marks it read (once per visit). */
export function NoticeDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const query = useMyNotice(id);
  const markRead = useMarkNoticeRead();
  const marked = useRef<string | null>(null);
  const notice = query.data;

  useEffect(() => {
    if (notice?.read !== false || marked.current === notice.id) return;
    marked.current = notice.id;
    markRead.mutate(notice.id);
  }, [notice, markRead.mutate]);

  const body = () => {
    if (query.isPending) return <PageSkeleton rows={8} />;
    if (query.isError) {
      if (isApiError(query.error) && query.error.status === 404)
        return (
          <EmptyState title={t('notices.notFound')}>
            <Button color="primary" onClick={() => navigate('/notices', { replace: true })}>
              {t('notices.backToList')}
            </Button>
          </EmptyState>
        );
      return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    }
    const n = query.data;
    return (
      <article className="card notice-detail" data-testid="notice-detail" data-notice-id={n.id}>
        <h1 className="notice-title">{n.title}</h1>
        <div className="muted">
          <Tag fill="outline">{t(`enums.noticeCategory.${n.category}`)}</Tag> {n.projectName} ·{' '}
          {formatDateTime(n.publishedAt)}
          {n.createdByName && <> · {t('notices.publishedBy', { name: n.createdByName })}</>}
        </div>
        <div className="notice-body pre-wrap">{n.body}</div>
        <PhotoGrid photos={n.images} label={t('notices.title')} testId="notice-images" />
      </article>
    );
  };

  return (
    <div className="page page-detail">
      <PageNav title={t('notices.title')} fallback="/notices" />
      {body()}
    </div>
  );
}
