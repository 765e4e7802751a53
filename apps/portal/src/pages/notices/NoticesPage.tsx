import type { Notice } from '@anju/contracts';
import { Button, DotLoading, Image, InfiniteScroll, PullToRefresh, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { pageItems } from '../../api/client';
import { useMyNotices } from '../../api/notices';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/PageSkeleton';
import { UnreadDot } from '../../components/StageTag';
import { formatDate } from '../../lib/format';

function NoticeRow({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const unread = notice.read === false;
  const cover = notice.images[0];
  return (
    <Link
      to={`/notices/${notice.id}`}
      className={`card notice-row${unread ? ' notice-row-unread' : ''}`}
      data-testid="notice-item"
      data-unread={unread ? 'true' : 'false'}
    >
      <div className="notice-row-main">
        <div className="notice-row-title">
          {unread && <UnreadDot label={t('notices.unread')} testId="notice-unread-dot" />}
          <span>{notice.title}</span>
        </div>
        <div className="muted">
          <Tag fill="outline">{t(`enums.noticeCategory.${notice.category}`)}</Tag> {notice.projectName} ·{' '}
          {formatDate(notice.publishedAt)}
        </div>
      </div>
      {cover && (
        <Image
          className="notice-row-cover"
          src={cover.thumbnailUrl ?? cover.url}
          alt=""
          lazy
          fit="cover"
          width={72}
          height={72}
        />
      )}
    </Link>
  );
}

/** Announcements of the owner's projects, newest first; unread ones carry a dot. */
export function NoticesPage() {
  const { t } = useTranslation();
  const query = useMyNotices();
  const items = pageItems(query.data?.pages);

  const content = () => {
    if (query.isPending) return <PageSkeleton rows={8} />;
    if (query.isError && items.length === 0)
      return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    if (items.length === 0) return <EmptyState title={t('notices.empty')} />;
    return (
      <>
        <ul className="card-list" data-testid="notice-list">
          {items.map((n) => (
            <li key={n.id}>
              <NoticeRow notice={n} />
            </li>
          ))}
        </ul>
        <InfiniteScroll
          hasMore={Boolean(query.hasNextPage)}
          loadMore={async () => {
            await query.fetchNextPage({ throwOnError: true });
          }}
        >
          {(hasMore, failed, retry) =>
            failed ? (
              <Button size="small" fill="none" color="primary" onClick={retry}>
                {t('common.loadFailed')} · {t('common.retry')}
              </Button>
            ) : hasMore ? (
              <Button size="small" fill="none" onClick={() => void query.fetchNextPage()} data-testid="load-more">
                {query.isFetchingNextPage ? <DotLoading /> : t('common.loadMore')}
              </Button>
            ) : (
              <span className="muted">{t('common.noMore')}</span>
            )
          }
        </InfiniteScroll>
      </>
    );
  };

  return (
    <div className="page">
      <header className="page-hero">
        <h1>{t('notices.title')}</h1>
      </header>
      <PullToRefresh onRefresh={() => query.refetch().then(() => undefined)}>{content()}</PullToRefresh>
    </div>
  );
}
