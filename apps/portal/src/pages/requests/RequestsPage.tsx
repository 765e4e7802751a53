import type { MyRequestSummary } from '@anju/contracts';
import { Button, CapsuleTabs, DotLoading, InfiniteScroll, PullToRefresh } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDefectCategories } from '../../api/categories';
import { pageItems } from '../../api/client';
import { useMyRequests } from '../../api/requests';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/PageSkeleton';
import { StageTag, UnreadDot } from '../../components/StageTag';
import { formatDateTime } from '../../lib/format';
import { useRequestTitle } from '../../lib/requestTitle';

function RequestRow({ item }: { item: MyRequestSummary }) {
  const { t } = useTranslation();
  const titleOf = useRequestTitle();
  const categories = useDefectCategories();
  return (
    <Link
      to={`/requests/${item.id}`}
      className="card request-row"
      data-testid="request-item"
      data-number={item.number}
      data-unread={item.unread ? 'true' : 'false'}
    >
      <div className="request-row-head">
        <span className="request-number" data-testid="request-number">
          {item.number}
        </span>
        {item.unread && <UnreadDot label={t('requests.unread')} testId="request-unread-dot" />}
        <span className="spacer" />
        <StageTag stage={item.stage} />
      </div>
      <div className="request-row-title">
        <span className="type-label">{t(`enums.ticketType.${item.type}`)}</span> {titleOf(item, categories.data)}
      </div>
      <div className="muted">
        {[item.projectName, item.unitCode].filter(Boolean).join(' ')}
        {' · '}
        {t('requests.createdAt', { time: formatDateTime(item.createdAt) })}
      </div>
    </Link>
  );
}

/** My requests: every type, newest first, cursor-paged with infinite scroll and a "load more" fallback. */
export function RequestsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'all' | 'open'>('all');
  const query = useMyRequests({ open: tab === 'open' ? true : undefined });
  const items = pageItems(query.data?.pages);

  const content = () => {
    if (query.isPending) return <PageSkeleton rows={8} />;
    if (query.isError && items.length === 0)
      return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    if (items.length === 0)
      return <EmptyState title={tab === 'open' ? t('requests.emptyOpen') : t('requests.empty')} />;
    return (
      <>
        <ul className="card-list" data-testid="request-list">
          {items.map((item) => (
            <li key={item.id}>
              <RequestRow item={item} />
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
              <Button size="small" fill="none" color="primary" onClick={retry} data-testid="load-more-retry">
                {t('common.loadFailed')} · {t('common.retry')}
              </Button>
            ) : hasMore ? (
              <Button
                size="small"
                fill="none"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                data-testid="load-more"
              >
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
        <h1>{t('requests.title')}</h1>
      </header>
      <CapsuleTabs activeKey={tab} onChange={(key) => setTab(key === 'open' ? 'open' : 'all')} className="page-tabs">
        <CapsuleTabs.Tab title={t('requests.all')} key="all" />
        <CapsuleTabs.Tab title={t('requests.open')} key="open" />
      </CapsuleTabs>
      <PullToRefresh onRefresh={() => query.refetch().then(() => undefined)}>{content()}</PullToRefresh>
    </div>
  );
}
